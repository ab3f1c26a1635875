package org.campusgate.audit.journal;

/**
 * The outcome of one {@link SegmentScanner#scan}.
 *
 * @param records intact records reported
 * @param nextExpectedSeq the seq the next segment should start with (one past the highest seq
 *     accounted for)
 * @param problems problems reported
 */
public record ScanSummary(long records, long nextExpectedSeq, int problems) {
  public boolean intact() {
    return problems == 0;
  }
}
