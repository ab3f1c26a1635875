package org.campusgate.console.report.inspect;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A calendar month in the district's zone as the instants the store is asked about:
 * {@code [from, to)}.
 *
 * @param month the month
 * @param zone the zone its days follow
 * @param from its first instant (local midnight of the first day)
 * @param to the first instant after it (local midnight of the next month's first day)
 */
public record MonthRange(YearMonth month, ZoneId zone, Instant from, Instant to) {
  public MonthRange {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(zone, "zone");
  }

  public static MonthRange of(YearMonth month, ZoneId zone) {
    return new MonthRange(month, zone, month.atDay(1).atStartOfDay(zone).toInstant(),
        month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
  }

  /** The month's last local day. */
  public LocalDate lastDay() {
    return month.atEndOfMonth();
  }

  /** The month's last moment: what "in force at the month's end" is read at. */
  public Instant end() {
    return to.minusMillis(1);
  }

  /** The local day of an instant. */
  public LocalDate dayOf(Instant t) {
    return LocalDate.ofInstant(t, zone);
  }
}
