package org.campusgate.audit.journal;

/**
 * How a {@link Journal} lays out its files.
 *
 * @param maxSegmentBytes the size at which the active segment is sealed and a new one begun
 *     (a single frame larger than this still gets a segment of its own)
 * @param compressSealed whether sealed segments are rewritten as zstd-compressed {@code .zseg}
 * @param zstdLevel the zstd level, 1..19
 * @param blockRawBytes the raw size of a compressed block, the unit of random access in a
 *     {@code .zseg}; 4 KiB .. 8 MiB
 */
public record JournalOptions(
    long maxSegmentBytes, boolean compressSealed, int zstdLevel, int blockRawBytes) {

  public static final long DEFAULT_MAX_SEGMENT_BYTES = 64L << 20;
  public static final int DEFAULT_ZSTD_LEVEL = 3;
  public static final int DEFAULT_BLOCK_RAW_BYTES = 64 << 10;

  /** The smallest segment allowed: a header and one small frame (tests use tiny segments). */
  public static final long MIN_SEGMENT_BYTES = 256;

  public JournalOptions {
    if (maxSegmentBytes < MIN_SEGMENT_BYTES || maxSegmentBytes > (1L << 40)) {
      throw new IllegalArgumentException(
          "maxSegmentBytes must be " + MIN_SEGMENT_BYTES + " .. 2^40, was " + maxSegmentBytes);
    }
    if (zstdLevel < 1 || zstdLevel > 19) {
      throw new IllegalArgumentException("zstdLevel must be 1..19, was " + zstdLevel);
    }
    if (blockRawBytes < 4096 || blockRawBytes > (8 << 20)) {
      throw new IllegalArgumentException(
          "blockRawBytes must be 4 KiB .. 8 MiB, was " + blockRawBytes);
    }
  }

  /** 64 MiB segments, compressed at zstd level 3 in 64 KiB blocks. */
  public static JournalOptions defaults() {
    return new JournalOptions(
        DEFAULT_MAX_SEGMENT_BYTES, true, DEFAULT_ZSTD_LEVEL, DEFAULT_BLOCK_RAW_BYTES);
  }

  public JournalOptions withMaxSegmentBytes(long v) {
    return new JournalOptions(v, compressSealed, zstdLevel, blockRawBytes);
  }

  public JournalOptions withCompressSealed(boolean v) {
    return new JournalOptions(maxSegmentBytes, v, zstdLevel, blockRawBytes);
  }

  public JournalOptions withZstdLevel(int v) {
    return new JournalOptions(maxSegmentBytes, compressSealed, v, blockRawBytes);
  }

  public JournalOptions withBlockRawBytes(int v) {
    return new JournalOptions(maxSegmentBytes, compressSealed, zstdLevel, v);
  }
}
