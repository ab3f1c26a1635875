package org.campusgate.console.report;

import java.time.YearMonth;
import java.util.List;

/** Where rectification items live (the console database). */
public interface Rectifications {

  /**
   * Raises an item for each finding of a month's report. A finding already raised for the same
   * month, school, kind and subject keeps its item as it is (a report made twice raises nothing
   * twice); new items get the school's owner and the deadline the configuration gives.
   *
   * @param actor who made the report (for the admin log)
   * @return the month's items for these findings, in the findings' order
   */
  List<RectificationItem> raise(YearMonth month, List<Finding> findings, String actor);

  /**
   * The items raised by earlier months' reports that a report for {@code month} carries over:
   * those not closed before the month began (closed during it: shown as closed), oldest first.
   *
   * @param schoolId one school, or null for all
   */
  List<RectificationItem> carriedInto(YearMonth month, String schoolId);
}
