package org.campusgate.audit.journal;

import java.io.IOException;

/**
 * A read touched bytes of a segment that are not valid records: a checksum mismatch, a broken
 * frame, an undecompressable block or a gap in the seqs. The journal never repairs such damage
 * (only a torn tail is cut at open); {@link SegmentScanner} reports it in detail.
 */
public final class CorruptSegmentException extends IOException {
  private final String segment;
  private final long offset;

  public CorruptSegmentException(String segment, long offset, String message) {
    super(segment + (offset >= 0 ? " at byte " + offset : "") + ": " + message);
    this.segment = segment;
    this.offset = offset;
  }

  public CorruptSegmentException(String segment, long offset, String message, Throwable cause) {
    this(segment, offset, message);
    initCause(cause);
  }

  /** The segment file name. */
  public String segment() {
    return segment;
  }

  /** The byte offset in the file (for a .zseg, of the block), or -1. */
  public long offset() {
    return offset;
  }
}
