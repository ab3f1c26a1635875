package org.campusgate.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The footer of a {@code .zseg}: its block index, time range and trailer (layout in {@link
 * SegmentFormat}). Read without decompressing anything.
 */
record ZsegIndex(List<Block> blocks, long recordCount, long indexOffset, long minSec, int minNano,
    long maxSec, int maxNano) {

  /** One compressed block: a zstd frame holding {@code count} consecutive frames. */
  record Block(long firstSeq, int count, long offset, int compressedLength, int rawLength) {}

  /** Why a footer cannot be used; {@code truncated} when it is missing or short. */
  static final class FooterException extends Exception {
    final boolean truncated;

    FooterException(boolean truncated, String message) {
      super(message);
      this.truncated = truncated;
    }
  }

  ZsegIndex {
    blocks = List.copyOf(blocks);
  }

  /** The encoded index followed by the trailer. */
  byte[] encode() {
    int indexLen = SegmentFormat.INDEX_FIXED + blocks.size() * SegmentFormat.INDEX_ENTRY_SIZE;
    ByteBuffer b = ByteBuffer.allocate(indexLen + SegmentFormat.TRAILER_SIZE);
    b.putInt(blocks.size());
    for (Block k : blocks) {
      b.putLong(k.firstSeq()).putInt(k.count()).putLong(k.offset())
          .putInt(k.compressedLength()).putInt(k.rawLength());
    }
    b.putLong(minSec).putInt(minNano).putLong(maxSec).putInt(maxNano);
    int crc = SegmentFormat.crc(b.array(), 0, indexLen);
    b.putLong(recordCount).putLong(indexOffset).putInt(crc).putInt(SegmentFormat.TRAILER_MAGIC);
    return b.array();
  }

  /** Reads and checks the footer of a {@code .zseg} of {@code fileSize} bytes. */
  static ZsegIndex read(ReadChannel ch, long fileSize) throws IOException, FooterException {
    long min = SegmentFormat.HEADER_SIZE + SegmentFormat.INDEX_FIXED + SegmentFormat.TRAILER_SIZE;
    if (fileSize < min) {
      throw new FooterException(true, "file of " + fileSize + " bytes is too short for a footer");
    }
    ByteBuffer t = ByteBuffer.allocate(SegmentFormat.TRAILER_SIZE);
    ch.readFully(t, fileSize - SegmentFormat.TRAILER_SIZE);
    t.flip();
    long recordCount = t.getLong();
    long indexOffset = t.getLong();
    int crc = t.getInt();
    if (t.getInt() != SegmentFormat.TRAILER_MAGIC) {
      throw new FooterException(true, "trailer missing (no trailer magic at the end)");
    }
    long indexLen = fileSize - SegmentFormat.TRAILER_SIZE - indexOffset;
    if (indexOffset < SegmentFormat.HEADER_SIZE || indexLen < SegmentFormat.INDEX_FIXED
        || indexLen > SegmentFormat.INDEX_FIXED
            + (long) SegmentFormat.MAX_BLOCKS * SegmentFormat.INDEX_ENTRY_SIZE) {
      throw new FooterException(true, "index offset " + indexOffset + " is impossible");
    }
    byte[] idx = new byte[(int) indexLen];
    ch.readFully(ByteBuffer.wrap(idx), indexOffset);
    if (SegmentFormat.crc(idx, 0, idx.length) != crc) {
      throw new FooterException(false, "block index checksum mismatch");
    }
    ByteBuffer b = ByteBuffer.wrap(idx);
    int n = b.getInt();
    if (n < 0
        || indexLen != SegmentFormat.INDEX_FIXED + (long) n * SegmentFormat.INDEX_ENTRY_SIZE) {
      throw new FooterException(false, "block index of " + indexLen + " bytes cannot hold "
          + n + " blocks");
    }
    List<Block> blocks = new ArrayList<>(n);
    long expectOffset = SegmentFormat.HEADER_SIZE;
    long total = 0;
    for (int i = 0; i < n; i++) {
      Block k = new Block(b.getLong(), b.getInt(), b.getLong(), b.getInt(), b.getInt());
      if (k.offset() != expectOffset || k.compressedLength() <= 0 || k.count() <= 0
          || k.rawLength() <= 0 || k.rawLength() > SegmentFormat.MAX_BLOCK_RAW
          || k.offset() + k.compressedLength() > indexOffset
          || (i > 0 && k.firstSeq() != blocks.get(i - 1).firstSeq() + blocks.get(i - 1).count())) {
        throw new FooterException(false, "block index entry " + i + " is inconsistent: " + k);
      }
      expectOffset = k.offset() + k.compressedLength();
      total += k.count();
      blocks.add(k);
    }
    if (expectOffset != indexOffset || total != recordCount) {
      throw new FooterException(false, "blocks end at " + expectOffset + " and hold " + total
          + " records; the trailer says " + indexOffset + " and " + recordCount);
    }
    return new ZsegIndex(blocks, recordCount, indexOffset, b.getLong(), b.getInt(), b.getLong(),
        b.getInt());
  }
}
