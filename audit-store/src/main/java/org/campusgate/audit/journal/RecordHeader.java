package org.campusgate.audit.journal;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * Reads the fixed header of a canonical record (version, type, seq, timestamp) without decoding
 * the rest, so the journal and indexes can route records cheaply.
 *
 * <pre>
 * offset 0  u8  format version ({@value #VERSION})
 * offset 1  u8  type ({@link RecordType#code()})
 * offset 2  u64 seq, big-endian
 * offset 10 i64 epoch seconds of the timestamp, big-endian
 * offset 18 i32 nanos of the timestamp, big-endian
 * offset 22 the record's other fields
 * </pre>
 */
public final class RecordHeader {
  /** The record format version this codec writes and reads. */
  public static final int VERSION = 1;

  /** The size of the fixed header; every record is at least this long. */
  public static final int SIZE = 22;

  private RecordHeader() {}

  /** The sequence number of a record. */
  public static long seq(byte[] record) {
    return seq(record, 0, record.length);
  }

  /** The timestamp of a record. */
  public static Instant timestamp(byte[] record) {
    check(record, 0, record.length);
    long seconds = epochSecond(record, 0);
    int nanos = nanos(record, 0);
    if (nanos < 0 || nanos > 999_999_999) {
      throw new RecordFormatException("timestamp nanos out of range: " + nanos);
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new RecordFormatException("timestamp out of range: " + seconds + " s", e);
    }
  }

  /** The type of a record. */
  public static RecordType type(byte[] record) {
    check(record, 0, record.length);
    return RecordType.ofCode(record[1] & 0xFF);
  }

  /** The seq of the record in {@code buf[off, off + len)}, checking version, type and sign. */
  static long seq(byte[] buf, int off, int len) {
    check(buf, off, len);
    long seq = getLong(buf, off + 2);
    if (seq < 0) {
      throw new RecordFormatException("seq beyond 2^63-1: " + Long.toUnsignedString(seq));
    }
    return seq;
  }

  static long epochSecond(byte[] buf, int off) {
    return getLong(buf, off + 10);
  }

  static int nanos(byte[] buf, int off) {
    return getInt(buf, off + 18);
  }

  private static void check(byte[] buf, int off, int len) {
    if (len < SIZE) {
      throw new RecordFormatException("record too short for its header: " + len + " bytes");
    }
    int version = buf[off] & 0xFF;
    if (version != VERSION) {
      throw new RecordFormatException("unknown record format version " + version);
    }
    RecordType.ofCode(buf[off + 1] & 0xFF);
  }

  static long getLong(byte[] b, int i) {
    return ((long) getInt(b, i) << 32) | (getInt(b, i + 4) & 0xFFFFFFFFL);
  }

  static int getInt(byte[] b, int i) {
    return ((b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8)
        | (b[i + 3] & 0xFF);
  }
}
