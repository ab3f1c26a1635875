package org.campusgate.console.report.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.SortOrder;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.audit.testing.SyntheticEvents;
import org.campusgate.console.core.HealthWatch;
import org.campusgate.console.db.AdminLogDao;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.FindingKind;
import org.campusgate.console.report.JournalEdit;
import org.campusgate.console.report.MonthlyReport;
import org.campusgate.console.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log checks on a real store fed a synthetic October (three schools, a 2-hour weekday gap at
 * one, a skipped day at another) and a real H2 admin log: they find exactly what was planted.
 */
class LogChecksTest {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final YearMonth OCTOBER = YearMonth.of(2026, 10);
  static final LocalDate GAP_DAY = LocalDate.of(2026, 10, 14); // a Wednesday
  static final LocalDate SKIPPED = LocalDate.of(2026, 10, 21); // a Wednesday
  static final Instant NOW = Instant.parse("2026-11-05T02:00:00Z");
  static final List<String> SCHOOLS = List.of("school-01", "school-02", "school-03");

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(NOW);
  ConsoleDatabase db;

  @BeforeEach
  void openDatabase() {
    db = ConsoleDatabase.open(ConsoleDatabase.embeddedUrl(dir.resolve("db")), "sa", "", clock);
  }

  @AfterEach
  void closeDatabase() {
    db.close();
  }

  EmbeddedStoreConfig config() {
    return EmbeddedStoreConfig.builder(dir.resolve("audit"), "campusgate/test/log-checks")
        .zone(ZONE).commitInterval(Duration.ofMillis(20)).compressSealedSegments(false).build();
  }

  /** Fills the store, then closes it: reopening indexes everything. */
  void fill(SyntheticEvents events) throws Exception {
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(config())) {
      Iterator<AuditRecord> it = events.iterator();
      List<AuditRecord> batch = new java.util.ArrayList<>();
      while (it.hasNext()) {
        batch.add(it.next());
        if (batch.size() == 5_000 || !it.hasNext()) {
          s.append(batch).awaitDurable(Duration.ofSeconds(60));
          batch = new java.util.ArrayList<>();
        }
      }
      s.checkpointNow();
    }
  }

  static SyntheticEvents.Builder october() {
    return SyntheticEvents.builder().seed(3).zone(ZONE).start(OCTOBER.atDay(1)).days(31)
        .schools(3).usersPerSchool(60).eventsPerDay(6_000);
  }

  AdminLogDao log(Instant at, String actor, String action, String target, String school,
      String after) {
    clock.set(at);
    db.adminLog().append(actor, action, target, school, null, after);
    clock.set(NOW);
    return db.adminLog();
  }

  @Test
  void findsThePlantedGapSkippedDayHealthPeriodsAndLooksWithoutACaseAndNothingElse()
      throws Exception {
    fill(october().gapOn("school-02", GAP_DAY, LocalTime.of(9, 0), LocalTime.of(11, 0))
        .skipDay("school-03", SKIPPED).build());
    // the health watch's transitions: one drift period across the month's start, one downtime
    // inside it, one downtime in September only
    log(Instant.parse("2026-09-10T01:00:00Z"), "system", HealthWatch.UNHEALTHY,
        "health:audit-store", null, "{\"check\":\"audit-store\",\"message\":\"old\"}");
    log(Instant.parse("2026-09-10T02:00:00Z"), "system", HealthWatch.HEALTHY,
        "health:audit-store", null, "{\"check\":\"audit-store\",\"message\":\"open\"}");
    log(Instant.parse("2026-09-30T15:00:00Z"), "system", HealthWatch.UNHEALTHY,
        "health:clock-drift", null, "{\"check\":\"clock-drift\",\"message\":\"drift 3 s\"}");
    log(Instant.parse("2026-09-30T18:00:00Z"), "system", HealthWatch.HEALTHY,
        "health:clock-drift", null, "{\"check\":\"clock-drift\",\"message\":\"ok\"}");
    log(Instant.parse("2026-10-12T02:00:00Z"), "system", HealthWatch.UNHEALTHY,
        "health:audit-store", null, "{\"check\":\"audit-store\",\"message\":\"closed\"}");
    log(Instant.parse("2026-10-12T02:30:00Z"), "system", HealthWatch.HEALTHY,
        "health:audit-store", null, "{\"check\":\"audit-store\",\"message\":\"open\"}");
    // looks at the logs: with a case, without one (a school's, a district-wide), an aggregate
    // by host (no persons) without a case
    log(Instant.parse("2026-10-05T03:00:00Z"), "resp", "audit.timeline", "audit:user:s01-stu-0001",
        "school-01", "{\"case\":\"CASE-7\",\"reason\":\"complaint\",\"user\":\"s01-stu-0001\"}");
    long noCase = log(Instant.parse("2026-10-06T03:00:00Z"), "head", "audit.search",
        "audit:search", "school-02", "{\"user\":\"s02-stu-0002\"}")
        .latest(null, Long.MAX_VALUE, 1).get(0).id();
    long districtNoCase = log(Instant.parse("2026-10-07T03:00:00Z"), "admin", "audit.who-had",
        "audit:ip:10.1.64.9", null, "{\"ip\":\"10.1.64.9\",\"at\":\"2026-10-07T01:00:00Z\"}")
        .latest(null, Long.MAX_VALUE, 1).get(0).id();
    log(Instant.parse("2026-10-08T03:00:00Z"), "admin", "audit.aggregate", "audit:aggregate",
        null, "{\"by\":[\"host\"]}");
    log(Instant.parse("2026-11-02T03:00:00Z"), "admin", "audit.search", "audit:search", null,
        "{\"user\":\"s01-stu-0003\"}"); // November: not this report's

    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(config())) {
      LogChecks.Result r = new LogChecks(() -> s, db.adminLog(), clock, ZONE)
          .check(OCTOBER, SCHOOLS);

      Instant gapFrom = GAP_DAY.atTime(9, 0).atZone(ZONE).toInstant();
      assertThat(r.findings()).extracting(Finding::kind, Finding::schoolId, Finding::subject)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(FindingKind.CLOCK_DRIFT, null,
                  "2026-09-30T15:00:00Z"),
              org.assertj.core.groups.Tuple.tuple(FindingKind.AUDIT_DOWNTIME, null,
                  "2026-10-12T02:00:00Z"),
              org.assertj.core.groups.Tuple.tuple(FindingKind.LOG_ACCESS_WITHOUT_CASE, null,
                  String.valueOf(districtNoCase)),
              org.assertj.core.groups.Tuple.tuple(FindingKind.INGEST_GAP, "school-02",
                  gapFrom.toString()),
              org.assertj.core.groups.Tuple.tuple(FindingKind.LOG_ACCESS_WITHOUT_CASE,
                  "school-02", String.valueOf(noCase)),
              org.assertj.core.groups.Tuple.tuple(FindingKind.NO_EVENTS_DAY, "school-03",
                  SKIPPED.toString()));
      Finding gap = r.findings().stream().filter(f -> f.kind() == FindingKind.INGEST_GAP)
          .findFirst().orElseThrow();
      assertThat(gap.facts()).containsEntry("hours", "2")
          .containsEntry("to", GAP_DAY.atTime(11, 0).atZone(ZONE).toInstant().toString());

      MonthlyReport.LogCompliance one = r.schools().get("school-01");
      assertThat(one.noEventDays()).isEmpty();
      assertThat(one.gaps()).isEmpty();
      assertThat(one.floorMet()).as("a young store is not below the floor").isTrue();
      Instant monthStart = OCTOBER.atDay(1).atStartOfDay(ZONE).toInstant();
      assertThat(one.oldestEvent()).isBetween(monthStart, monthStart.plus(Duration.ofDays(1)));
      assertThat(one.floor()).isEqualTo(Instant.parse("2026-05-05T02:00:00Z"));
      assertThat(one.logAccess()).extracting(MonthlyReport.LogAccess::caseRef,
          MonthlyReport.LogAccess::reason).containsExactly(
              org.assertj.core.groups.Tuple.tuple("CASE-7", "complaint"));
      assertThat(r.schools().get("school-03").noEventDays()).containsExactly(SKIPPED);

      MonthlyReport.DistrictCompliance d = r.district();
      assertThat(d.daysVerified()).isEqualTo(31);
      assertThat(d.integrityFailures()).isEmpty();
      assertThat(d.clockDrift()).singleElement().satisfies(a -> {
        assertThat(a.to()).isEqualTo(Instant.parse("2026-09-30T18:00:00Z"));
        assertThat(a.message()).isEqualTo("drift 3 s");
      });
      assertThat(d.auditDowntime()).hasSize(1);
      assertThat(d.logAccess()).extracting(MonthlyReport.LogAccess::action)
          .containsExactly("audit.who-had", "audit.aggregate");
    }
  }

  @Test
  void aNormalMonthHasNoFindings() throws Exception {
    fill(october().seed(8).build());
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(config())) {
      LogChecks.Result r = new LogChecks(() -> s, db.adminLog(), clock, ZONE)
          .check(OCTOBER, SCHOOLS);
      assertThat(r.findings()).isEmpty();
      assertThat(r.district().daysVerified()).isEqualTo(31);
    }
  }

  @Test
  void aTamperedRecordFailsItsDayOnly() throws Exception {
    fill(SyntheticEvents.builder().seed(5).zone(ZONE).start(LocalDate.of(2026, 10, 12)).days(5)
        .schools(2).usersPerSchool(40).eventsPerDay(6_000).build());
    LocalDate tampered = LocalDate.of(2026, 10, 14);
    long seq;
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(config())) {
      seq = s.search(AuditQuery.between(tampered.atTime(12, 0).atZone(ZONE).toInstant(),
          tampered.plusDays(1).atStartOfDay(ZONE).toInstant()).order(SortOrder.OLDEST_FIRST)
          .limit(1).build()).events().get(0).seq();
    }
    JournalEdit.editRecord(dir.resolve("audit"), seq);
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(config())) {
      Instant dayBefore = tampered.minusDays(1).atStartOfDay(ZONE).toInstant();
      assertThat(s.verify(dayBefore, tampered.atStartOfDay(ZONE).toInstant()).intact())
          .as("the day before shares the segment, so its own verify reports the change too")
          .isFalse();

      LogChecks.Result r = new LogChecks(() -> s, db.adminLog(), clock, ZONE)
          .check(OCTOBER, List.of("school-01", "school-02"));

      assertThat(r.district().integrityFailures()).singleElement().satisfies(day -> {
        assertThat(day.day()).isEqualTo(tampered);
        assertThat(day.problemCount()).isPositive();
      });
      assertThat(r.findings()).filteredOn(f -> f.kind() == FindingKind.INTEGRITY_FAILURE)
          .singleElement().satisfies(f -> {
            assertThat(f.schoolId()).isNull();
            assertThat(f.subject()).isEqualTo(tampered.toString());
            assertThat(f.facts()).containsKeys("day", "problems", "first");
          });
    }
  }

  @Test
  void aStorePrunedInsideTheFloorIsBelowItAYoungOneIsNot() throws Exception {
    EmbeddedStoreConfig small = config().toBuilder().segmentBytes(64 << 10).build();
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(small)) {
      s.append(SyntheticEvents.builder().seed(2).zone(ZONE).start(LocalDate.of(2026, 10, 12))
          .days(3).schools(1).usersPerSchool(30).eventsPerDay(2_000).build().stream().toList())
          .awaitDurable(Duration.ofSeconds(60));
      LogChecks checks = new LogChecks(() -> s, db.adminLog(), clock, ZONE);
      assertThat(checks.check(OCTOBER, List.of("school-01")).findings())
          .noneMatch(f -> f.kind() == FindingKind.RETENTION_BELOW_FLOOR);
      // a store whose clock ran seven months ahead removed what the law keeps
      assertThat(s.applyRetention(Instant.parse("2027-06-01T00:00:00Z"))).isNotEmpty();

      LogChecks.Result r = checks.check(OCTOBER, List.of("school-01"));

      assertThat(r.schools().get("school-01").floorMet()).isFalse();
      assertThat(r.findings()).filteredOn(f -> f.kind() == FindingKind.RETENTION_BELOW_FLOOR)
          .singleElement().satisfies(f -> {
            assertThat(f.schoolId()).isEqualTo("school-01");
            assertThat(f.facts()).containsKeys("oldest", "floor", "removedThrough");
          });
    }
  }
}
