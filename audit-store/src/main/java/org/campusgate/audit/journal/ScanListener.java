package org.campusgate.audit.journal;

import org.campusgate.audit.IntegrityProblem;

/** Receives what {@link SegmentScanner} finds in a segment, in file order. */
public interface ScanListener {
  /** A record whose frame is intact. */
  void onRecord(ScannedRecord record);

  /** Something wrong with the segment; the scan goes on where it can. */
  void onProblem(IntegrityProblem problem);
}
