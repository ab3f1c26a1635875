package org.campusgate.audit.journal;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A growable, bounded output buffer with the record field encodings. Reused across records by
 * one codec; not thread-safe.
 */
final class ByteWriter {
  private final int maxBytes;
  private byte[] buf;
  private int pos;

  ByteWriter(int initialCapacity, int maxBytes) {
    this.maxBytes = maxBytes;
    this.buf = new byte[Math.min(initialCapacity, maxBytes)];
  }

  void reset() {
    pos = 0;
  }

  int size() {
    return pos;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  private void ensure(int more) {
    int needed = pos + more;
    if (needed < 0 || needed > maxBytes) {
      throw new IllegalArgumentException("record longer than " + maxBytes + " bytes");
    }
    if (needed > buf.length) {
      int grown = (int) Math.min(maxBytes, Math.max(needed, 2L * buf.length));
      buf = Arrays.copyOf(buf, grown);
    }
  }

  void writeByte(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
  }

  void writeInt(int v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  void writeLong(long v) {
    writeInt((int) (v >>> 32));
    writeInt((int) v);
  }

  void writeUuid(UUID v) {
    writeLong(v.getMostSignificantBits());
    writeLong(v.getLeastSignificantBits());
  }

  void writeBoolean(boolean v) {
    writeByte(v ? 1 : 0);
  }

  /** Unsigned LEB128, minimal length (so the encoding is canonical). */
  void writeVarint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  void writeZigzagInt(int v) {
    writeVarint(((v << 1) ^ (v >> 31)) & 0xFFFFFFFFL);
  }

  void writeZigzagLong(long v) {
    writeVarint((v << 1) ^ (v >> 63));
  }

  /** Varint (UTF-8 length + 1, 0 for null), then the UTF-8 bytes. */
  void writeString(String s, int maxStringBytes) {
    if (s == null) {
      writeByte(0);
      return;
    }
    int n = s.length();
    // The JDK encodes ASCII with an intrinsic. Equal lengths mean ASCII, unless a lone
    // surrogate became a '?' replacement (which must be refused, not written).
    byte[] ascii = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    if (ascii.length == n && !hasReplacement(ascii, s)) {
      if (n > maxStringBytes) {
        throw new IllegalArgumentException(
            "string of " + n + " UTF-8 bytes exceeds the limit of " + maxStringBytes);
      }
      writeVarint(n + 1L);
      ensure(n);
      System.arraycopy(ascii, 0, buf, pos, n);
      pos += n;
      return;
    }
    int utf8 = utf8Length(s);
    if (utf8 > maxStringBytes) {
      throw new IllegalArgumentException(
          "string of " + utf8 + " UTF-8 bytes exceeds the limit of " + maxStringBytes);
    }
    writeVarint(utf8 + 1L);
    ensure(utf8);
    if (utf8 == n) {
      for (int i = 0; i < n; i++) {
        buf[pos++] = (byte) s.charAt(i);
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        buf[pos++] = (byte) c;
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xC0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[pos++] = (byte) (0xF0 | (cp >> 18));
        buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        buf[pos++] = (byte) (0xE0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
      }
    }
  }

  private static boolean hasReplacement(byte[] encoded, String s) {
    for (int i = 0; i < encoded.length; i++) {
      if (encoded[i] == '?' && s.charAt(i) != '?') {
        return true;
      }
    }
    return false;
  }

  void writeStringList(List<String> list, int maxStringBytes) {
    writeVarint(list.size());
    for (String s : list) {
      writeString(s, maxStringBytes);
    }
  }

  /** The UTF-8 length; rejects lone surrogates, which have no UTF-8 form (no silent '?'). */
  private static int utf8Length(String s) {
    int n = s.length();
    long len = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        len += 1;
      } else if (c < 0x800) {
        len += 2;
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          len += 4;
          i++;
        } else {
          throw new IllegalArgumentException("string has a lone surrogate at index " + i);
        }
      } else {
        len += 3;
      }
    }
    return (int) Math.min(len, Integer.MAX_VALUE);
  }
}
