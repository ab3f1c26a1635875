package org.campusgate.audit;

import java.time.Instant;
import java.util.List;

/**
 * What {@link AuditStore#verify} checked and found.
 *
 * @param from start of the checked range
 * @param to end of the checked range
 * @param recordsChecked journal records whose bytes were rehashed
 * @param checkpointsChecked signed checkpoints whose signature and root were checked
 * @param problems everything found wrong, in journal order; empty when intact
 */
public record VerificationReport(
    Instant from, Instant to, long recordsChecked, long checkpointsChecked,
    List<IntegrityProblem> problems) {
  public VerificationReport {
    problems = List.copyOf(problems);
  }

  public boolean intact() {
    return problems.isEmpty();
  }
}
