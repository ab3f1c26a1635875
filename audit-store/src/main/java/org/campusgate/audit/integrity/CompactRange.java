package org.campusgate.audit.integrity;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The right edge of a growing RFC 6962 tree: the roots of the perfect subtrees its leaves
 * decompose into, largest (leftmost) first; one per set bit of the size. Appending a leaf costs
 * on average one node hash; the root of all leaves so far costs O(log n).
 *
 * <p>Not thread-safe; it uses its owner's {@link MerkleHasher}.
 */
public final class CompactRange {

  /** Told of every interior perfect subtree an append completes. */
  @FunctionalInterface
  public interface NodeVisitor {
    /**
     * @param level the subtree's height (1 = two leaves)
     * @param index its position among the nodes of that level, from 0
     * @param hash its hash (do not modify)
     */
    void completed(int level, long index, byte[] hash);
  }

  private static final byte FORMAT = 1;
  private static final int MAX_HASHES = 63; // sizes are non-negative longs

  private final MerkleHasher hasher;
  private final byte[][] stack = new byte[MAX_HASHES][];
  private int top;
  private long size;

  /** An empty range. */
  public CompactRange(MerkleHasher hasher) {
    this.hasher = Objects.requireNonNull(hasher, "hasher");
  }

  /**
   * A range rebuilt from persisted state.
   *
   * @param size how many leaves it covers
   * @param hashes the perfect subtree roots, largest first; exactly {@code Long.bitCount(size)}
   */
  public static CompactRange restore(MerkleHasher hasher, long size, List<byte[]> hashes) {
    Objects.requireNonNull(hashes, "hashes");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    if (hashes.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException("a compact range of size " + size + " has "
          + Long.bitCount(size) + " hashes, not " + hashes.size());
    }
    CompactRange range = new CompactRange(hasher);
    for (byte[] h : hashes) {
      MerkleHasher.checkHash(h, "hash");
      range.stack[range.top++] = h.clone();
    }
    range.size = size;
    return range;
  }

  /**
   * A range over the first {@code size} leaves of a tree, with its subtree roots asked of
   * {@code source} (cheap with a {@link TiledNodeSource}).
   */
  public static CompactRange fromSource(MerkleHasher hasher, long size, NodeSource source) {
    Objects.requireNonNull(source, "source");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size);
    }
    List<byte[]> hashes = new ArrayList<>();
    long start = 0;
    for (int bit = 62; bit >= 0; bit--) {
      long width = 1L << bit;
      if ((size & width) != 0) {
        hashes.add(source.subtreeHash(start, start + width));
        start += width;
      }
    }
    return restore(hasher, size, hashes);
  }

  /** Reads the form {@link #toBytes()} wrote. */
  public static CompactRange fromBytes(MerkleHasher hasher, byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < 9 || bytes[0] != FORMAT) {
      throw new IllegalArgumentException("not a serialised compact range (bad header)");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    buf.get();
    long size = buf.getLong();
    if (size < 0) {
      throw new IllegalArgumentException("not a serialised compact range (negative size)");
    }
    int count = Long.bitCount(size);
    if (buf.remaining() != count * MerkleHasher.HASH_SIZE) {
      throw new IllegalArgumentException("serialised compact range of size " + size + " needs "
          + count * MerkleHasher.HASH_SIZE + " hash bytes, has " + buf.remaining());
    }
    List<byte[]> hashes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] h = new byte[MerkleHasher.HASH_SIZE];
      buf.get(h);
      hashes.add(h);
    }
    return restore(hasher, size, hashes);
  }

  /** Adds the next leaf. */
  public void append(byte[] leafHash) {
    append(leafHash, null);
  }

  /** Adds the next leaf, telling {@code visitor} (if not null) of each subtree it completes. */
  public void append(byte[] leafHash, NodeVisitor visitor) {
    MerkleHasher.checkHash(leafHash, "leafHash");
    if (size == Long.MAX_VALUE) {
      throw new IllegalStateException("tree is full");
    }
    byte[] h = leafHash.clone();
    long index = size;
    int level = 0;
    // Each trailing one bit of the new leaf's index closes a perfect subtree.
    while ((index & 1) == 1) {
      h = hasher.nodeHash(stack[--top], h);
      stack[top] = null;
      index >>>= 1;
      level++;
      if (visitor != null) {
        visitor.completed(level, index, h);
      }
    }
    stack[top++] = h;
    size++;
  }

  /** How many leaves it covers. */
  public long size() {
    return size;
  }

  /** The RFC 6962 Merkle tree hash of all leaves so far. */
  public byte[] root() {
    if (top == 0) {
      return MerkleHasher.emptyRoot();
    }
    byte[] h = stack[top - 1];
    for (int i = top - 2; i >= 0; i--) {
      h = hasher.nodeHash(stack[i], h);
    }
    return h.clone();
  }

  /** The perfect subtree roots, largest first (copies). */
  public List<byte[]> hashes() {
    List<byte[]> out = new ArrayList<>(top);
    for (int i = 0; i < top; i++) {
      out.add(stack[i].clone());
    }
    return out;
  }

  /** An independent copy sharing this range's hasher (so usable by the same owner only). */
  public CompactRange copy() {
    return copy(hasher);
  }

  /** An independent copy using another hasher, e.g. for another thread. */
  public CompactRange copy(MerkleHasher otherHasher) {
    CompactRange c = new CompactRange(otherHasher);
    for (int i = 0; i < top; i++) {
      c.stack[i] = stack[i]; // hashes are never modified in place, so sharing is safe
    }
    c.top = top;
    c.size = size;
    return c;
  }

  /** {@code 0x01 ‖ size (8 bytes big-endian) ‖ the hashes, largest first}. */
  public byte[] toBytes() {
    ByteBuffer buf = ByteBuffer.allocate(9 + top * MerkleHasher.HASH_SIZE);
    buf.put(FORMAT).putLong(size);
    for (int i = 0; i < top; i++) {
      buf.put(stack[i]);
    }
    return buf.array();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CompactRange c) || c.size != size) {
      return false;
    }
    for (int i = 0; i < top; i++) {
      if (!Arrays.equals(stack[i], c.stack[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size) * 31 + (top == 0 ? 0 : Arrays.hashCode(stack[top - 1]));
  }

  @Override
  public String toString() {
    return "CompactRange[size=" + size + "]";
  }
}
