package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.testing.ConsoleHttp;
import org.campusgate.console.testing.ConsoleHttp.Answer;
import org.campusgate.console.testing.TestConsole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The register API over HTTP on the whole console, as each role meets it: district admins keep
 * the catalogue and provider filings, schools file and withdraw their own, only district admins
 * confirm; bad input answers 422 with the fields at fault; the "expiring" and "revoked this
 * month" lists and the status; a change is in the running gateway when the answer comes.
 */
class RegisterApiTest {
  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole();
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static ConsoleHttp district;
  static ConsoleHttp demoAdmin;
  static ConsoleHttp otherAdmin;
  static ConsoleHttp inspector;

  @BeforeAll
  static void callers() {
    CONSOLE.services().db().schools().create("other-school", "Other School");
    district = ConsoleHttp.withToken(CONSOLE, CONSOLE.token(ConsoleRole.DISTRICT_ADMIN, null, "reg-da"));
    demoAdmin = ConsoleHttp.withToken(CONSOLE, CONSOLE.token(ConsoleRole.SCHOOL_ADMIN, "demo-school", "reg-sa"));
    otherAdmin = ConsoleHttp.withToken(CONSOLE, CONSOLE.token(ConsoleRole.SCHOOL_ADMIN, "other-school", "reg-oa"));
    inspector = ConsoleHttp.withToken(CONSOLE, CONSOLE.token(ConsoleRole.INSPECTOR, null, "reg-in"));
  }

  static void provider(String number, String app) {
    Answer a = district.send("POST", "/register/provider-filings", Map.of("filingNumber", number,
        "appName", app, "icpNumber", "ICP-" + number, "mlpsNumber", "MLPS-" + number, "mlpsLevel", 3,
        "category", "TEACHING", "status", "ACTIVE"));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
  }

  static void app(String id, String number, String domain) {
    Answer a = district.send("POST", "/register/apps", Map.of("id", id, "name", id, "kind", "LEARNING",
        "filingNumber", number, "category", "TEACHING", "domains", List.of(domain)));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
  }

  static String confirmedFiling(String app, LocalDate validTo) {
    Answer created = demoAdmin.send("POST", "/schools/demo-school/user-filings", Map.of("appId", app,
        "usage", "RECOMMENDED", "evidence", Map.of("consultation", "问卷 2026-09"),
        "scope", List.of("students", "teachers"), "validFrom", "2026-01-01", "validTo", validTo.toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(demoAdmin.send("POST", "/schools/demo-school/user-filings/" + id + "/submit", null).status())
        .isEqualTo(200);
    Answer confirmed = district.send("POST", "/schools/demo-school/user-filings/" + id + "/confirm", null);
    assertThat(confirmed.json().get("status").asText()).as(confirmed.body()).isEqualTo("CONFIRMED");
    return id;
  }

  static LocalDate today() {
    return LocalDate.now(ZONE);
  }

  @Test
  void districtAdminsKeepTheCatalogueAndEveryRoleReadsIt() {
    provider("API-0001", "作业帮手");
    app("zuoye", "API-0001", "zuoye.example");
    assertThat(demoAdmin.send("POST", "/register/apps", Map.of("id", "x", "name", "x", "kind", "OTHER"))
        .error()).isEqualTo("forbidden");
    JsonNode apps = inspector.get("/register/apps").json();
    assertThat(apps.findValuesAsText("id")).contains("zuoye");
    Answer changed = district.send("PUT", "/register/apps/zuoye", Map.of("name", "作业帮手", "kind", "LEARNING",
        "filingNumber", "API-0001", "domains", List.of("zuoye.example", "zy.example")));
    assertThat(changed.json().get("domains").toString()).isEqualTo("[\"zuoye.example\",\"zy.example\"]");
    assertThat(district.send("PUT", "/register/apps/nothing", Map.of("name", "x", "kind", "OTHER")).status())
        .isEqualTo(404);
    JsonNode history = inspector.get("/register/provider-filings/API-0001").json();
    assertThat(history.get("current").get("apps").toString()).isEqualTo("[\"zuoye\"]");
    assertThat(inspector.get("/register/provider-filings/NOPE").status()).isEqualTo(404);
  }

  @Test
  void badInputIsAnsweredWithTheFieldsAtFault() {
    Answer a = district.send("POST", "/register/apps", Map.of("id", "bad id", "kind", "TOY",
        "domains", List.of("ok.example", "not a domain")));
    assertThat(a.status()).isEqualTo(422);
    assertThat(a.error()).isEqualTo("invalid-input");
    assertThat(a.json().get("details").findValuesAsText("field")).contains("id", "name", "kind");
    Answer filing = district.send("POST", "/register/provider-filings", Map.of("filingNumber", "B-1",
        "appName", "x", "status", "GONE", "mlpsLevel", 9, "mayRefileFrom", "soon"));
    assertThat(filing.json().get("details").findValuesAsText("field"))
        .containsExactlyInAnyOrder("status", "mlpsLevel", "mayRefileFrom");
    assertThat(district.get("/register/expiring?days=abc").status()).isEqualTo(422);
    assertThat(district.get("/register/expiring?days=9999").status()).isEqualTo(422);
    assertThat(district.get("/register/revoked?month=2026-13").error()).isEqualTo("invalid-input");
    assertThat(demoAdmin.send("POST", "/schools/demo-school/user-filings", Map.of("appId", "no-such-app"))
        .json().get("details").findValuesAsText("field")).containsExactly("appId");
    assertThat(demoAdmin.send("POST", "/schools/demo-school/user-filings", "not json", true,
        "application/json", "application/json").status()).isBetween(400, 422);
  }

  @Test
  void schoolsFileTheirOwnAppsAndOnlyDistrictAdminsConfirm() {
    provider("API-0002", "口语练习");
    app("kouyu", "API-0002", "kouyu.example");
    Answer created = demoAdmin.send("POST", "/schools/demo-school/user-filings", Map.of("appId", "kouyu"));
    String id = created.json().get("id").asText();
    String path = "/schools/demo-school/user-filings/" + id;
    assertThat(otherAdmin.get(path).error()).isEqualTo("forbidden-school");
    assertThat(otherAdmin.send("POST", path + "/withdraw", Map.of()).error()).isEqualTo("forbidden-school");
    assertThat(demoAdmin.send("POST", path + "/confirm", null).error()).as("not before submit, not by a school")
        .isEqualTo("forbidden");
    Answer early = district.send("POST", path + "/confirm", null);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.error()).isEqualTo("illegal-transition");
    assertThat(demoAdmin.send("PUT", path, Map.of("supervisingDept", "区教育局", "usage", "UNIFORM_REQUIRED"))
        .json().get("usage").asText()).isEqualTo("UNIFORM_REQUIRED");
    demoAdmin.send("POST", path + "/submit", null);
    assertThat(district.send("POST", path + "/reject", Map.of()).status()).isEqualTo(422);
    assertThat(district.send("POST", path + "/reject", Map.of("reason", "缺少会议纪要")).json()
        .get("status").asText()).isEqualTo("REJECTED");
    JsonNode list = inspector.get("/schools/demo-school/user-filings").json();
    assertThat(list.findValuesAsText("id")).contains(id);
    assertThat(CONSOLE.services().db().adminLog().page(null, 0, 10_000))
        .anySatisfy(e -> assertThat(e.action()).isEqualTo("register.user-filing.rejected"));
  }

  @Test
  void aWithdrawalIsInTheRunningGatewayWhenTheAnswerComes() {
    provider("API-0003", "阅读");
    app("yuedu", "API-0003", "yuedu.example");
    String id = confirmedFiling("yuedu", today().plusYears(1));
    Answer withdrawn = demoAdmin.send("POST", "/schools/demo-school/user-filings/" + id + "/withdraw",
        Map.of("reason", "停止使用"));
    assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
    JsonNode status = inspector.get("/register/status?school=demo-school").json();
    assertThat(status.get("liveRevision").asLong()).isEqualTo(status.get("revision").asLong());
    assertThat(CONSOLE.services().policies().liveHolder("demo-school").orElseThrow().current().register()
        .userFilingAt("demo-school", "yuedu", java.time.Instant.now().plusSeconds(1)).status().name())
        .isEqualTo("WITHDRAWN");
    assertThat(status.get("stale").asBoolean()).isFalse();
    assertThat(district.send("POST", "/register/status/synced", Map.of("source", "平台核对 2026-11"))
        .json().get("lastSyncSource").asText()).isEqualTo("平台核对 2026-11");
  }

  @Test
  void expiringListsFilingsEndingSoonAndProvidersTakenOffline() {
    provider("API-0004", "数学");
    app("shuxue", "API-0004", "shuxue.example");
    String soon = confirmedFiling("shuxue", today().plusDays(10));
    provider("API-0005", "下线应用");
    district.send("POST", "/register/provider-filings/API-0005/status",
        Map.of("status", "OFFLINE_PENDING", "reason", "整改"));
    JsonNode expiring = demoAdmin.get("/register/expiring").json();
    assertThat(expiring.get("days").asInt()).isEqualTo(30);
    assertThat(expiring.get("userFilings").findValuesAsText("id")).contains(soon);
    assertThat(expiring.get("suspended").findValuesAsText("filingNumber")).contains("API-0005");
    assertThat(demoAdmin.get("/register/expiring?days=5").json().get("userFilings").findValuesAsText("id"))
        .doesNotContain(soon);
    assertThat(otherAdmin.get("/register/expiring").json().get("userFilings").findValuesAsText("id"))
        .as("another school's filings are not shown to a school admin").doesNotContain(soon);
  }

  @Test
  void revokedThisMonthNamesTheSchoolsAffected() {
    provider("API-0006", "撤销应用");
    app("chexiao", "API-0006", "chexiao.example");
    String id = confirmedFiling("chexiao", today().plusYears(1));
    Answer revoked = district.send("POST", "/register/provider-filings/API-0006/status",
        Map.of("status", "REVOKED", "reason", "未完成等保备案"));
    assertThat(revoked.json().get("current").get("status").asText()).isEqualTo("REVOKED");
    assertThat(revoked.json().get("history").size()).isEqualTo(2);
    String month = YearMonth.now(ZONE).toString();
    JsonNode list = inspector.get("/register/revoked?month=" + month).json();
    JsonNode entry = null;
    for (JsonNode e : list) {
      if (e.get("filingNumber").asText().equals("API-0006")) {
        entry = e;
      }
    }
    assertThat(entry).isNotNull();
    assertThat(entry.get("affected").findValuesAsText("schoolId")).containsExactly("demo-school");
    assertThat(entry.get("affected").findValuesAsText("filingId")).containsExactly(id);
    assertThat(otherAdmin.get("/register/revoked").json().findValuesAsText("schoolId")).isEmpty();
    assertThat(district.send("POST", "/register/provider-filings/API-0006/status",
        Map.of("status", "REVOKED", "reason", "again")).status()).isEqualTo(409);
  }
}
