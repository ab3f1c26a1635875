package org.campusgate.audit.journal;

import java.util.zip.CRC32C;

/**
 * The binding layout of segment files, shared by the writer, the readers and the scanner.
 *
 * <pre>
 * header (both kinds, {@value #HEADER_SIZE} bytes):
 *   u32 magic ("CGJS" for .seg, "CGJZ" for .zseg), u8 version 1, 3 zero bytes,
 *   u64 first seq, u32 CRC32C of the 16 bytes before
 * .seg body: frames [u32 record length][u32 CRC32C of the record bytes][record bytes]
 * .zseg body: blocks, each one zstd frame (with content checksum) of consecutive raw frames;
 *   then the index: u32 block count, per block {u64 first seq, u32 record count,
 *   u64 file offset, u32 compressed length, u32 raw length}, then the segment's min and max
 *   record time (i64 epoch seconds, i32 nanos each);
 *   then the trailer: u64 record count, u64 index offset, u32 CRC32C of the index, u32 "CGZT".
 * </pre>
 *
 * All integers are big-endian.
 */
final class SegmentFormat {
  static final int SEG_MAGIC = 0x43474A53; // "CGJS"
  static final int ZSEG_MAGIC = 0x43474A5A; // "CGJZ"
  static final int TRAILER_MAGIC = 0x43475A54; // "CGZT"
  static final int VERSION = 1;
  static final int HEADER_SIZE = 20;
  static final int FRAME_HEADER = 8;
  static final int MAX_RECORD = RecordCodec.MAX_RECORD_BYTES;
  static final int TRAILER_SIZE = 24;
  static final int INDEX_ENTRY_SIZE = 28;
  static final int INDEX_FIXED = 4 + 24;
  /** The largest raw block a reader accepts (a block holds at least one whole frame). */
  static final int MAX_BLOCK_RAW = 16 << 20;
  static final int MAX_BLOCKS = 1 << 20;
  static final String SEG = ".seg";
  static final String ZSEG = ".zseg";
  static final String TMP = ".tmp";

  private SegmentFormat() {}

  static String segName(long firstSeq) {
    return String.format("%020d", firstSeq) + SEG;
  }

  static String zsegName(long firstSeq) {
    return String.format("%020d", firstSeq) + ZSEG;
  }

  /** The first seq a segment file name carries, or -1 when it is not a segment name. */
  static long firstSeqOf(String fileName) {
    int dot = fileName.indexOf('.');
    if (dot != 20 || !(fileName.endsWith(SEG) && fileName.length() == 24
        || fileName.endsWith(ZSEG) && fileName.length() == 25)) {
      return -1;
    }
    for (int i = 0; i < 20; i++) {
      if (fileName.charAt(i) < '0' || fileName.charAt(i) > '9') {
        return -1;
      }
    }
    try {
      return Long.parseLong(fileName.substring(0, 20));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static byte[] header(int magic, long firstSeq) {
    byte[] h = new byte[HEADER_SIZE];
    putInt(h, 0, magic);
    h[4] = VERSION;
    putLong(h, 8, firstSeq);
    putInt(h, 16, crc(h, 0, 16));
    return h;
  }

  /** Why a header is not valid for {@code expectedFirstSeq}, or null when it is. */
  static String headerProblem(byte[] h, int magic, long expectedFirstSeq) {
    if (h.length < HEADER_SIZE) {
      return "header is " + h.length + " bytes, expected " + HEADER_SIZE;
    }
    if (RecordHeader.getInt(h, 0) != magic) {
      return String.format("bad magic 0x%08x", RecordHeader.getInt(h, 0));
    }
    if (RecordHeader.getInt(h, 16) != crc(h, 0, 16)) {
      return "header checksum mismatch";
    }
    if (h[4] != VERSION) {
      return "unknown segment format version " + (h[4] & 0xFF);
    }
    long first = RecordHeader.getLong(h, 8);
    if (first != expectedFirstSeq) {
      return "header says first seq " + first + ", expected " + expectedFirstSeq;
    }
    return null;
  }

  static int crc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return (int) c.getValue();
  }

  static void putInt(byte[] b, int i, int v) {
    b[i] = (byte) (v >>> 24);
    b[i + 1] = (byte) (v >>> 16);
    b[i + 2] = (byte) (v >>> 8);
    b[i + 3] = (byte) v;
  }

  static void putLong(byte[] b, int i, long v) {
    putInt(b, i, (int) (v >>> 32));
    putInt(b, i + 4, (int) v);
  }
}
