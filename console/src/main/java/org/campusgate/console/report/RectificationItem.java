package org.campusgate.console.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A finding to put right: raised by a month's report, owned by someone, due by a deadline.
 *
 * @param id the item's number
 * @param month the month whose report raised it
 * @param schoolId the school, or null for the district
 * @param kind the finding's kind
 * @param subject the finding's subject (see {@link Finding#subject()})
 * @param summary the finding's facts as one line, as raised
 * @param owner who must put it right (an account name, or a role description)
 * @param deadline the last day to put it right
 * @param status where it stands
 * @param updatedAt when the status last changed (raised: when raised)
 * @param updatedBy who changed it last
 * @param note the last note given with a change, or null
 */
public record RectificationItem(long id, YearMonth month, String schoolId, FindingKind kind,
    String subject, String summary, String owner, LocalDate deadline, RectificationStatus status,
    Instant updatedAt, String updatedBy, String note) {

  /** Whether it is not closed yet, i.e. unrectified. */
  public boolean open() {
    return status != RectificationStatus.CLOSED;
  }
}
