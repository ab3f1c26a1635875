package org.campusgate.console.report.inspect;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.FindingKind;
import org.campusgate.console.report.MonthlyReport;

/** The real-name check: enough of a school's requests must carry an identified user. */
public final class RealNameCoverage {
  /**
   * The least share of requests with a known user. Graded protection asks that audit covers
   * every user (RULES.md §5) and Order 82 that accounts be recorded; only guests on the way to
   * the login page (AUTH_REQUIRED) and unbound devices may be anonymous, a few percent in a
   * normal month. Below 95 % identification is failing somewhere (a binding table out of date,
   * proxy authentication off). A model value, not a legal one.
   */
  public static final double MIN_COVERAGE = 0.95;

  private RealNameCoverage() {}

  /** A LOW_REAL_NAME_COVERAGE finding when the school had events and too few were identified. */
  public static Optional<Finding> check(String schoolId, MonthlyReport.Traffic traffic) {
    if (traffic.events() == 0 || traffic.realNameCoverage() >= MIN_COVERAGE) {
      return Optional.empty();
    }
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("coverage", String.format(Locale.ROOT, "%.4f", traffic.realNameCoverage()));
    facts.put("identified", Long.toString(traffic.identified()));
    facts.put("events", Long.toString(traffic.events()));
    facts.put("bound", Double.toString(MIN_COVERAGE));
    return Optional.of(new Finding(FindingKind.LOW_REAL_NAME_COVERAGE, schoolId,
        FindingKind.LOW_REAL_NAME_COVERAGE.name(), facts));
  }
}
