package org.campusgate.console.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campusgate.console.cli.InProcessCli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.TestEvents;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.console.ConsoleApplication;
import org.campusgate.console.ConsoleConfiguration;
import org.campusgate.console.cli.InProcessCli.Result;
import org.campusgate.console.db.ConsoleDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code campusgate report} against an installation on disk (its H2 database and audit store),
 * and the clear refusal when a running console holds the store.
 */
class ReportCommandTest {
  @TempDir
  Path home;

  @BeforeEach
  void installation() throws Exception {
    Files.writeString(home.resolve("console.yaml"), """
        school:
          id: demo-school
          name: Demo
        audit: var/audit
        database:
          embeddedDir: var/console
        report:
          district: 滨江区教育局
        """);
    ConsoleConfiguration config = ConsoleApplication.readConfiguration(home.resolve("console.yaml"));
    try (ConsoleDatabase db = ConsoleApplication.openDatabase(config, home, Clock.systemUTC())) {
      db.schools().create("east-primary", "东城第一小学");
      db.schools().create("west-middle", "西城实验中学");
    }
    TestEvents t = new TestEvents();
    List<AccessEvent> events = new ArrayList<>();
    for (int day = 1; day <= 31; day++) {
      String at = LocalDate.of(2026, 10, day).atTime(9, 0).atZone(ZoneId.of("Asia/Shanghai"))
          .toInstant().toString();
      events.add(t.access(at, "s1", "10.0.0.7", "smartedu.cn").schoolId("east-primary").build());
      events.add(t.access(at, "w1", "10.0.0.8", "bet365.com").schoolId("west-middle")
          .action("BLOCK").reason("CATEGORY_BLOCKED").category("gambling").build());
    }
    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(EmbeddedStoreConfig
        .builder(home.resolve("var/audit"), "campusgate/demo-school/gw-1").build())) {
      store.append(events).awaitDurable(Duration.ofSeconds(30));
    }
  }

  @Test
  void writesTheMonthsReportOffline() throws Exception {
    Path out = home.resolve("out");
    Result r = run("report", "--month", "2026-10", "--out", out.toString(), "--home",
        home.toString(), "--config", "console.yaml", "--lang", "en", "--inspector", "zhang");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Report written to " + out.resolve("report.html"),
        "PDF: " + out.resolve("report.pdf"));
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html).contains("滨江区教育局", "东城第一小学", "西城实验中学", "zhang",
        "blocked category (CATEGORY_BLOCKED)");
    assertThat(out.resolve("report.pdf")).isNotEmptyFile();
    assertThat(out.resolve("assets/echarts.min.js")).exists();
    try (var csv = Files.list(out.resolve("csv"))) {
      assertThat(csv.map(p -> p.getFileName().toString()))
          .contains("01-header.csv").anyMatch(n -> n.endsWith("school-west-middle-reasons.csv"));
    }
  }

  @Test
  void oneSchoolInChineseByDefault() throws Exception {
    Path out = home.resolve("east");
    Result r = run("report", "--month", "2026-10", "--school", "east-primary", "--out",
        out.toString(), "--home", home.toString(), "--config", "console.yaml");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("报告已写入");
    assertThat(Files.readString(out.resolve("report.html"))).contains("<html lang=\"zh-CN\">",
        "东城第一小学").doesNotContain("西城实验中学");
  }

  @Test
  void refusesBadMonthsAndUnknownSchools() {
    Result bad = run("report", "--month", "10/2026", "--out", home.resolve("x").toString(),
        "--home", home.toString(), "--config", "console.yaml", "--lang", "en");
    assertThat(bad.code()).isEqualTo(CampusGate.EXIT_INVALID);
    assertThat(bad.err()).contains("Not a month: 10/2026");
    Result future = run("report", "--month", "2099-01", "--out", home.resolve("x").toString(),
        "--home", home.toString(), "--config", "console.yaml", "--lang", "en");
    assertThat(future.code()).isEqualTo(CampusGate.EXIT_INVALID);
    assertThat(future.err()).contains("has not ended yet");
    Result nowhere = run("report", "--month", "2026-10", "--school", "nowhere", "--out",
        home.resolve("x").toString(), "--home", home.toString(), "--config", "console.yaml",
        "--lang", "en");
    assertThat(nowhere.err()).contains("no school nowhere");
  }

  @Test
  void aStoreHeldByARunningConsoleIsNamedWithTheReportsPage() throws Exception {
    try (EmbeddedAuditStore running = EmbeddedAuditStore.openExisting(home.resolve("var/audit"))) {
      Result r = run("report", "--month", "2026-10", "--out", home.resolve("x").toString(),
          "--home", home.toString(), "--config", "console.yaml", "--lang", "en");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).contains("in use by a running console", "Reports page (/reports.html)");
    }
  }
}
