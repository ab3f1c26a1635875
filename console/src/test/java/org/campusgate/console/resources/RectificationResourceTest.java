package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.FindingKind;
import org.campusgate.console.report.RectificationItem;
import org.campusgate.console.testing.ConsoleHttp;
import org.campusgate.console.testing.ConsoleHttp.Answer;
import org.campusgate.console.testing.TestConsole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rectification API over HTTP on the whole console: who lists which items, a school marks
 * its own items rectified with a note, an inspector closes, reopens and reassigns; bad input is
 * a 400 with a code, another school's item a 403, and every change is in the admin log.
 */
class RectificationResourceTest {
  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole();
  static final YearMonth SEPTEMBER = YearMonth.of(2026, 9);
  static ConsoleHttp inspector;
  static ConsoleHttp demoAdmin;
  static ConsoleHttp otherAdmin;
  static ConsoleHttp responder;
  static long demoItem;
  static long otherItem;
  static long districtItem;

  @BeforeAll
  static void items() {
    CONSOLE.services().db().schools().create("other-school", "Other School");
    inspector = ConsoleHttp.withToken(CONSOLE, CONSOLE.token(ConsoleRole.INSPECTOR, null, "rc-in"));
    demoAdmin = ConsoleHttp.withToken(CONSOLE,
        CONSOLE.token(ConsoleRole.SCHOOL_ADMIN, "demo-school", "rc-sa"));
    otherAdmin = ConsoleHttp.withToken(CONSOLE,
        CONSOLE.token(ConsoleRole.SCHOOL_ADMIN, "other-school", "rc-oa"));
    responder = ConsoleHttp.withToken(CONSOLE, CONSOLE.token(ConsoleRole.RESPONDER, null, "rc-re"));
    List<RectificationItem> raised = CONSOLE.services().rectifications().raise(SEPTEMBER, List.of(
        new Finding(FindingKind.INGEST_GAP, "demo-school", "2026-09-14T01:00:00Z",
            Map.of("hours", "2")),
        new Finding(FindingKind.NO_EVENTS_DAY, "other-school", "2026-09-21", Map.of()),
        new Finding(FindingKind.CLOCK_DRIFT, null, "2026-09-03T00:00:00Z", Map.of())), "insp");
    demoItem = raised.get(0).id();
    otherItem = raised.get(1).id();
    districtItem = raised.get(2).id();
  }

  @Test
  void eachRoleListsWhatItMaySee() {
    Answer all = inspector.get("/rectifications?month=2026-09");
    assertThat(all.status()).as(all.body()).isEqualTo(200);
    assertThat(all.json().get("items")).hasSize(3);
    assertThat(all.json().get("items").get(0).get("month").asText()).isEqualTo("2026-09");

    Answer own = demoAdmin.get("/rectifications");
    assertThat(own.json().get("items")).extracting(i -> i.get("schoolId").asText())
        .containsExactly("demo-school");
    assertThat(demoAdmin.get("/rectifications?school=other-school").error())
        .isEqualTo("forbidden-school");
    assertThat(responder.get("/rectifications").status()).isEqualTo(403);
    assertThat(inspector.get("/rectifications?month=2026-13").error()).isEqualTo("bad-month");
    assertThat(inspector.get("/rectifications?status=DONE").error()).isEqualTo("bad-status");
    assertThat(inspector.get("/rectifications?status=open&school=other-school").json()
        .get("items")).hasSize(1);
  }

  @Test
  void aSchoolRectifiesItsOwnAndTheInspectorClosesOrReopens() {
    String path = "/rectifications/" + demoItem + "/status";
    assertThat(demoAdmin.send("POST", path, Map.of("status", "RECTIFIED")).error())
        .isEqualTo("note-required");
    assertThat(demoAdmin.send("POST", path, Map.of("status", "CLOSED", "note", "x")).error())
        .isEqualTo("bad-status");
    assertThat(demoAdmin.send("POST", "/rectifications/" + otherItem + "/status",
        Map.of("status", "RECTIFIED", "note", "x")).status()).isEqualTo(403);
    assertThat(demoAdmin.send("POST", "/rectifications/" + districtItem + "/status",
        Map.of("status", "RECTIFIED", "note", "x")).status()).isEqualTo(403);
    assertThat(demoAdmin.send("POST", "/rectifications/abc/status",
        Map.of("status", "RECTIFIED", "note", "x")).error()).isEqualTo("bad-id");
    assertThat(inspector.send("POST", "/rectifications/99999/status",
        Map.of("status", "CLOSED")).status()).isEqualTo(404);

    Answer fixed = demoAdmin.send("POST", path, Map.of("status", "RECTIFIED",
        "note", "更换了上行链路"));
    assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
    assertThat(fixed.json().get("status").asText()).isEqualTo("RECTIFIED");
    Answer closed = inspector.send("POST", path, Map.of("status", "CLOSED", "note", "checked"));
    assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
    assertThat(demoAdmin.send("POST", path, Map.of("status", "RECTIFIED", "note", "again"))
        .status()).isEqualTo(409);
    assertThat(inspector.send("POST", path, Map.of("status", "OPEN", "note", "not fixed"))
        .json().get("status").asText()).isEqualTo("OPEN");

    List<AdminAction> log = CONSOLE.services().adminLog().dao().latest(null, Long.MAX_VALUE, 50)
        .stream().filter(a -> a.target().equals("rectification:" + demoItem)
            && a.action().equals("rectification.status")).toList();
    assertThat(log).extracting(AdminAction::actor)
        .containsExactly("token:rc-in", "token:rc-in", "token:rc-sa");
  }

  @Test
  void theInspectorReassignsWithOwnerAndDeadline() {
    String path = "/rectifications/" + otherItem;
    assertThat(inspector.send("PUT", path, Map.of("owner", "", "deadline", "2026-12-01"))
        .error()).isEqualTo("bad-owner");
    assertThat(inspector.send("PUT", path, Map.of("owner", "li", "deadline", "Dec 1"))
        .error()).isEqualTo("bad-deadline");
    assertThat(otherAdmin.send("PUT", path, Map.of("owner", "li", "deadline", "2026-12-01"))
        .status()).isEqualTo(403);
    Answer moved = inspector.send("PUT", path, Map.of("owner", "li", "deadline", "2026-12-01"));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    JsonNode item = moved.json();
    assertThat(item.get("owner").asText()).isEqualTo("li");
    assertThat(item.get("deadline").asText()).isEqualTo("2026-12-01");
  }
}
