package org.campusgate.console.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.EventIds;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.register.RegisterDao;
import org.campusgate.console.register.RegisterService;
import org.campusgate.console.report.MonthlyReport.SchoolSection;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppCategory;
import org.campusgate.policy.apps.AppFeature;
import org.campusgate.policy.apps.AppKind;
import org.campusgate.policy.apps.Evidence;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.Fingerprints;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UsageMode;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register's findings on a small hand-made month: a uniformly required app that charges
 * (blocked three times), a provider filing revoked mid-month and still allowed four times after,
 * a confirmed filing without its data agreement, and a school whose guests make a fifth of its
 * traffic. Real store, H2 and register.
 */
class AppFindingsTest {
  static final Instant NOW = Instant.parse("2026-11-05T02:00:00Z");
  static final Instant SINCE = Instant.parse("2026-03-01T00:00:00Z");
  static final Instant REVOKED = Instant.parse("2026-10-09T16:00:00Z"); // 10 Oct, local midnight

  @TempDir Path dir;
  EmbeddedAuditStore store;
  ConsoleDatabase db;
  RegisterService register;
  final EventIds ids = new EventIds(new java.util.Random(7));
  final List<AccessEvent> events = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    store = EmbeddedAuditStore.open(EmbeddedStoreConfig.builder(dir.resolve("audit"),
        "campusgate/test/app-findings").zone(PlantedMonth.ZONE)
        .commitInterval(Duration.ofMillis(20)).build());
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    db = ConsoleDatabase.open(ConsoleDatabase.embeddedUrl(dir.resolve("db")), "sa", "", clock);
    db.schools().create("north", "North Primary");
    db.schools().create("south", "South Middle");
    AdminLog log = new AdminLog(db.adminLog(), new ObjectMapper().findAndRegisterModules());
    register = new RegisterService(new RegisterDao(db.jdbi(), clock), log, PlantedMonth.ZONE,
        next -> { });
    RegisterDao dao = register.dao();
    register.change("test", "register.import", "register", null, null, "test", () -> {
      provider(dao, "P-FEES", "收费作业", Set.of(AppFeature.PAYMENTS, AppFeature.ADS));
      ProviderFiling revoked = provider(dao, "P-GONE", "已撤销", Set.of());
      dao.addProviderVersion(revoked.withStatus(FilingStatus.REVOKED, "违规收集个人信息", REVOKED,
          REVOKED), "test");
      provider(dao, "P-PLAIN", "普通应用", Set.of());
      app(dao, "app.fees", "P-FEES", "fees.example");
      app(dao, "app.gone", "P-GONE", "gone.example");
      app(dao, "app.plain", "P-PLAIN", "plain.example");
      dao.addUserVersion(filing("north-fees", "north", "app.fees", "P-FEES")
          .usage(UsageMode.UNIFORM_REQUIRED).chargesStudents(true).build(), null, "test", 0);
      dao.addUserVersion(filing("north-gone", "north", "app.gone", "P-GONE").build(), null,
          "test", 0);
      dao.addUserVersion(filing("north-plain", "north", "app.plain", "P-PLAIN")
          .evidence(new Evidence("征求意见", "校务会纪要", null)).build(), null, "test", 0);
      dao.addUserVersion(filing("south-plain", "south", "app.plain", "P-PLAIN").build(), null,
          "test", 0);
      return null;
    });
  }

  @AfterEach
  void stop() {
    store.close();
    db.close();
  }

  static ProviderFiling provider(RegisterDao dao, String number, String name,
      Set<AppFeature> features) {
    ProviderFiling f = ProviderFiling.builder(number).appName(name).provider(name + "公司",
            "91110000000000001X").authority("11").icp("京ICP备1号").mlps("11-1", 3)
        .category(AppCategory.HOMEWORK).features(features).status(FilingStatus.ACTIVE)
        .source("test").effectiveFrom(SINCE).build();
    dao.addProviderVersion(f, "test");
    return f;
  }

  static void app(RegisterDao dao, String id, String filing, String domain) {
    dao.insertApp(new App(id, id, AppKind.LEARNING, filing, AppCategory.HOMEWORK, Set.of(),
        new Fingerprints(List.of(domain), null, null, null)), "test");
  }

  static UserFiling.Builder filing(String id, String school, String app, String number) {
    return UserFiling.builder(id, school, app).filingNumber(number).usage(UsageMode.RECOMMENDED)
        .evidence(new Evidence("征求意见", "校务会纪要", "数据安全协议"))
        .status(UserFilingStatus.CONFIRMED).confirmed("district", SINCE)
        .valid(LocalDate.of(2026, 9, 1), null).effectiveFrom(SINCE);
  }

  void add(int n, String at, String school, String user, String app, String action,
      String reason) {
    Instant t = Instant.parse(at);
    for (int i = 0; i < n; i++) {
      events.add(AccessEvent.builder().eventId(ids.next(t)).timestamp(t).schoolId(school)
          .gatewayId("gw").userId(user).groups(List.of(user == null ? "guest" : "students"))
          .host(app == null ? "www.example.com" : app.substring(4) + ".example").appId(app)
          .action(action).reason(reason).build());
      t = t.plusSeconds(1);
    }
  }

  @Test
  void registerProblemsAndLowRealNameCoverageAreFoundWithTheirFacts() throws Exception {
    add(20, "2026-10-05T02:00:00Z", "north", "n1", null, "ALLOW", "ALLOWED");
    add(3, "2026-10-06T02:00:00Z", "north", "n1", "app.fees", "BLOCK", "APP_UNIFORM_CHARGES");
    add(2, "2026-10-08T02:00:00Z", "north", "n2", "app.gone", "ALLOW", "ALLOWED");
    add(4, "2026-10-12T02:00:00Z", "north", "n2", "app.gone", "ALLOW", "ALLOWED");
    add(1, "2026-11-02T02:00:00Z", "north", "n1", null, "ALLOW", "ALLOWED");
    add(8, "2026-10-07T02:00:00Z", "south", "s1", "app.plain", "ALLOW", "ALLOWED");
    add(2, "2026-10-07T03:00:00Z", "south", null, null, "AUTH_REQUIRED", "AUTH_REQUIRED");
    store.append(events).awaitDurable(Duration.ofSeconds(30));

    MonthlyReport r = new MonthlyReports(() -> store, register, db.schools(), db.adminLog(),
        new InMemoryRectifications(), Clock.fixed(NOW, ZoneOffset.UTC), PlantedMonth.ZONE, "区")
        .make(PlantedMonth.MONTH, null, "inspector");

    assertThat(r.findings()).extracting(Finding::schoolId, Finding::kind, Finding::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("north", FindingKind.REVOKED_APP_IN_USE, "app.gone"),
            org.assertj.core.groups.Tuple.tuple("north", FindingKind.UNIFORM_APP_CHARGES, "app.fees"),
            org.assertj.core.groups.Tuple.tuple("north", FindingKind.MISSING_EVIDENCE, "north-plain"),
            org.assertj.core.groups.Tuple.tuple("south", FindingKind.LOW_REAL_NAME_COVERAGE,
                "LOW_REAL_NAME_COVERAGE"));
    assertThat(r.findings().get(0).facts()).containsEntry("count", "4")
        .containsEntry("revokedOn", "2026-10-10").containsEntry("filing", "P-GONE");
    assertThat(r.findings().get(1).facts()).containsEntry("features", "ADS,PAYMENTS,CHARGES_STUDENTS")
        .containsEntry("chargesBlocked", "3");
    assertThat(r.findings().get(2).facts()).containsEntry("missing", "dataAgreement");
    assertThat(r.findings().get(3).facts()).containsEntry("coverage", "0.8000")
        .containsEntry("events", "10");

    SchoolSection north = r.schools().get(0);
    assertThat(north.revoked()).singleElement().satisfies(v -> {
      assertThat(v.appId()).isEqualTo("app.gone");
      assertThat(v.revokedOn()).isEqualTo(LocalDate.of(2026, 10, 10));
      assertThat(v.reason()).isEqualTo("违规收集个人信息");
    });
    assertThat(north.uniformApps()).singleElement().satisfies(u ->
        assertThat(u.chargesBlocked()).isEqualTo(3));
    assertThat(north.missingEvidence()).singleElement().satisfies(m ->
        assertThat(m.missing()).containsExactly("dataAgreement"));
    assertThat(north.apps()).extracting(MonthlyReport.AppUse::appId, MonthlyReport.AppUse::filed)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("app.gone", true),
            org.assertj.core.groups.Tuple.tuple("app.fees", true));
    assertThat(north.lastEvent()).as("the newest event, after the month")
        .isEqualTo(Instant.parse("2026-11-02T02:00:00Z"));
    assertThat(north.traffic().realNameCoverage()).isEqualTo(1.0);
    SchoolSection south = r.schools().get(1);
    assertThat(south.traffic().authRequired()).isEqualTo(2);
    assertThat(r.summary().compliantSchools()).isZero();
    assertThat(r.summary().topProblems()).extracting(MonthlyReport.ProblemCount::schools)
        .containsOnly(1);
    assertThat(r.proposals()).as("none of these kinds proposes on its own").isEmpty();
  }
}
