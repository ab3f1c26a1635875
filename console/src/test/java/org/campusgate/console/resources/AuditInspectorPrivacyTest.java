package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.campusgate.console.audit.TraceDay;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.testing.ConsoleHttp;
import org.campusgate.console.testing.TestConsole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "The console never shows a person's details to a role that may not see them; the inspector
 * sees aggregates unless a case reference is given": every endpoint class an inspector reaches,
 * in the running console, with a school's people, their day of events and looks at their logs
 * already made. An inspector without a case gets counts, or 403 {@code case-required}; nowhere
 * a user id, a display name or a client address.
 */
class AuditInspectorPrivacyTest {
  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole();
  private static final List<String> PERSONAL = List.of("alice", "Alice Wang", "bob", "10.0.0.1");
  private static final String DAY = "from=" + TraceDay.DAY_FROM + "&to=" + TraceDay.DAY_TO;
  private static String school;
  private static ConsoleHttp inspector;
  private static ConsoleHttp district;

  @BeforeAll
  static void seed() throws Exception {
    school = CONSOLE.services().localSchool();
    CONSOLE.services().db().schools().create("other-school", "Other School");
    TraceDay day = new TraceDay(school, "other-school");
    CONSOLE.services().store().append(day.records).awaitDurable(Duration.ofSeconds(30));
    district = ConsoleHttp.withToken(CONSOLE, CONSOLE.token(ConsoleRole.DISTRICT_ADMIN, null, "da"));
    inspector = ConsoleHttp.withToken(CONSOLE, CONSOLE.token(ConsoleRole.INSPECTOR, null, "ins"));
    ConsoleHttp responder = ConsoleHttp.withToken(CONSOLE,
        CONSOLE.token(ConsoleRole.RESPONDER, null, "resp"));
    // what leaves person-naming entries in the admin log
    assertThat(district.send("POST", "/schools/" + school + "/users",
        Map.of("login", "alice", "displayName", "Alice Wang", "groups", List.of())).status())
        .isEqualTo(201);
    assertThat(district.send("POST", "/schools/" + school + "/bindings",
        Map.of("cidr", "10.0.0.1/32", "user", "alice")).status()).isEqualTo(201);
    assertThat(district.get("/audit/events?user=alice&" + DAY).status()).isEqualTo(200);
    assertThat(responder.get("/audit/trace?ip=10.0.0.1&at=2026-10-12T08:10:00Z&case=CASE-P1"
        + "&reason=complaint").json().path("user").asText()).isEqualTo("alice");
  }

  private static void assertNoPerson(ConsoleHttp.Answer a) {
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    for (String p : PERSONAL) {
      assertThat(a.body()).as("an inspector's answer names " + p).doesNotContain(p);
    }
  }

  private static void assertCaseRequired(ConsoleHttp.Answer a) {
    assertThat(a.status()).as(a.body()).isEqualTo(403);
    assertThat(a.error()).isEqualTo("case-required");
  }

  @Test
  void auditAnswersCountsAndRefusesPersonsWithoutACase() {
    assertCaseRequired(inspector.get("/audit/events?" + DAY));
    assertCaseRequired(inspector.send("GET", "/audit/events.csv?" + DAY, null, false,
        "application/json", "text/csv, application/json"));
    assertCaseRequired(inspector.get("/audit/timeline?user=alice&" + DAY));
    assertCaseRequired(inspector.get("/audit/aggregates?by=user&" + DAY));
    assertCaseRequired(inspector.get("/audit/aggregates?by=category&ip=10.0.0.1&" + DAY));
    assertThat(inspector.get("/audit/who-had?ip=10.0.0.1&at=2026-10-12T08:10:00Z").status())
        .isEqualTo(403);
    ConsoleHttp.Answer counts = inspector.get("/audit/aggregates?by=category,action&" + DAY);
    assertNoPerson(counts);
    assertThat(counts.json().get("rows")).isNotEmpty();
    assertNoPerson(inspector.get("/audit/integrity?" + DAY));
  }

  @Test
  void traceAndEvidenceNeedACase() {
    assertCaseRequired(inspector.get("/audit/trace?ip=10.0.0.1&at=2026-10-12T08:10:00Z"));
    assertCaseRequired(inspector.get("/audit/trace?domain=casino.example&" + DAY));
    assertCaseRequired(inspector.send("POST", "/audit/evidence",
        Map.of("eventIds", List.of("01890000-0000-7000-8000-000000000000"))));
    ConsoleHttp.Answer withCase = inspector.get("/audit/trace?domain=casino.example&case=INSP-7"
        + "&reason=monthly+patrol&" + DAY);
    assertThat(withCase.status()).isEqualTo(200);
    assertThat(withCase.body()).as("with a case the inspector sees persons").contains("alice");
  }

  @Test
  void theDashboardCountsUsersWithoutNamingThem() {
    ConsoleHttp.Answer a = inspector.get("/schools/" + school + "/dashboard?from=2026-10-11"
        + "&to=2026-10-13");
    assertNoPerson(a);
    assertThat(a.json().path("totals").path("activeUsers").asLong()).isPositive();
  }

  @Test
  void theAdminLogShowsLooksAtLogsWithoutWhomTheyConcerned() {
    ConsoleHttp.Answer a = inspector.get("/admin-log?limit=500");
    assertNoPerson(a);
    List<String> actions = a.json().get("entries").findValuesAsText("action");
    assertThat(actions).contains("user.create", "binding.create", "audit.search", "audit.trace");
    assertThat(a.json().get("entries")).anySatisfy(e -> {
      assertThat(e.get("action").asText()).isEqualTo("audit.trace");
      assertThat(e.get("target").asText()).isEqualTo("audit:ip");
      assertThat(e.get("after").get("case").asText()).isEqualTo("CASE-P1");
      assertThat(e.get("after").has("traced")).isFalse();
    });
    assertThat(district.get("/admin-log?limit=500").body())
        .as("a district admin reads the whole log").contains("alice", "10.0.0.1");
  }

  @Test
  void peoplePagesGiveAnInspectorGroupCountsOnly() {
    assertNoPerson(inspector.get("/schools/" + school + "/groups"));
    assertThat(inspector.get("/schools/" + school + "/users").status()).isEqualTo(403);
    assertThat(inspector.get("/schools/" + school + "/users/alice").status()).isEqualTo(403);
    assertThat(inspector.get("/schools/" + school + "/bindings").status()).isEqualTo(403);
  }

  @Test
  void theRegisterAndThePolicyNameNoPerson() {
    assertNoPerson(inspector.get("/register/apps"));
    assertNoPerson(inspector.get("/register/provider-filings"));
    assertNoPerson(inspector.get("/schools/" + school + "/user-filings"));
    assertNoPerson(inspector.get("/schools/" + school + "/policy"));
  }
}
