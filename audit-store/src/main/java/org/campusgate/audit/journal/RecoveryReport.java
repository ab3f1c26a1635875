package org.campusgate.audit.journal;

import java.util.List;

/**
 * What {@link Journal#open} repaired or found.
 *
 * @param truncatedSegment the active segment whose torn tail was cut, or null
 * @param bytesCut how many bytes were cut from it
 * @param lastSeqKept the last seq the journal holds after recovery, or -1 when it is empty
 * @param removedFiles leftover files deleted (temp files, {@code .seg} files whose
 *     {@code .zseg} twin is complete)
 * @param damage corruption found and left in place (not at the tail): reads that touch it fail;
 *     run {@link SegmentScanner} for details
 */
public record RecoveryReport(
    String truncatedSegment, long bytesCut, long lastSeqKept, List<String> removedFiles,
    List<String> damage) {
  public RecoveryReport {
    removedFiles = List.copyOf(removedFiles);
    damage = List.copyOf(damage);
  }

  /** Whether open found nothing to repair and no damage. */
  public boolean clean() {
    return bytesCut == 0 && removedFiles.isEmpty() && damage.isEmpty();
  }
}
