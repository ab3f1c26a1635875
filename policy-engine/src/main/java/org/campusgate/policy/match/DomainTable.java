package org.campusgate.policy.match;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;

/**
 * An immutable hash set of domain names, each with a small value (a category-set id), built for
 * millions of entries and millions of lookups per second per core.
 *
 * <h2>Why this shape</h2>
 *
 * A {@code HashMap<String, ...>} costs well over 100 bytes per entry (node, String, array
 * headers); at 5 million domains that is most of a gigabyte. Here an entry is its ASCII bytes in
 * one shared array, {@code [length][bytes...][value:2]}, found through an open-addressing table
 * of {@code int} offsets with linear probing, plus one tag byte per slot holding 8 more bits of
 * the hash. The tag array is probed first, so a miss, by far the common case, usually touches one
 * cache line; a hit compares the bytes, so there are no false positives. At a load factor of at
 * most 0.65 this comes to about 8 bytes of table plus the name's length plus 3 bytes per entry.
 *
 * <h2>Suffix lookups in one pass</h2>
 *
 * A domain entry matches the domain and every subdomain on label boundaries, so a lookup of
 * {@code a.b.example.com} asks for {@code a.b.example.com}, {@code b.example.com}, {@code
 * example.com} and {@code com}. The hash is computed right to left, so the hash of every suffix
 * falls out of a single pass over the host: at each dot the running hash is the suffix's hash.
 */
public final class DomainTable {
  private static final float MAX_LOAD = 0.65f;
  /** Labels longer than this are not hostnames; the length byte caps entries at 255. */
  public static final int MAX_NAME_LENGTH = 253;

  private final byte[] blob;
  private final int[] offsets;
  private final byte[] tags;
  private final int mask;
  private final int size;

  private DomainTable(byte[] blob, int[] offsets, byte[] tags, int size) {
    this.blob = blob;
    this.offsets = offsets;
    this.tags = tags;
    this.mask = offsets.length - 1;
    this.size = size;
  }

  /** Receives the value of each matching entry. */
  @FunctionalInterface
  public interface MatchSink {
    void match(int value);
  }

  public int size() {
    return size;
  }

  /** The value stored for exactly {@code name}, or -1. */
  public int get(String name) {
    byte[] b = ascii(name);
    if (b == null) {
      return -1;
    }
    int h = 0;
    for (int i = b.length - 1; i >= 0; i--) {
      h = 31 * h + b[i];
    }
    return probe(b, 0, b.length, h);
  }

  /**
   * Reports the value of {@code host} and of each of its parent domains that is in the table,
   * least specific first. {@code host} must be canonical (lower-case ASCII, no empty labels).
   *
   * @return the number of matches
   */
  public int forEachSuffixMatch(String host, MatchSink sink) {
    byte[] b = ascii(host);
    if (b == null) {
      return 0;
    }
    int matches = 0;
    int end = b.length;
    int h = 0;
    for (int i = end - 1; i >= 0; i--) {
      byte c = b[i];
      if (c == '.') {
        int value = probe(b, i + 1, end, h);
        if (value >= 0) {
          sink.match(value);
          matches++;
        }
      }
      h = 31 * h + c;
    }
    int value = probe(b, 0, end, h);
    if (value >= 0) {
      sink.match(value);
      matches++;
    }
    return matches;
  }

  /** The host's bytes; canonical hosts are ASCII, anything else cannot be in the table. */
  private static byte[] ascii(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    for (byte c : b) {
      if (c < 0) {
        return null;
      }
    }
    return b;
  }

  private int probe(byte[] host, int from, int to, int hash) {
    int length = to - from;
    if (length > MAX_NAME_LENGTH || length == 0) {
      return -1;
    }
    int mixed = mix(hash);
    byte tag = tag(mixed);
    for (int slot = mixed & mask; ; slot = (slot + 1) & mask) {
      byte t = tags[slot];
      if (t == 0) {
        return -1;
      }
      if (t == tag) {
        int offset = offsets[slot];
        if ((blob[offset] & 0xFF) == length
            && Arrays.equals(blob, offset + 1, offset + 1 + length, host, from, to)) {
          int v = offset + 1 + length;
          return (blob[v] & 0xFF) << 8 | (blob[v + 1] & 0xFF);
        }
      }
    }
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  /** Never 0: a zero tag marks an empty slot. */
  private static byte tag(int mixed) {
    byte t = (byte) (mixed >>> 24);
    return t == 0 ? 1 : t;
  }

  public static Builder builder(int expectedEntries, IntBinaryOperator merge) {
    return new Builder(expectedEntries, merge);
  }

  /**
   * Collects entries. Adding a name twice merges the two values with the given operator (the
   * union of two category sets, say). Not thread-safe; {@link #build()} once.
   */
  public static final class Builder {
    private final IntBinaryOperator merge;
    private byte[] blob;
    private int blobSize;
    private int[] offsets;
    private byte[] tags;
    private int size;

    private Builder(int expectedEntries, IntBinaryOperator merge) {
      this.merge = merge;
      int capacity = capacityFor(Math.max(expectedEntries, 16));
      offsets = new int[capacity];
      tags = new byte[capacity];
      blob = new byte[Math.max(1024, expectedEntries * 20)];
    }

    /**
     * Adds {@code name} (canonical, ASCII, at most {@value #MAX_NAME_LENGTH} characters) with a
     * value in 0..65535.
     */
    public Builder add(String name, int value) {
      if (value < 0 || value > 0xFFFF) {
        throw new IllegalArgumentException("value out of range: " + value);
      }
      int length = name.length();
      if (length == 0 || length > MAX_NAME_LENGTH) {
        throw new IllegalArgumentException("domain name length must be 1.." + MAX_NAME_LENGTH + ": " + name);
      }
      int h = 0;
      for (int i = length - 1; i >= 0; i--) {
        char c = name.charAt(i);
        if (c > 0x7F) {
          throw new IllegalArgumentException("domain name not canonical ASCII: " + name);
        }
        h = 31 * h + c;
      }
      int mixed = mix(h);
      byte tag = tag(mixed);
      int m = offsets.length - 1;
      int slot = mixed & m;
      for (; tags[slot] != 0; slot = (slot + 1) & m) {
        int offset = offsets[slot];
        if (tags[slot] == tag && (blob[offset] & 0xFF) == length && same(name, offset + 1)) {
          int v = offset + 1 + length;
          int merged = merge.applyAsInt((blob[v] & 0xFF) << 8 | (blob[v + 1] & 0xFF), value);
          blob[v] = (byte) (merged >>> 8);
          blob[v + 1] = (byte) merged;
          return this;
        }
      }
      ensureBlob(length + 3);
      int offset = blobSize;
      blob[blobSize++] = (byte) length;
      for (int i = 0; i < length; i++) {
        blob[blobSize++] = (byte) name.charAt(i);
      }
      blob[blobSize++] = (byte) (value >>> 8);
      blob[blobSize++] = (byte) value;
      offsets[slot] = offset;
      tags[slot] = tag;
      size++;
      if (size > offsets.length * MAX_LOAD) {
        rehash(offsets.length * 2);
      }
      return this;
    }

    public DomainTable build() {
      int capacity = capacityFor(size);
      if (capacity < offsets.length) {
        rehash(capacity);
      }
      byte[] trimmed = Arrays.copyOf(blob, blobSize);
      DomainTable table = new DomainTable(trimmed, offsets, tags, size);
      blob = null;
      offsets = null;
      tags = null;
      return table;
    }

    private boolean same(String name, int at) {
      for (int i = 0; i < name.length(); i++) {
        if (blob[at + i] != (byte) name.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    private void ensureBlob(int extra) {
      if (blobSize + extra > blob.length) {
        long grown = Math.max((long) blob.length * 3 / 2, (long) blobSize + extra);
        if (grown > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("domain table over 2 GiB");
        }
        blob = Arrays.copyOf(blob, (int) grown);
      }
    }

    private void rehash(int capacity) {
      int[] newOffsets = new int[capacity];
      byte[] newTags = new byte[capacity];
      int m = capacity - 1;
      for (int s = 0; s < offsets.length; s++) {
        if (tags[s] == 0) {
          continue;
        }
        int offset = offsets[s];
        int length = blob[offset] & 0xFF;
        int h = 0;
        for (int i = offset + length; i > offset; i--) {
          h = 31 * h + blob[i];
        }
        int mixed = mix(h);
        int slot = mixed & m;
        while (newTags[slot] != 0) {
          slot = (slot + 1) & m;
        }
        newOffsets[slot] = offset;
        newTags[slot] = tags[s];
      }
      offsets = newOffsets;
      tags = newTags;
    }

    private static int capacityFor(int entries) {
      long needed = (long) Math.ceil(entries / (double) MAX_LOAD) + 1;
      long capacity = Long.highestOneBit(needed);
      if (capacity < needed) {
        capacity <<= 1;
      }
      if (capacity > (1 << 30)) {
        throw new IllegalStateException("too many domain entries: " + entries);
      }
      return (int) Math.max(capacity, 16);
    }
  }
}
