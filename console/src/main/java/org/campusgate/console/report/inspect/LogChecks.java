package org.campusgate.console.report.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.campusgate.audit.AggregateRow;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.SearchPage;
import org.campusgate.audit.SortOrder;
import org.campusgate.audit.TimeBucket;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.AdminLogDao;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.FindingKind;
import org.campusgate.console.report.MonthlyReport;

/**
 * The log compliance checks of a month (RULES.md §5, §6.3):
 *
 * <ul>
 *   <li>completeness: days without events and gaps in ingest per school, from the hourly
 *       roll-ups ({@link Completeness} defines both);
 *   <li>retention: the oldest retained event, store-wide and per school, against the floor (now
 *       minus six calendar months); {@link FindingKind#RETENTION_BELOW_FLOOR} only when the
 *       store removed records at or after the floor ({@link AuditStore#removedThrough}), not
 *       when it is merely younger than six months;
 *   <li>integrity: every day of the month verified ({@link IntegrityCheck});
 *   <li>clock drift and audit downtime: the health watch's transitions in the admin log, paired
 *       into periods that overlap the month;
 *   <li>looks at persons' logs: the month's {@code audit.*} admin-log entries, per school (or
 *       district-wide), and those without a case reference as findings.
 * </ul>
 */
public final class LogChecks {
  /** How long verifying a month's days may take. */
  static final Duration VERIFY_TIMEOUT = Duration.ofMinutes(30);
  /** The most admin-log entries one check reads (looks at logs, health transitions). */
  static final int MAX_ENTRIES = 200_000;
  private static final int PAGE = 1_000;

  private final Supplier<AuditStore> store;
  private final AdminLogDao adminLog;
  private final Clock clock;
  private final ZoneId zone;
  private final ObjectMapper json = new ObjectMapper();

  public LogChecks(Supplier<AuditStore> store, AdminLogDao adminLog, Clock clock, ZoneId zone) {
    this.store = Objects.requireNonNull(store, "store");
    this.adminLog = Objects.requireNonNull(adminLog, "adminLog");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * What the checks found.
   *
   * @param schools each school's log compliance, by school id
   * @param district what concerns the whole installation
   * @param findings the problems, district ones (school null) first, then by school
   */
  public record Result(Map<String, MonthlyReport.LogCompliance> schools,
      MonthlyReport.DistrictCompliance district, List<Finding> findings) {}

  /** Runs the checks for a month that has ended, for the schools given. */
  public Result check(YearMonth month, List<String> schoolIds) {
    AuditStore s = store.get();
    Instant now = clock.instant();
    MonthRange range = MonthRange.of(month, zone);
    Instant from = range.from();
    Instant to = range.to();
    Instant floor = now.atZone(zone).minusMonths(6).toInstant();
    Optional<Instant> removedThrough = s.removedThrough();
    boolean prunedInsideFloor = removedThrough.map(t -> !t.isBefore(floor)).orElse(false);

    List<Finding> district = new ArrayList<>();
    Map<String, List<Finding>> perSchool = new LinkedHashMap<>();
    schoolIds.forEach(id -> perSchool.put(id, new ArrayList<>()));

    // ---- completeness and retention, per school
    Map<String, Map<LocalDate, long[]>> hourly = hourly(s, from, to);
    Completeness completeness = new Completeness(zone);
    Map<String, Instant> oldest = new HashMap<>();
    Map<String, Completeness.Found> found = new HashMap<>();
    for (String id : schoolIds) {
      Instant first = oldest(s, id, now);
      oldest.put(id, first);
      LocalDate judgedFrom = first == null ? month.atEndOfMonth().plusDays(1)
          : later(month.atDay(1), LocalDate.ofInstant(first, zone));
      List<LocalDate> days = judgedFrom.datesUntil(month.atEndOfMonth().plusDays(1)).toList();
      Completeness.Found f = completeness.find(days, hourly.getOrDefault(id, Map.of()),
          first != null && first.isBefore(from));
      found.put(id, f);
      for (LocalDate d : f.noEventDays()) {
        perSchool.get(id).add(new Finding(FindingKind.NO_EVENTS_DAY, id, d.toString(),
            facts("day", d.toString())));
      }
      for (MonthlyReport.Gap g : f.gaps()) {
        perSchool.get(id).add(new Finding(FindingKind.INGEST_GAP, id, g.from().toString(),
            facts("from", g.from().toString(), "to", g.to().toString(),
                "hours", String.valueOf(Duration.between(g.from(), g.to()).toHours()))));
      }
      if (!floorMet(first, floor, prunedInsideFloor)) {
        perSchool.get(id).add(new Finding(FindingKind.RETENTION_BELOW_FLOOR, id,
            FindingKind.RETENTION_BELOW_FLOOR.name(), facts("oldest",
                first == null ? "" : first.toString(),
                "floor", floor.toString(), "removedThrough", removedThrough.get().toString())));
      }
    }

    // ---- integrity of every day
    IntegrityCheck.Result integrity = new IntegrityCheck(s, zone, VERIFY_TIMEOUT)
        .check(month.atDay(1), month.atEndOfMonth(), now);
    for (MonthlyReport.IntegrityDay d : integrity.failures()) {
      district.add(new Finding(FindingKind.INTEGRITY_FAILURE, null, d.day().toString(),
          facts("day", d.day().toString(), "problems", String.valueOf(d.problemCount()),
              "first", d.problems().isEmpty() ? "" : d.problems().get(0))));
    }

    // ---- clock drift and audit downtime, from the health watch
    List<AdminAction> health = entries("health.", Instant.EPOCH, to);
    List<MonthlyReport.HealthAlert> drift = HealthAlerts.periods(health, "clock-drift", from, to,
        json);
    List<MonthlyReport.HealthAlert> downtime = HealthAlerts.periods(health, "audit-store", from,
        to, json);
    for (MonthlyReport.HealthAlert a : drift) {
      district.add(alert(FindingKind.CLOCK_DRIFT, a));
    }
    for (MonthlyReport.HealthAlert a : downtime) {
      district.add(alert(FindingKind.AUDIT_DOWNTIME, a));
    }

    // ---- looks at persons' logs
    LogAccessReview review = new LogAccessReview(json);
    Map<String, List<MonthlyReport.LogAccess>> access = new HashMap<>();
    List<MonthlyReport.LogAccess> districtAccess = new ArrayList<>();
    for (AdminAction a : entries("audit.", from, to)) {
      if (a.schoolId() != null && !perSchool.containsKey(a.schoolId())) {
        continue; // a school this report does not cover
      }
      MonthlyReport.LogAccess look = review.access(a);
      (a.schoolId() == null ? districtAccess
          : access.computeIfAbsent(a.schoolId(), k -> new ArrayList<>())).add(look);
      if (look.caseRef() == null && review.persons(a)) {
        Finding f = new Finding(FindingKind.LOG_ACCESS_WITHOUT_CASE, a.schoolId(),
            String.valueOf(a.id()), facts("at", a.at().toString(), "actor", a.actor(),
                "action", a.action(), "target", a.target()));
        (a.schoolId() == null ? district : perSchool.get(a.schoolId())).add(f);
      }
    }

    Map<String, MonthlyReport.LogCompliance> out = new LinkedHashMap<>();
    for (String id : schoolIds) {
      Completeness.Found f = found.get(id);
      out.put(id, new MonthlyReport.LogCompliance(oldest.get(id), floor,
          floorMet(oldest.get(id), floor, prunedInsideFloor), f.noEventDays(), f.gaps(),
          access.getOrDefault(id, List.of())));
    }
    List<Finding> findings = new ArrayList<>(district);
    perSchool.values().forEach(findings::addAll);
    return new Result(out, new MonthlyReport.DistrictCompliance(integrity.daysVerified(),
        integrity.failures(), drift, downtime, oldest(s, null, now), districtAccess), findings);
  }

  /**
   * Whether a school's retained events reach the floor: they do when the store never removed
   * records inside the floor (the school, or the store, is merely younger than six months), or
   * when its oldest retained event is at or before the floor.
   */
  private static boolean floorMet(Instant oldest, Instant floor, boolean prunedInsideFloor) {
    return !prunedInsideFloor || (oldest != null && !oldest.isAfter(floor));
  }

  /** Events per school, local day and hour of the month, from the hourly roll-ups. */
  private Map<String, Map<LocalDate, long[]>> hourly(AuditStore s, Instant from, Instant to) {
    Map<String, Map<LocalDate, long[]>> out = new HashMap<>();
    for (AggregateRow r : s.aggregate(AuditQuery.between(from, to).build(),
        List.of(GroupField.SCHOOL), TimeBucket.HOUR, zone).rows()) {
      var local = r.bucketStart().atZone(zone);
      out.computeIfAbsent(r.keys().get(GroupField.SCHOOL), k -> new HashMap<>())
          .computeIfAbsent(local.toLocalDate(), k -> new long[24])[local.getHour()] += r.count();
    }
    return out;
  }

  /** The oldest retained event of a school (null: of the store), or null when there is none. */
  private static Instant oldest(AuditStore s, String school, Instant now) {
    SearchPage page = s.search(AuditQuery.between(Instant.EPOCH, now.plusSeconds(1))
        .school(school).order(SortOrder.OLDEST_FIRST).limit(1).build());
    return page.events().isEmpty() ? null : page.events().get(0).event().timestamp();
  }

  /** The admin log's entries of an action prefix in [from, to), in log order, bounded. */
  private List<AdminAction> entries(String prefix, Instant from, Instant to) {
    List<AdminAction> out = new ArrayList<>();
    long after = 0;
    while (out.size() < MAX_ENTRIES) {
      List<AdminAction> page = adminLog.actions(prefix, from, to, after, PAGE);
      out.addAll(page);
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).id();
    }
    return out;
  }

  private static Finding alert(FindingKind kind, MonthlyReport.HealthAlert a) {
    return new Finding(kind, null, a.from().toString(), facts("from", a.from().toString(),
        "to", a.to() == null ? "" : a.to().toString(), "message", a.message()));
  }

  private static Map<String, String> facts(String... keyValues) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  private static LocalDate later(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
