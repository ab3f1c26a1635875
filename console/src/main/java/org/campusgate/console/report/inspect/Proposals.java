package org.campusgate.console.report.inspect;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.FindingKind;
import org.campusgate.console.report.MonthlyReport.Proposal;
import org.campusgate.console.report.MonthlyReport.ProposalAction;
import org.campusgate.console.report.MonthlyReport.ProposalRule;
import org.campusgate.console.report.RectificationItem;

/**
 * Which schools the month's report proposes for the bulletin or a summons ("一月一通报", RULES.md
 * §6), in this order:
 *
 * <ol>
 *   <li>SUMMONS, UNRECTIFIED_TWO_MONTHS: an item raised two or more months before is still not
 *       closed (the school let it run two months);
 *   <li>BULLETIN, UNRECTIFIED_LAST_MONTH: an item raised last month is still not closed;
 *   <li>BULLETIN, UNFILED_APP_USE: unfiled learning apps were used this month;
 *   <li>BULLETIN, LOG_NONCOMPLIANT: days without events, gaps in ingest or retention below the
 *       floor this month.
 * </ol>
 *
 * Carried items count by their state now: RECTIFIED (the school says so, the inspector has not
 * checked) is still open. Each proposal lists the items behind it.
 */
public final class Proposals {
  /** The log findings that make a school's logs noncompliant. */
  static final Set<FindingKind> LOG_KINDS = EnumSet.of(FindingKind.NO_EVENTS_DAY,
      FindingKind.INGEST_GAP, FindingKind.RETENTION_BELOW_FLOOR);

  private Proposals() {}

  /**
   * @param findings the school's findings this month
   * @param carried the items carried into the month
   * @param raised the items this month's findings raised (any school; matched by kind and subject)
   */
  public static List<Proposal> of(String schoolId, YearMonth month, List<Finding> findings,
      List<RectificationItem> carried, List<RectificationItem> raised) {
    List<Proposal> out = new ArrayList<>();
    List<Long> twoMonths = ids(carried, i -> i.open() && !i.month().isAfter(month.minusMonths(2)));
    if (!twoMonths.isEmpty()) {
      out.add(new Proposal(schoolId, ProposalAction.SUMMONS, ProposalRule.UNRECTIFIED_TWO_MONTHS,
          twoMonths));
    }
    List<Long> lastMonth = ids(carried, i -> i.open() && i.month().equals(month.minusMonths(1)));
    if (!lastMonth.isEmpty()) {
      out.add(new Proposal(schoolId, ProposalAction.BULLETIN, ProposalRule.UNRECTIFIED_LAST_MONTH,
          lastMonth));
    }
    if (findings.stream().anyMatch(f -> f.kind() == FindingKind.UNFILED_APP_USE)) {
      out.add(new Proposal(schoolId, ProposalAction.BULLETIN, ProposalRule.UNFILED_APP_USE,
          ids(raised, i -> schoolId.equals(i.schoolId()) && i.kind() == FindingKind.UNFILED_APP_USE)));
    }
    if (findings.stream().anyMatch(f -> LOG_KINDS.contains(f.kind()))) {
      out.add(new Proposal(schoolId, ProposalAction.BULLETIN, ProposalRule.LOG_NONCOMPLIANT,
          ids(raised, i -> schoolId.equals(i.schoolId()) && LOG_KINDS.contains(i.kind()))));
    }
    return out;
  }

  private static List<Long> ids(List<RectificationItem> items, Predicate<RectificationItem> which) {
    return items.stream().filter(which).map(RectificationItem::id).toList();
  }
}
