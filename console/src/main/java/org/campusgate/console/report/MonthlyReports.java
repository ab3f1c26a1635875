package org.campusgate.console.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.campusgate.audit.AggregateRow;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.TimeBucket;
import org.campusgate.console.db.AdminLogDao;
import org.campusgate.console.db.School;
import org.campusgate.console.db.SchoolDao;
import org.campusgate.console.register.RegisterService;
import org.campusgate.console.report.inspect.LogChecks;

/**
 * Makes a month's inspection report from the audit store, the register, the admin log and the
 * rectification items.
 *
 * <p>FIRST CUT (the lead's scaffold): traffic per school and day and blocks by reason only; the
 * checks, findings and items come with the report-core work.
 */
public final class MonthlyReports {
  private final Supplier<AuditStore> store;
  private final RegisterService register;
  private final SchoolDao schools;
  private final AdminLogDao adminLog;
  private final Rectifications rectifications;
  private final Clock clock;
  private final ZoneId zone;
  private final String district;

  public MonthlyReports(Supplier<AuditStore> store, RegisterService register, SchoolDao schools,
      AdminLogDao adminLog, Rectifications rectifications, Clock clock, ZoneId zone,
      String district) {
    this.store = Objects.requireNonNull(store, "store");
    this.register = Objects.requireNonNull(register, "register");
    this.schools = Objects.requireNonNull(schools, "schools");
    this.adminLog = Objects.requireNonNull(adminLog, "adminLog");
    this.rectifications = Objects.requireNonNull(rectifications, "rectifications");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.district = Objects.requireNonNull(district, "district");
  }

  /**
   * The report of a month.
   *
   * @param school one school, or null for every school
   * @param inspector who asks for it
   * @throws IllegalArgumentException when the month has not ended yet or the school is unknown
   */
  public MonthlyReport make(YearMonth month, String school, String inspector) {
    Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    if (to.isAfter(clock.instant())) {
      throw new IllegalArgumentException("the month " + month + " has not ended yet");
    }
    List<School> covered = schools.list().stream()
        .filter(s -> school == null || s.id().equals(school)).toList();
    if (school != null && covered.isEmpty()) {
      throw new IllegalArgumentException("no school " + school);
    }
    AuditStore s = store.get();
    Map<String, Map<LocalDate, long[]>> daily = new TreeMap<>();
    AuditQuery all = AuditQuery.between(from, to).school(school).build();
    for (AggregateRow r : s.aggregate(all, List.of(GroupField.SCHOOL, GroupField.ACTION),
        TimeBucket.DAY, zone).rows()) {
      long[] c = daily.computeIfAbsent(r.keys().get(GroupField.SCHOOL), k -> new TreeMap<>())
          .computeIfAbsent(ZonedDateTime.ofInstant(r.bucketStart(), zone).toLocalDate(),
              k -> new long[2]);
      c["BLOCK".equals(r.keys().get(GroupField.ACTION)) ? 1 : 0] += r.count();
    }
    Map<String, List<MonthlyReport.Count>> reasons = new TreeMap<>();
    for (AggregateRow r : s.aggregate(AuditQuery.between(from, to).school(school).action("BLOCK")
        .build(), List.of(GroupField.SCHOOL, GroupField.REASON), TimeBucket.NONE, zone).rows()) {
      reasons.computeIfAbsent(r.keys().get(GroupField.SCHOOL), k -> new ArrayList<>())
          .add(new MonthlyReport.Count(r.keys().get(GroupField.REASON), r.count()));
    }
    LogChecks.Result logs = new LogChecks(store, adminLog, clock, zone)
        .check(month, covered.stream().map(School::id).toList());
    List<MonthlyReport.SchoolSection> sections = new ArrayList<>();
    long events = 0;
    long blocked = 0;
    for (School sc : covered) {
      List<MonthlyReport.DayTraffic> days = new ArrayList<>();
      long allowed = 0;
      long blocks = 0;
      for (var e : daily.getOrDefault(sc.id(), Map.of()).entrySet()) {
        days.add(new MonthlyReport.DayTraffic(e.getKey(), e.getValue()[0], e.getValue()[1]));
        allowed += e.getValue()[0];
        blocks += e.getValue()[1];
      }
      events += allowed + blocks;
      blocked += blocks;
      MonthlyReport.Traffic traffic = new MonthlyReport.Traffic(allowed + blocks, allowed, blocks,
          0, allowed + blocks, 1.0);
      MonthlyReport.LogCompliance log = logs.schools().get(sc.id());
      sections.add(new MonthlyReport.SchoolSection(sc.id(), sc.name(), null, traffic, days,
          List.of(), List.of(), List.of(), List.of(), List.of(),
          reasons.getOrDefault(sc.id(), List.of()), List.of(), List.of(), List.of(), log,
          List.of(), rectifications.carriedInto(month, sc.id()), List.of(), true));
    }
    MonthlyReport.Header header = new MonthlyReport.Header(district, month, zone, school,
        inspector, clock.instant(), register.current().lastUpdate(), register.current().revision());
    MonthlyReport.Summary summary = new MonthlyReport.Summary(sections.size(), sections.size(),
        events, blocked, List.of());
    return new MonthlyReport(header, summary, sections, logs.district(), logs.findings(),
        List.of());
  }
}
