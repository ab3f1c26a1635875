package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.TestEvents;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.console.auth.RoleCheck;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.db.ConsoleRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit API over a real embedded audit store and a real admin log (H2), with events of two
 * schools: what each role sees, paging to the end, the CSV export, who-had, timelines and the
 * integrity of days.
 */
class AuditResourceTest {
  static final Instant NOW = Instant.parse("2026-10-13T12:00:00Z");
  static final String FROM = "2026-10-12T00:00:00Z";
  static final String TO = "2026-10-13T00:00:00Z";

  @TempDir static Path dir;
  static ConsoleDatabase db;
  static EmbeddedAuditStore store;
  static ResourceExtension api;
  static final List<AccessEvent> events = new ArrayList<>();

  @BeforeAll
  static void start() throws Throwable {
    db = ConsoleDatabase.open(ConsoleDatabase.embeddedUrl(dir.resolve("db")), "sa", "");
    store = EmbeddedAuditStore.open(EmbeddedStoreConfig.builder(dir.resolve("audit"),
        "campusgate/test/console").zone(ZoneOffset.UTC).commitInterval(Duration.ofMillis(20))
        .build());
    TestEvents make = new TestEvents();
    Instant eight = Instant.parse("2026-10-12T08:00:00Z");
    for (int i = 0; i < 30; i++) {
      String host = i % 5 == 4 ? "casino.example"
          : List.of("example.com", "www.example.com", "other.org").get(i % 3);
      AccessEvent.Builder e = make.access(eight.plusSeconds(60L * i).toString(), "alice",
          "10.0.0.1", host).schoolId("school-a").url("http://" + host + "/page/" + i);
      if (host.equals("casino.example")) {
        e.action("BLOCK").reason("CATEGORY_BLOCKED").category("gambling").httpStatus(403);
      }
      events.add(e.build());
    }
    for (int i = 0; i < 5; i++) {
      events.add(make.access(eight.plusSeconds(3600 + 60L * i).toString(), "bob", "10.1.0.1",
          "example.com").schoolId("school-b").build());
    }
    // outside the day searched
    events.add(make.access("2026-10-11T08:00:00Z", "alice", "10.0.0.1", "example.com")
        .schoolId("school-a").build());
    List<AuditRecord> records = new ArrayList<>(events);
    records.add(new IdentityEvent(make.id(eight.minusSeconds(300)), eight.minusSeconds(300),
        "school-a", "gw-a", IdentityEvent.Kind.LOGIN, "alice", List.of("students"), "10.0.0.1",
        "proxy-basic", null));
    records.add(new IdentityEvent(make.id(eight.plusSeconds(3300)), eight.plusSeconds(3300),
        "school-b", "gw-b", IdentityEvent.Kind.LOGIN, "bob", List.of("students"), "10.1.0.1",
        "proxy-basic", null));
    store.append(records).awaitDurable(Duration.ofSeconds(30));

    ObjectMapper json = Jackson.newObjectMapper()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    api = ResourceExtension.builder()
        .setMapper(json)
        .bootstrapLogging(false)
        .addProvider(new TestCallers())
        .addProvider(new RoleCheck())
        .addResource(new AuditResource(() -> store, new AdminLog(db.adminLog(), json),
            Clock.fixed(NOW, ZoneOffset.UTC), () -> ZoneOffset.UTC))
        .build();
    api.before();
  }

  @AfterAll
  static void stop() throws Throwable {
    api.after();
    store.close();
    db.close();
  }

  // ---- helpers

  record Answer(int status, JsonNode body, String text) {
    String error() {
      return body == null ? null : body.path("error").asText(null);
    }
  }

  static Answer get(String path, ConsoleRole role, String name, String school, String... params) {
    WebTarget t = api.target("/v1/audit/" + path);
    for (int i = 0; i < params.length; i += 2) {
      t = t.queryParam(params[i], params[i + 1]);
    }
    try (Response r = t.request().header(TestCallers.HEADER, TestCallers.header(role, name, school))
        .get()) {
      String text = r.readEntity(String.class);
      JsonNode body = null;
      if (text.startsWith("{")) {
        body = api.getObjectMapper().readTree(text);
      }
      return new Answer(r.getStatus(), body, text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Answer district(String path, String... params) {
    return get(path, ConsoleRole.DISTRICT_ADMIN, "dora", null, params);
  }

  static String[] day(String... more) {
    String[] out = new String[more.length + 4];
    out[0] = "from";
    out[1] = FROM;
    out[2] = "to";
    out[3] = TO;
    System.arraycopy(more, 0, out, 4, more.length);
    return out;
  }

  static long expected(Predicate<AccessEvent> p) {
    return events.stream().filter(e -> e.timestamp().isAfter(Instant.parse(FROM))).filter(p)
        .count();
  }

  static List<String> users(Answer a) {
    List<String> out = new ArrayList<>();
    a.body().get("events").forEach(e -> out.add(e.get("userId").asText()));
    return out;
  }

  static List<AdminAction> logged(String action) {
    return db.adminLog().page(null, 0, 10_000).stream().filter(a -> a.action().equals(action))
        .toList();
  }

  // ---- search

  @Test
  void filtersNarrowTheSearchAndTheTotalCountsAllMatches() {
    assertThat(district("events", day()).body().get("total").asLong())
        .isEqualTo(expected(e -> true)).isEqualTo(35);
    assertThat(district("events", day("user", "bob")).body().get("total").asLong()).isEqualTo(5);
    assertThat(district("events", day("ip", "10.0.0.1")).body().get("total").asLong())
        .isEqualTo(30);
    assertThat(district("events", day("host", "example.com")).body().get("total").asLong())
        .isEqualTo(expected(e -> e.host().equals("example.com")));
    assertThat(district("events", day("domain", "example.com")).body().get("total").asLong())
        .as("a domain matches its subdomains")
        .isEqualTo(expected(e -> e.host().endsWith("example.com")));
    assertThat(district("events", day("action", "block", "reasonCode", "CATEGORY_BLOCKED",
        "category", "gambling")).body().get("total").asLong()).isEqualTo(6);
    assertThat(district("events", day("url", "/PAGE/1")).body().get("total").asLong())
        .as("url is a case-insensitive substring").isEqualTo(11); // /page/1, /page/10..19
    assertThat(district("events", "user", "alice", "from", "2026-10-11", "to", "2026-10-11")
        .body().get("total").asLong()).as("dates cover whole days").isEqualTo(1);
  }

  @Test
  void eventsCarryEveryFieldWithIsoTimes() {
    JsonNode e = district("events", day("user", "alice", "action", "BLOCK", "limit", "1"))
        .body().get("events").get(0);
    assertThat(e.get("timestamp").asText()).isEqualTo("2026-10-12T08:29:00Z");
    assertThat(e.get("eventId").asText()).hasSize(36);
    assertThat(e.get("seq").isNumber()).isTrue();
    assertThat(e.get("schoolId").asText()).isEqualTo("school-a");
    assertThat(e.get("reason").asText()).isEqualTo("CATEGORY_BLOCKED");
    assertThat(e.get("groups").get(0).asText()).isEqualTo("students");
    assertThat(e.get("httpStatus").asInt()).isEqualTo(403);
    assertThat(e.has("userAgent")).isTrue();
    assertThat(e.has("tlsInspected")).isTrue();
  }

  @Test
  void pagesFollowTheCursorToTheEndWithoutRepeats() {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      Answer a = district("events", cursor == null ? day("limit", "8")
          : day("limit", "8", "cursor", cursor));
      assertThat(a.status()).isEqualTo(200);
      assertThat(a.body().get("total").asLong()).isEqualTo(35);
      a.body().get("events").forEach(e -> assertThat(seen.add(e.get("eventId").asText())).isTrue());
      cursor = a.body().get("next").isNull() ? null : a.body().get("next").asText();
      pages++;
    } while (cursor != null);
    assertThat(seen).hasSize(35);
    assertThat(pages).isEqualTo(5);
  }

  @Test
  void badInputAnswers400WithACode() {
    assertThat(district("events", day("limit", "0")).error()).isEqualTo("bad-limit");
    assertThat(district("events", day("limit", "1001")).error()).isEqualTo("bad-limit");
    assertThat(district("events", day("limit", "ten")).error()).isEqualTo("bad-limit");
    assertThat(district("events", "from", "yesterday").error()).isEqualTo("bad-time");
    assertThat(district("events", "from", TO, "to", FROM).error()).isEqualTo("bad-range");
    assertThat(district("events", "from", "2025-01-01", "to", "2026-10-01").error())
        .isEqualTo("range-too-long");
    assertThat(district("events", day("ip", "10.0.0.0/8")).error()).isEqualTo("bad-ip");
    assertThat(district("events", day("action", "MAYBE")).error()).isEqualTo("bad-action");
    assertThat(district("events", day("cursor", "not-a-cursor")).error()).isEqualTo("bad-cursor");
    assertThat(district("events", day("url", "x".repeat(300))).status()).isEqualTo(400);
    assertThat(district("aggregates", day("by", "colour")).error()).isEqualTo("bad-group");
  }

  @Test
  void withoutTimesTheLast24HoursAreSearched() {
    Answer a = district("events");
    assertThat(a.body().get("to").asText()).isEqualTo(NOW.toString());
    assertThat(a.body().get("from").asText()).isEqualTo(NOW.minusSeconds(86_400).toString());
    assertThat(a.body().get("total").asLong()).isZero(); // the events are from the day before
  }

  // ---- who may see what

  @Test
  void aResponderNeedsACaseAndAReasonAndEverySearchIsLogged() {
    Answer without = get("events", ConsoleRole.RESPONDER, "rita", null, day("user", "alice"));
    assertThat(without.status()).isEqualTo(400);
    assertThat(without.error()).isEqualTo("case-required");
    assertThat(get("events", ConsoleRole.RESPONDER, "rita", null,
        day("user", "alice", "case", "CASE-7")).error()).isEqualTo("case-required");

    Answer with = get("events", ConsoleRole.RESPONDER, "rita", null,
        day("user", "alice", "case", "CASE-7", "reason", "phishing report from teacher"));
    assertThat(with.status()).isEqualTo(200);
    assertThat(with.body().get("total").asLong()).isEqualTo(30);

    List<AdminAction> mine = logged("audit.search").stream()
        .filter(a -> a.actor().equals("rita")).toList();
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).target()).isEqualTo("audit:user:alice");
    assertThat(mine.get(0).afterJson()).contains("\"case\":\"CASE-7\"")
        .contains("\"reason\":\"phishing report from teacher\"").contains("\"user\":\"alice\"");
  }

  @Test
  void anInspectorSeesAggregatesButPersonsOnlyWithACase() {
    Answer search = get("events", ConsoleRole.INSPECTOR, "ines", null, day());
    assertThat(search.status()).isEqualTo(403);
    assertThat(search.error()).isEqualTo("case-required");

    Answer byCategory = get("aggregates", ConsoleRole.INSPECTOR, "ines", null,
        day("by", "category,action"));
    assertThat(byCategory.status()).isEqualTo(200);
    List<String> rows = new ArrayList<>();
    byCategory.body().get("rows").forEach(r -> rows.add(r.get("keys").get("category").asText()
        + "/" + r.get("keys").get("action").asText() + "=" + r.get("count").asLong()));
    assertThat(rows).containsExactly("/ALLOW=29", "gambling/BLOCK=6");

    assertThat(get("aggregates", ConsoleRole.INSPECTOR, "ines", null, day("by", "user"))
        .status()).isEqualTo(403);
    assertThat(get("aggregates", ConsoleRole.INSPECTOR, "ines", null,
        day("by", "category", "user", "alice")).status()).isEqualTo(403);
    Answer byUser = get("aggregates", ConsoleRole.INSPECTOR, "ines", null,
        day("by", "user", "case", "INSP-2026-10", "reason", "monthly patrol"));
    assertThat(byUser.status()).isEqualTo(200);
    assertThat(byUser.body().get("rows")).hasSize(2);
    assertThat(logged("audit.aggregate")).anySatisfy(a -> assertThat(a.actor()).isEqualTo("ines"));

    Answer withCase = get("events", ConsoleRole.INSPECTOR, "ines", null,
        day("user", "bob", "case", "INSP-2026-10", "reason", "monthly patrol"));
    assertThat(withCase.body().get("total").asLong()).isEqualTo(5);
    assertThat(logged("audit.search")).anySatisfy(a -> {
      assertThat(a.actor()).isEqualTo("ines");
      assertThat(a.afterJson()).contains("INSP-2026-10");
    });
  }

  @Test
  void aSchoolAdminSeesOnlyTheirSchool() {
    Answer own = get("events", ConsoleRole.SCHOOL_ADMIN, "sam", "school-a", day());
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.body().get("total").asLong()).isEqualTo(30);
    assertThat(users(own)).containsOnly("alice");
    assertThat(get("events", ConsoleRole.SCHOOL_ADMIN, "sam", "school-a",
        day("user", "bob")).body().get("total").asLong()).isZero();
    Answer other = get("events", ConsoleRole.SCHOOL_ADMIN, "sam", "school-a",
        day("school", "school-b"));
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.error()).isEqualTo("forbidden-school");
    assertThat(logged("audit.search")).anySatisfy(a -> {
      assertThat(a.actor()).isEqualTo("sam");
      assertThat(a.schoolId()).isEqualTo("school-a");
    });
    assertThat(get("who-had", ConsoleRole.SCHOOL_ADMIN, "sam", "school-a",
        "ip", "10.0.0.1", "at", "2026-10-12T08:10:00Z").status()).isEqualTo(403);
  }

  @Test
  void aDistrictAdminSeesEverySchoolOrOne() {
    assertThat(users(district("events", day("limit", "1000")))).contains("alice", "bob");
    assertThat(users(district("events", day("school", "school-b")))).containsOnly("bob");
  }

  // ---- export, who-had, timeline

  @Test
  void csvExportHasABomAHeaderAndOneRowPerEvent() {
    Answer a = get("events.csv", ConsoleRole.RESPONDER, "rita", null,
        day("user", "alice", "case", "CASE-8", "reason", "export for the police"));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.text()).startsWith("\uFEFFseq,eventId,timestamp,schoolId,");
    String[] lines = a.text().split("\r\n");
    assertThat(lines).hasSize(31);
    assertThat(lines[1]).contains("alice", "2026-10-12T08:29:00Z", "casino.example",
        "CATEGORY_BLOCKED");
    assertThat(logged("audit.export")).anySatisfy(l -> assertThat(l.afterJson()).contains("CASE-8"));
    assertThat(get("events.csv", ConsoleRole.RESPONDER, "rita", null, day()).error())
        .isEqualTo("case-required");
  }

  @Test
  void csvTextThatASpreadsheetWouldRunIsQuoted() throws Exception {
    var out = new java.io.ByteArrayOutputStream();
    try (var csv = new org.campusgate.console.audit.EventCsv(out)) {
      csv.write(new org.campusgate.audit.StoredEvent(1, events.get(0).toBuilder()
          .userAgent("=HYPERLINK(\"http://evil\")").build()));
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("'=HYPERLINK");
  }

  @Test
  void whoHadAnAddressNeedsACaseFromAResponder() {
    assertThat(get("who-had", ConsoleRole.RESPONDER, "rita", null, "ip", "10.0.0.1",
        "at", "2026-10-12T08:10:00Z").error()).isEqualTo("case-required");
    Answer a = get("who-had", ConsoleRole.RESPONDER, "rita", null, "ip", "10.0.0.1",
        "at", "2026-10-12T08:10:00Z", "case", "CASE-9", "reason", "abuse report");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().get("holder").get("userId").asText()).isEqualTo("alice");
    assertThat(a.body().get("holder").get("how").asText()).isEqualTo("LOGIN");
    assertThat(logged("audit.who-had")).anySatisfy(l ->
        assertThat(l.target()).isEqualTo("audit:ip:10.0.0.1"));
    assertThat(district("who-had", "ip", "10.0.0.1", "at", "2026-10-12T07:00:00Z").body()
        .get("holder").isNull()).as("before the login nobody held it").isTrue();
    assertThat(district("who-had", "ip", "10.0.0.1").error()).isEqualTo("bad-time");
    assertThat(get("who-had", ConsoleRole.RESPONDER, "rex", "school-b", "ip", "10.0.0.1",
        "at", "2026-10-12T08:10:00Z", "case", "C", "reason", "r").body().get("holder").isNull())
        .as("a responder of school-b does not learn school-a's users").isTrue();
  }

  @Test
  void aTimelineMergesLoginsAndAccessInTimeOrder() {
    Answer a = district("timeline", day("user", "alice"));
    assertThat(a.status()).isEqualTo(200);
    JsonNode items = a.body().get("items");
    assertThat(items).hasSize(31);
    assertThat(items.get(0).get("type").asText()).isEqualTo("identity");
    assertThat(items.get(0).get("identity").get("kind").asText()).isEqualTo("LOGIN");
    assertThat(items.get(1).get("access").get("timestamp").asText())
        .isEqualTo("2026-10-12T08:00:00Z");
    assertThat(items.get(30).get("at").asText()).isEqualTo("2026-10-12T08:29:00Z");
    assertThat(district("timeline", day()).status()).isEqualTo(400);
    assertThat(get("timeline", ConsoleRole.INSPECTOR, "ines", null, day("user", "alice"))
        .status()).isEqualTo(403);
  }

  // ---- integrity

  @Test
  void integrityOfIntactDaysIsOk() {
    Answer a = get("integrity", ConsoleRole.INSPECTOR, "ines", null,
        "from", "2026-10-11", "to", "2026-10-12");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().get("intact").asBoolean()).isTrue();
    assertThat(a.body().get("days")).hasSize(2);
    assertThat(a.body().get("days").get(1).get("day").asText()).isEqualTo("2026-10-12");
    assertThat(a.body().get("days").get(1).get("recordsChecked").asLong()).isPositive();
    assertThat(district("integrity", "from", "2026-08-01", "to", "2026-10-12").error())
        .isEqualTo("range-too-long");
  }
}
