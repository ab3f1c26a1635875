package org.campusgate.audit.journal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A strict reader of the record field encodings: every value must be in its one canonical form,
 * so that accepted bytes always re-encode to themselves. Not thread-safe.
 */
final class ByteReader {
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] buf;
  private int pos;
  private int end;

  void reset(byte[] bytes, int offset, int length) {
    this.buf = bytes;
    this.pos = offset;
    this.end = offset + length;
  }

  int remaining() {
    return end - pos;
  }

  int position() {
    return pos;
  }

  private void need(int n, String what) {
    if (n > end - pos) {
      throw new RecordFormatException(
          "record truncated: " + what + " needs " + n + " bytes at offset " + pos + ", "
              + (end - pos) + " left");
    }
  }

  int readUnsignedByte(String what) {
    need(1, what);
    return buf[pos++] & 0xFF;
  }

  long readLong(String what) {
    need(8, what);
    long v = RecordHeader.getLong(buf, pos);
    pos += 8;
    return v;
  }

  int readInt(String what) {
    need(4, what);
    int v = RecordHeader.getInt(buf, pos);
    pos += 4;
    return v;
  }

  UUID readUuid(String what) {
    need(16, what);
    long msb = readLong(what);
    long lsb = readLong(what);
    return new UUID(msb, lsb);
  }

  boolean readBoolean(String what) {
    int b = readUnsignedByte(what);
    if (b > 1) {
      throw new RecordFormatException(what + ": boolean byte must be 0 or 1, was " + b);
    }
    return b == 1;
  }

  /** An unsigned varint of at most {@code maxBytes} bytes whose value fits {@code bits} bits. */
  private long readVarint(String what, int bits) {
    int maxBytes = (bits + 6) / 7;
    long result = 0;
    for (int i = 0; i < maxBytes; i++) {
      int b = readUnsignedByte(what);
      int shift = 7 * i;
      int payload = b & 0x7F;
      if (i == maxBytes - 1 && (b & 0x80) != 0) {
        throw new RecordFormatException(what + ": varint longer than " + maxBytes + " bytes");
      }
      if (i == maxBytes - 1 && bits - shift < 7 && (payload >>> (bits - shift)) != 0) {
        throw new RecordFormatException(what + ": varint overflows " + bits + " bits");
      }
      result |= (long) payload << shift;
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw new RecordFormatException(what + ": overlong varint (trailing zero byte)");
        }
        return result;
      }
    }
    throw new AssertionError("unreachable");
  }

  /** An unsigned varint that must be at most {@code max}. */
  long readVarint(String what, long max) {
    long v = readVarint(what, 64);
    if (v < 0 || v > max) {
      throw new RecordFormatException(
          what + ": value " + Long.toUnsignedString(v) + " exceeds the limit " + max);
    }
    return v;
  }

  int readZigzagInt(String what) {
    int v = (int) readVarint(what, 32);
    return (v >>> 1) ^ -(v & 1);
  }

  long readZigzagLong(String what) {
    long v = readVarint(what, 64);
    return (v >>> 1) ^ -(v & 1);
  }

  String readString(String what, int maxBytes) {
    int n = (int) readVarint(what, maxBytes + 1L);
    if (n == 0) {
      return null;
    }
    int len = n - 1;
    need(len, what);
    int start = pos;
    pos += len;
    boolean ascii = true;
    for (int i = start; i < start + len; i++) {
      if (buf[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(buf, start, len, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(buf, start, len));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new RecordFormatException(what + ": malformed UTF-8 at offset " + start, e);
    }
  }

  String readNonNullString(String what, int maxBytes) {
    String s = readString(what, maxBytes);
    if (s == null) {
      throw new RecordFormatException(what + ": required, but null");
    }
    return s;
  }

  List<String> readStringList(String what, int maxBytes, int maxCount) {
    int count = (int) readVarint(what + " count", maxCount);
    if (count > remaining()) {
      throw new RecordFormatException(
          what + ": " + count + " entries cannot fit in the " + remaining() + " bytes left");
    }
    List<String> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(readNonNullString(what + "[" + i + "]", maxBytes));
    }
    return list;
  }
}
