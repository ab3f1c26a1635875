package org.campusgate.audit.journal;

import java.io.Closeable;
import java.io.IOException;

/** One segment file as the journal reads it. Reads are safe from any thread. */
sealed interface Segment extends Closeable permits RawSegment, CompressedSegment {
  String name();

  long firstSeq();

  /** The highest seq readable now, or firstSeq - 1 when none. */
  long lastSeq();

  /** The record bytes of a seq in this segment. */
  byte[] read(long seq) throws IOException;

  /** Visits {@code [from, to)} in order, all of which must lie in this segment. */
  void scan(long from, long to, RecordVisitor visitor) throws IOException;

  SegmentInfo info() throws IOException;

  /** Non-tail damage found when the segment was opened; empty when none. */
  java.util.List<String> damage();
}
