package org.campusgate.console.report.inspect;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.campusgate.console.report.MonthlyReport;

/**
 * Finds the days without events and the gaps in ingest of one school in one month, from its
 * events per local hour. Everything is judged against the month itself, so no calendar of
 * holidays or school hours is needed:
 *
 * <ul>
 *   <li><b>Kind of day.</b> A day with events is <em>busy</em> when it carries at least {@value
 *       #BUSY_DAY_SHARE} of a usual weekday's events (the median over the Monday–Friday days
 *       with events), else <em>quiet</em>: weekends, holidays, and a make-up working day takes
 *       the kind its traffic shows.
 *   <li><b>Usually busy hour.</b> An hour of the day is usually busy for a kind when at least
 *       {@value #USUAL_SHARE} of that kind's days had events in it and the median of their
 *       counts is at least {@value #MIN_MEDIAN} (so a silent hour is not chance). A kind with
 *       fewer than {@value #MIN_DAYS} days has no usually busy hours.
 *   <li><b>Gap.</b> On a day with events, a run of hours without any event that holds at least
 *       one usually busy hour of the day's kind, trimmed to the usually busy hours at its ends:
 *       [start of its first such hour, end of its last).
 *   <li><b>Day without events.</b> A day with no event at all whose calendar kind (Monday–Friday
 *       or weekend) had events on more than half of its days this month; when the school had no
 *       event all month but had some before it, every Monday–Friday day is one. Days before the
 *       school's first event ever are not judged (it was not connected yet).
 * </ul>
 */
final class Completeness {
  static final double BUSY_DAY_SHARE = 0.3;
  static final double USUAL_SHARE = 0.75;
  static final long MIN_MEDIAN = 20;
  static final int MIN_DAYS = 3;

  /** What was found: the silent days and the gaps, oldest first. */
  record Found(List<LocalDate> noEventDays, List<MonthlyReport.Gap> gaps) {}

  private final ZoneId zone;

  Completeness(ZoneId zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * @param days the days to judge, oldest first
   * @param hourly events per local hour (index 0..23) of each day that had any
   * @param hadEventsBefore whether the school had events before the first day
   */
  Found find(List<LocalDate> days, Map<LocalDate, long[]> hourly, boolean hadEventsBefore) {
    List<LocalDate> silent = new ArrayList<>();
    List<LocalDate> active = days.stream().filter(d -> total(hourly.get(d)) > 0).toList();
    if (active.isEmpty()) {
      if (hadEventsBefore) {
        days.stream().filter(d -> !weekend(d)).forEach(silent::add);
      }
      return new Found(silent, List.of());
    }
    for (LocalDate d : days) {
      if (total(hourly.get(d)) == 0 && usuallyActive(days, active, weekend(d))) {
        silent.add(d);
      }
    }
    long reference = median(active.stream().filter(d -> !weekend(d))
        .mapToLong(d -> total(hourly.get(d))).toArray());
    if (reference == 0) {
      reference = median(active.stream().mapToLong(d -> total(hourly.get(d))).toArray());
    }
    long threshold = (long) Math.ceil(reference * BUSY_DAY_SHARE);
    List<LocalDate> busyDays = active.stream().filter(d -> total(hourly.get(d)) >= threshold)
        .toList();
    List<LocalDate> quietDays = active.stream().filter(d -> total(hourly.get(d)) < threshold)
        .toList();
    boolean[] busyHours = usualHours(busyDays, hourly);
    boolean[] quietHours = usualHours(quietDays, hourly);
    List<MonthlyReport.Gap> gaps = new ArrayList<>();
    for (LocalDate d : active) {
      gaps.addAll(gaps(d, hourly.get(d), busyDays.contains(d) ? busyHours : quietHours));
    }
    return new Found(silent, gaps);
  }

  private boolean usuallyActive(List<LocalDate> days, List<LocalDate> active, boolean weekend) {
    long ofKind = days.stream().filter(d -> weekend(d) == weekend).count();
    long activeOfKind = active.stream().filter(d -> weekend(d) == weekend).count();
    return activeOfKind * 2 > ofKind;
  }

  private static boolean[] usualHours(List<LocalDate> days, Map<LocalDate, long[]> hourly) {
    boolean[] usual = new boolean[24];
    if (days.size() < MIN_DAYS) {
      return usual;
    }
    for (int h = 0; h < 24; h++) {
      long[] counts = new long[days.size()];
      int withEvents = 0;
      for (int i = 0; i < counts.length; i++) {
        counts[i] = hourly.get(days.get(i))[h];
        withEvents += counts[i] > 0 ? 1 : 0;
      }
      usual[h] = withEvents >= USUAL_SHARE * days.size() && median(counts) >= MIN_MEDIAN;
    }
    return usual;
  }

  private List<MonthlyReport.Gap> gaps(LocalDate day, long[] counts, boolean[] usual) {
    List<MonthlyReport.Gap> out = new ArrayList<>();
    int h = 0;
    while (h < 24) {
      if (counts[h] != 0) {
        h++;
        continue;
      }
      int end = h;
      while (end < 24 && counts[end] == 0) {
        end++;
      }
      int first = -1;
      int last = -1;
      for (int i = h; i < end; i++) {
        if (usual[i]) {
          first = first < 0 ? i : first;
          last = i;
        }
      }
      if (first >= 0) {
        out.add(new MonthlyReport.Gap(hourStart(day, first), hourStart(day, last + 1)));
      }
      h = end;
    }
    return out;
  }

  private Instant hourStart(LocalDate day, int hour) {
    return hour == 24 ? day.plusDays(1).atStartOfDay(zone).toInstant()
        : day.atTime(hour, 0).atZone(zone).toInstant();
  }

  private static boolean weekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static long total(long[] counts) {
    return counts == null ? 0 : Arrays.stream(counts).sum();
  }

  private static long median(long[] values) {
    if (values.length == 0) {
      return 0;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
