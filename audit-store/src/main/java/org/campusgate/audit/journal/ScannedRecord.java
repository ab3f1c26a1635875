package org.campusgate.audit.journal;

import java.util.Objects;

/**
 * One intact frame found by {@link SegmentScanner}.
 *
 * @param segment the segment file name
 * @param offset for a {@code .seg}, the frame's byte offset in the file; for a {@code .zseg},
 *     the frame's offset inside the decompressed block
 * @param blockOffset for a {@code .zseg}, the byte offset of the compressed block in the file;
 *     -1 for a {@code .seg}
 * @param seq the record's seq (from its header)
 * @param bytes the record bytes (CRC checked); the listener owns the array
 */
public record ScannedRecord(String segment, long offset, long blockOffset, long seq, byte[] bytes) {
  public ScannedRecord {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(bytes, "bytes");
  }
}
