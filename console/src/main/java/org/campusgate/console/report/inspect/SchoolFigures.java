package org.campusgate.console.report.inspect;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.campusgate.console.report.MonthlyReport;

/**
 * One school's traffic figures of a month as {@link StoreFigures} folds them from the store's
 * aggregate rows: counts by action, day, reason, category, app and host. Filled by one thread,
 * then only read.
 */
public final class SchoolFigures {
  long events;
  long allowed;
  long blocked;
  long authRequired;
  long identified;
  Instant lastEvent;
  final Map<LocalDate, long[]> daily = new TreeMap<>();
  final Map<String, Long> blocksByReason = new LinkedHashMap<>();
  final Map<String, Long> blocksByCategory = new LinkedHashMap<>();
  final Map<String, Long> bypassByCategory = new LinkedHashMap<>();
  /** app → {events, blocked}. */
  final Map<String, long[]> apps = new LinkedHashMap<>();
  /** app → reason → blocked requests. */
  final Map<String, Map<String, Long>> appBlocks = new LinkedHashMap<>();
  /** app → group → blocked requests whose reason says the app may not be used here. */
  final Map<String, Map<String, Long>> unfiledGroups = new LinkedHashMap<>();
  final List<MonthlyReport.Count> topHosts = new ArrayList<>();

  public long events() {
    return events;
  }

  public long blocked() {
    return blocked;
  }

  /** The newest event of the school in the store at report time, or null. */
  public Instant lastEvent() {
    return lastEvent;
  }

  /** Events, actions and real-name coverage (1 when there were no events). */
  public MonthlyReport.Traffic traffic() {
    return new MonthlyReport.Traffic(events, allowed, blocked, authRequired, identified,
        events == 0 ? 1.0 : (double) identified / events);
  }

  /** Allowed and blocked requests per local day, every day of the month (zeros included). */
  public List<MonthlyReport.DayTraffic> daily(MonthRange range) {
    List<MonthlyReport.DayTraffic> out = new ArrayList<>();
    for (LocalDate d = range.month().atDay(1); !d.isAfter(range.lastDay()); d = d.plusDays(1)) {
      long[] c = daily.getOrDefault(d, new long[2]);
      out.add(new MonthlyReport.DayTraffic(d, c[0], c[1]));
    }
    return out;
  }

  public List<MonthlyReport.Count> blocksByReason() {
    return counts(blocksByReason);
  }

  public List<MonthlyReport.Count> blocksByCategory() {
    return counts(blocksByCategory);
  }

  public List<MonthlyReport.Count> bypassAttempts() {
    return counts(bypassByCategory);
  }

  public List<MonthlyReport.Count> topHosts() {
    return List.copyOf(topHosts);
  }

  /** The apps seen, most requested first: app → {events, blocked}. */
  public Map<String, long[]> apps() {
    Map<String, long[]> out = new LinkedHashMap<>();
    apps.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
            .thenComparing(Map.Entry::getKey))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /** Blocked requests to an app by reason. */
  public Map<String, Long> appBlocks(String app) {
    return appBlocks.getOrDefault(app, Map.of());
  }

  /** The groups of the blocked requests to an app the school may not use, most first. */
  public List<MonthlyReport.Count> unfiledGroups(String app) {
    return counts(unfiledGroups.getOrDefault(app, Map.of()));
  }

  static void add(Map<String, Long> counts, String key, long n) {
    counts.merge(key, n, Long::sum);
  }

  /** Most first, then by key. */
  static List<MonthlyReport.Count> counts(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .sorted(Comparator.comparingLong((Map.Entry<String, Long> e) -> -e.getValue())
            .thenComparing(Map.Entry::getKey))
        .map(e -> new MonthlyReport.Count(e.getKey(), e.getValue()))
        .toList();
  }
}
