package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.StoredEvent;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.block.LocalizedBlockPages;
import org.campusgate.gateway.testing.TestPolicies;
import org.campusgate.policy.PolicyHolder;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppCategory;
import org.campusgate.policy.apps.AppKind;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.Fingerprints;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learning-app decisions through a real gateway: the demo policy with a register of two filed
 * apps on demo domains, one of which the school has filed (and confirmed) and one it has not.
 * A hosts file sends both domains to the loopback origin. Each test checks the block page or the
 * relayed answer, and the access event as the audit store keeps and finds it.
 */
class AppDecisionsEndToEndTest {
  static final String FILED_HOST = "ketang.demo-apps.test";
  static final String UNFILED_HOST = "zuoye.demo-apps.test";

  @TempDir static Path dir;
  static Harness h;

  @BeforeAll
  static void start() throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"),
        "# demo app domains on loopback\n127.0.0.1 " + FILED_HOST + " " + UNFILED_HOST + "\n");
    PolicySnapshot demo = TestPolicies.demo().current();
    PolicyHolder policies = new PolicyHolder(demo.withRegister(register(demo.schoolId())));
    h = new Harness(dir, policies, GatewayConfig.builder().hostsFile(hosts),
        new LocalizedBlockPages());
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  /** Two filed learning apps; the school has a confirmed filing for {@code ketang} only. */
  static AppRegister register(String school) throws Exception {
    Instant filed = Instant.now().minus(30, ChronoUnit.DAYS);
    LocalDate today = LocalDate.now();
    return AppRegister.builder().revision(1).lastUpdate(Instant.now())
        .app(new App("ketang", "课堂派 Ketang", AppKind.LEARNING, "EDU-2026-0007",
            AppCategory.TEACHING, null, Fingerprints.ofDomains(FILED_HOST)))
        .app(new App("zuoye", "作业本 Zuoye", AppKind.LEARNING, "EDU-2026-0042",
            AppCategory.HOMEWORK, null, Fingerprints.ofDomains(UNFILED_HOST)))
        .providerFiling(filing("EDU-2026-0007", filed))
        .providerFiling(filing("EDU-2026-0042", filed))
        .userFiling(UserFiling.builder("UF-" + school + "-17", school, "ketang")
            .filingNumber("EDU-2026-0007").status(UserFilingStatus.CONFIRMED)
            .confirmed("district-admin", filed).valid(today.minusDays(60), today.plusDays(60))
            .effectiveFrom(filed).build())
        .build();
  }

  private static ProviderFiling filing(String number, Instant filed) {
    return ProviderFiling.builder(number).appName(number).icp("京ICP备00000001号")
        .mlps("11010000001", 2).category(AppCategory.TEACHING).effectiveFrom(filed).build();
  }

  @Test
  void filedAppIsRelayedAndRecordedWithBothFilings() throws Exception {
    int port = h.origin.getAddress().getPort();
    Harness.Result r = h.curl("http://" + FILED_HOST + ":" + port + "/hello");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("hello");
    AccessEvent e = h.nextEvent();
    assertThat(e.action()).isEqualTo("ALLOW");
    assertThat(e.reason()).isEqualTo("ALLOWED");
    assertThat(e.appId()).isEqualTo("ketang");
    assertThat(e.providerFiling()).isEqualTo("EDU-2026-0007");
    assertThat(e.schoolFiling()).isEqualTo("UF-demo-school-17");
    assertThat(stored(e).event().schoolFiling()).isEqualTo("UF-demo-school-17");
  }

  @Test
  void unfiledAppGetsTheSchoolNotFiledPageAndIsRecordedAndFindable() throws Exception {
    Harness.Result r = h.curl("-w", "|%{http_code}", "http://" + UNFILED_HOST + "/lesson?id=1");
    assertThat(r.out()).endsWith("|403")
        .contains("本校未选用该应用，或其使用者备案尚未经主管教育部门确认。")
        .contains("<dt>应用</dt><dd>作业本 Zuoye</dd>")
        .contains("<dt>备案编号</dt><dd><code>EDU-2026-0042</code></dd>");
    AccessEvent e = h.nextEvent();
    assertThat(r.out()).contains(e.eventId().toString());
    assertThat(e.action()).isEqualTo("BLOCK");
    assertThat(e.reason()).isEqualTo("APP_SCHOOL_NOT_FILED");
    assertThat(e.appId()).isEqualTo("zuoye");
    assertThat(e.providerFiling()).isEqualTo("EDU-2026-0042");
    assertThat(e.schoolFiling()).isNull();

    StoredEvent kept = stored(e);
    assertThat(kept.event().appId()).isEqualTo("zuoye");
    assertThat(kept.event().providerFiling()).isEqualTo("EDU-2026-0042");
    assertThat(kept.event().reason()).isEqualTo("APP_SCHOOL_NOT_FILED");
    // What the monthly report asks: unfiled-app attempts by app and reason, or by filing number.
    assertThat(ids(query(e).app("zuoye").reason("APP_SCHOOL_NOT_FILED"))).contains(e.eventId().toString());
    assertThat(ids(query(e).providerFiling("EDU-2026-0042"))).contains(e.eventId().toString());
    assertThat(ids(query(e).app("ketang"))).doesNotContain(e.eventId().toString());
  }

  @Test
  void blockedAppConnectNamesAppAndFilingInItsReasonLine() throws Exception {
    String answer;
    try (Socket s = new Socket("127.0.0.1", h.gateway.boundAddress().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("CONNECT " + UNFILED_HOST + ":443 HTTP/1.1\r\nHost: "
          + UNFILED_HOST + ":443\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(answer).startsWith("HTTP/1.1 403")
        .containsIgnoringCase("X-CampusGate-Reason: APP_SCHOOL_NOT_FILED\r\n")
        .contains("APP_SCHOOL_NOT_FILED rule=app-register app=zuoye filing=EDU-2026-0042 id=");
    AccessEvent e = h.nextEvent();
    assertThat(e.method()).isEqualTo("CONNECT");
    assertThat(e.appId()).isEqualTo("zuoye");
    assertThat(e.providerFiling()).isEqualTo("EDU-2026-0042");
    assertThat(answer).contains(e.eventId().toString());
  }

  private static AuditQuery.Builder query(AccessEvent e) {
    return AuditQuery.between(e.timestamp().minusSeconds(1), Instant.now().plusSeconds(1));
  }

  private static List<String> ids(AuditQuery.Builder q) {
    return h.store.search(q.build()).events().stream()
        .map(s -> s.event().eventId().toString()).toList();
  }

  private static StoredEvent stored(AccessEvent e) {
    return h.store.search(query(e).build()).events().stream()
        .filter(s -> s.event().eventId().equals(e.eventId())).findFirst().orElseThrow();
  }
}
