package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.audit.evidence.EvidenceFile;
import org.campusgate.console.audit.TraceDay;
import org.campusgate.console.auth.RoleCheck;
import org.campusgate.console.cli.InProcessCli;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.db.ConsoleRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incident tracing and evidence export over a real embedded audit store and a real admin log
 * (H2): from an IP and a time, a domain or a user to the person, their timeline, apps and
 * counts; the evidence bundle that verifies offline; what each role may do; each bad input.
 */
class AuditTraceApiTest {
  static final Instant NOW = Instant.parse("2026-10-13T12:00:00Z");
  static final String A = "school-a";
  static final String B = "school-b";

  @TempDir static Path dir;
  static ConsoleDatabase db;
  static EmbeddedAuditStore store;
  static ResourceExtension api;
  static TraceDay day;

  @BeforeAll
  static void start() throws Throwable {
    db = ConsoleDatabase.open(ConsoleDatabase.embeddedUrl(dir.resolve("db")), "sa", "");
    store = EmbeddedAuditStore.open(EmbeddedStoreConfig.builder(dir.resolve("audit"),
        "campusgate/test/trace").zone(ZoneOffset.UTC).commitInterval(Duration.ofMillis(20))
        .build());
    day = new TraceDay(A, B);
    store.append(day.records).awaitDurable(Duration.ofSeconds(30));
    ObjectMapper json = Jackson.newObjectMapper()
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    AdminLog log = new AdminLog(db.adminLog(), json);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    api = ResourceExtension.builder()
        .setMapper(json)
        .bootstrapLogging(false)
        .addProvider(new TestCallers())
        .addProvider(new RoleCheck())
        .addResource(new AuditResource(() -> store, log, clock, () -> ZoneOffset.UTC))
        .addResource(new TraceResource(() -> store, log, clock, () -> ZoneOffset.UTC,
            id -> id.equals(TraceDay.APP) ? "Homework Helper" : null))
        .addResource(new EvidenceResource(() -> store, log, json))
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

  record Answer(int status, JsonNode body, String text, Response raw) {
    String error() {
      return body == null ? null : body.path("error").asText(null);
    }
  }

  static Answer answer(Response r) {
    try (r) {
      String text = r.readEntity(String.class);
      return new Answer(r.getStatus(), text.startsWith("{") ? api.getObjectMapper().readTree(text)
          : null, text, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String caller(ConsoleRole role, String school) {
    return TestCallers.header(role, role.stableName().substring(0, 4), school);
  }

  static Answer trace(ConsoleRole role, String school, String... params) {
    WebTarget t = api.target("/v1/audit/trace");
    for (int i = 0; i < params.length; i += 2) {
      t = t.queryParam(params[i], params[i + 1]);
    }
    return answer(t.request().header(TestCallers.HEADER, caller(role, school)).get());
  }

  /** A responder's trace over the day, with a case and a reason. */
  static Answer rita(String... params) {
    List<String> all = new ArrayList<>(List.of("from", TraceDay.DAY_FROM, "to", TraceDay.DAY_TO,
        "case", "CASE-2026-17", "reason", "phishing complaint"));
    Collections.addAll(all, params);
    return trace(ConsoleRole.RESPONDER, null, all.toArray(String[]::new));
  }

  static Answer export(ConsoleRole role, String school, Object body) {
    return answer(api.target("/v1/audit/evidence").request()
        .header(TestCallers.HEADER, caller(role, school))
        .post(Entity.json(body instanceof String s ? s : write(body))));
  }

  static String write(Object o) {
    try {
      return api.getObjectMapper().writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Object> evidence(String caseRef, List<?> ids) {
    return Map.of("case", caseRef, "reason", "police request", "eventIds",
        ids.stream().map(String::valueOf).toList());
  }

  static List<AdminAction> logged(String action) {
    return db.adminLog().page(null, 0, 10_000).stream().filter(a -> a.action().equals(action))
        .toList();
  }

  static List<String> kinds(JsonNode trace) {
    List<String> out = new ArrayList<>();
    trace.get("timeline").forEach(i -> out.add(i.get("type").asText().equals("identity")
        ? i.get("identity").get("kind").asText() + "@" + i.get("identity").get("address").asText()
        : i.get("access").get("action").asText()));
    return out;
  }

  // ---- tracing

  @Test
  void anIpAndATimeLeadToWhoHeldItAndTheirWholeDay() {
    Answer a = rita("ip", "10.0.0.1", "at", "2026-10-12T08:10:00Z");
    assertThat(a.status()).isEqualTo(200);
    JsonNode t = a.body();
    assertThat(t.get("holder").get("userId").asText()).isEqualTo("alice");
    assertThat(t.get("holder").get("how").asText()).isEqualTo("LOGIN");
    assertThat(t.get("holder").get("evidenceEventId").asText())
        .isEqualTo(day.aliceIdentity.get(0).eventId().toString());
    assertThat(t.get("user").asText()).isEqualTo("alice");
    assertThat(t.get("timeline")).hasSize(38);
    List<String> kinds = kinds(t);
    assertThat(kinds.get(0)).isEqualTo("LOGIN@10.0.0.1");
    assertThat(kinds).containsSubsequence("LOGIN@10.0.0.1", "BLOCK", "LOGOUT@10.0.0.1",
        "LOGIN@10.0.0.2", "ALLOW");
    assertThat(kinds).filteredOn("BLOCK"::equals).hasSize(10);
    JsonNode usage = t.get("usage");
    assertThat(usage.get("allowed").asLong()).isEqualTo(25);
    assertThat(usage.get("blocked").asLong()).isEqualTo(10);
    assertThat(usage.get("apps")).hasSize(1);
    assertThat(usage.get("apps").get(0).get("appId").asText()).isEqualTo(TraceDay.APP);
    assertThat(usage.get("apps").get(0).get("name").asText()).isEqualTo("Homework Helper");
    assertThat(usage.get("apps").get(0).get("allowed").asLong()).isEqualTo(15);

    assertThat(logged("audit.trace")).anySatisfy(l -> {
      assertThat(l.actor()).isEqualTo("resp");
      assertThat(l.target()).isEqualTo("audit:ip:10.0.0.1");
      assertThat(l.afterJson()).contains("\"case\":\"CASE-2026-17\"",
          "\"reason\":\"phishing complaint\"", "\"traced\":\"alice\"");
    });
  }

  @Test
  void theSameAddressLaterLeadsToTheNextHolder() {
    Answer a = rita("ip", "10.0.0.1", "at", "2026-10-12T10:06:00Z");
    assertThat(a.body().get("user").asText()).isEqualTo("bob");
    assertThat(a.body().get("timeline")).hasSize(6);
    assertThat(a.body().get("usage").get("blocked").asLong()).isEqualTo(1);
    Answer nobody = rita("ip", "10.0.0.1", "at", "2026-10-12T07:00:00Z");
    assertThat(nobody.status()).isEqualTo(200);
    assertThat(nobody.body().get("holder").isNull()).isTrue();
    assertThat(nobody.body().get("user").isNull()).isTrue();
  }

  @Test
  void anIpStartWithoutARangeTracesTheDayOfTheMoment() {
    Answer a = trace(ConsoleRole.RESPONDER, null, "ip", "10.0.0.1", "at", "2026-10-12T10:06:00Z",
        "case", "C-1", "reason", "r");
    assertThat(a.body().get("from").asText()).isEqualTo(TraceDay.DAY_FROM);
    assertThat(a.body().get("to").asText()).isEqualTo(TraceDay.DAY_TO);
  }

  @Test
  void aDomainReachedBySeveralAnswersTheCandidatesToPickFrom() {
    Answer a = rita("domain", "casino.example");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().get("user").isNull()).isTrue();
    assertThat(a.body().get("timeline").isNull()).isTrue();
    JsonNode users = a.body().get("candidates").get("users");
    assertThat(users).hasSize(2);
    assertThat(users.get(0).get("user").asText()).isEqualTo("alice");
    assertThat(users.get(0).get("events").asLong()).isEqualTo(10);
    assertThat(users.get(1).get("user").asText()).isEqualTo("bob");
    assertThat(users.get(1).get("blocked").asLong()).isEqualTo(1);

    Answer picked = rita("domain", "casino.example", "pick", "bob");
    assertThat(picked.body().get("user").asText()).isEqualTo("bob");
    assertThat(picked.body().get("timeline")).hasSize(6);
    assertThat(rita("domain", "casino.example", "pick", "mallory").error())
        .isEqualTo("not-a-candidate");

    Answer one = rita("url", "homework.example/task");
    assertThat(one.body().get("user").asText()).as("one user reached it: traced at once")
        .isEqualTo("alice");
    assertThat(rita("user", "bob").body().get("timeline")).hasSize(6);
  }

  @Test
  void badStartsAnswer400WithACode() {
    assertThat(rita().error()).isEqualTo("bad-start");
    assertThat(rita("user", "alice", "domain", "casino.example").error()).isEqualTo("bad-start");
    assertThat(rita("ip", "10.0.0.1").error()).isEqualTo("bad-time");
    assertThat(rita("ip", "10.0.0.1", "at", "noon").error()).isEqualTo("bad-time");
    assertThat(rita("ip", "10.0.0.0/24", "at", "2026-10-12T08:10:00Z").error())
        .isEqualTo("bad-ip");
    assertThat(rita("user", "alice", "at", "2026-10-12T08:10:00Z").error())
        .isEqualTo("bad-start");
    assertThat(rita("user", "alice", "pick", "bob").error()).isEqualTo("bad-start");
    assertThat(rita("user", "x".repeat(200)).status()).isEqualTo(400);
  }

  @Test
  void whoMayTrace() {
    String[] byIp = {"ip", "10.0.0.1", "at", "2026-10-12T08:10:00Z"};
    Answer noCase = trace(ConsoleRole.RESPONDER, null, byIp);
    assertThat(noCase.status()).isEqualTo(400);
    assertThat(noCase.error()).isEqualTo("case-required");
    Answer inspector = trace(ConsoleRole.INSPECTOR, null, byIp);
    assertThat(inspector.status()).isEqualTo(403);
    assertThat(inspector.error()).isEqualTo("case-required");
    assertThat(trace(ConsoleRole.INSPECTOR, null, "ip", "10.0.0.1", "at",
        "2026-10-12T08:10:00Z", "case", "INSP-1", "reason", "patrol").body().get("user")
        .asText()).isEqualTo("alice");
    assertThat(trace(ConsoleRole.DISTRICT_ADMIN, null, byIp).body().get("user").asText())
        .isEqualTo("alice");

    // a school-admin of the other school learns nothing of school-a's people
    Answer other = trace(ConsoleRole.SCHOOL_ADMIN, B, byIp);
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.body().get("holder").isNull()).isTrue();
    JsonNode example = trace(ConsoleRole.SCHOOL_ADMIN, B, "domain", "example.com", "from",
        TraceDay.DAY_FROM, "to", TraceDay.DAY_TO).body();
    assertThat(example.get("candidates").get("users")).hasSize(1);
    assertThat(example.get("user").asText()).isEqualTo("carol");
    assertThat(trace(ConsoleRole.SCHOOL_ADMIN, B, "user", "alice", "from", TraceDay.DAY_FROM,
        "to", TraceDay.DAY_TO).body().get("timeline")).isEmpty();
    assertThat(trace(ConsoleRole.SCHOOL_ADMIN, B, "user", "alice", "school", A).error())
        .isEqualTo("forbidden-school");
  }

  // ---- evidence

  @Test
  void exportedEvidenceVerifiesOfflineAndTheExportIsLogged() throws Exception {
    List<UUID> ids = List.of(day.alice.get(1).eventId(), day.alice.get(2).eventId(),
        day.alice.get(3).eventId());
    Answer a = export(ConsoleRole.RESPONDER, null, evidence("../CASE 2026/17", ids));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.raw().getHeaderString("Content-Disposition"))
        .isEqualTo("attachment; filename=\"evidence-CASE_2026_17.json\"");
    assertThat(a.body().get("format").asText()).isEqualTo(EvidenceFile.FORMAT);
    assertThat(a.body().get("items")).hasSize(3);

    Path bundle = dir.resolve("bundle.json");
    Files.writeString(bundle, a.text());
    Answer key = answer(api.target("/v1/audit/key").request()
        .header(TestCallers.HEADER, caller(ConsoleRole.RESPONDER, null)).get());
    assertThat(key.status()).isEqualTo(200);
    assertThat(key.text()).startsWith("campusgate/test/trace+");
    Path keyFile = dir.resolve("verifier.pub");
    Files.writeString(keyFile, key.text());
    InProcessCli.Result ok = InProcessCli.run("verify-evidence", bundle.toString(), "--key",
        keyFile.toString(), "--lang", "en");
    assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("VERIFIED: all 3 events", "homework.example", "casino.example");

    AdminAction entry = logged("audit.evidence").stream()
        .filter(l -> l.target().equals("audit:evidence:../CASE 2026/17")).findFirst().orElseThrow();
    assertThat(entry.actor()).isEqualTo("resp");
    JsonNode after = api.getObjectMapper().readTree(entry.afterJson());
    assertThat(after.get("events").asInt()).isEqualTo(3);
    assertThat(after.get("treeSize").asLong()).isGreaterThanOrEqualTo(day.records.size());
    assertThat(after.get("reason").asText()).isEqualTo("police request");
  }

  @Test
  void badEvidenceRequestsAnswerWithACodeAndAreNotLogged() {
    int before = logged("audit.evidence").size();
    UUID alices = day.alice.get(0).eventId();
    assertThat(export(ConsoleRole.RESPONDER, null, evidence("C", List.of())).error())
        .isEqualTo("bad-event-ids");
    List<UUID> many = Collections.nCopies(1001, alices);
    assertThat(export(ConsoleRole.RESPONDER, null, evidence("C", many)).error())
        .isEqualTo("bad-event-ids");
    assertThat(export(ConsoleRole.RESPONDER, null, evidence("C", List.of("not-an-id"))).error())
        .isEqualTo("bad-event-id");
    Answer unknown = export(ConsoleRole.RESPONDER, null,
        evidence("C", List.of(UUID.fromString("01890000-0000-7000-8000-000000000000"))));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("unknown-event");
    assertThat(export(ConsoleRole.RESPONDER, null, "null").status()).isEqualTo(400);
    assertThat(export(ConsoleRole.RESPONDER, null, "{\"eventIds\":\"x\"}").status())
        .isEqualTo(400);
    assertThat(export(ConsoleRole.RESPONDER, null, "{not json").error()).isEqualTo("bad-request");
    Answer huge = export(ConsoleRole.RESPONDER, null,
        "{\"reason\":\"" + "x".repeat(EvidenceResource.MAX_BODY_BYTES) + "\"}");
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.error()).isEqualTo("too-large");
    Answer noCase = export(ConsoleRole.RESPONDER, null,
        Map.of("eventIds", List.of(alices.toString())));
    assertThat(noCase.error()).isEqualTo("case-required");
    assertThat(logged("audit.evidence")).hasSize(before);
  }

  @Test
  void whoMayExport() {
    UUID alices = day.alice.get(0).eventId();
    Map<String, Object> body = evidence("CASE-9", List.of(alices));
    Answer inspector = export(ConsoleRole.INSPECTOR, null,
        Map.of("eventIds", List.of(alices.toString())));
    assertThat(inspector.status()).isEqualTo(403);
    assertThat(inspector.error()).isEqualTo("case-required");
    assertThat(export(ConsoleRole.INSPECTOR, null, body).status()).isEqualTo(200);
    assertThat(export(ConsoleRole.DISTRICT_ADMIN, null,
        Map.of("eventIds", List.of(alices.toString()))).status()).isEqualTo(200);
    assertThat(export(ConsoleRole.SCHOOL_ADMIN, A, body).status()).isEqualTo(200);
    Answer otherSchool = export(ConsoleRole.SCHOOL_ADMIN, B, body);
    assertThat(otherSchool.status()).isEqualTo(403);
    assertThat(otherSchool.error()).isEqualTo("forbidden-school");
  }

  @Test
  void fileNamesKeepOnlySafeCharacters() {
    assertThat(EvidenceResource.fileName("CASE-7")).isEqualTo("evidence-CASE-7.json");
    assertThat(EvidenceResource.fileName("案件 7\"; x=1")).isEqualTo("evidence-7_x_1.json");
    assertThat(EvidenceResource.fileName(null)).isEqualTo("evidence-export.json");
    assertThat(EvidenceResource.fileName("x".repeat(200))).hasSize("evidence-.json".length() + 64);
  }

  @Test
  void evidenceBundlesAreTheCliFormat() throws Exception {
    Answer a = export(ConsoleRole.DISTRICT_ADMIN, null,
        evidence("C-2", List.of(day.bob.get(4).eventId())));
    var bundle = new EvidenceFile().read(new java.io.ByteArrayInputStream(
        a.text().getBytes(StandardCharsets.UTF_8)));
    assertThat(bundle.items()).hasSize(1);
    assertThat(bundle.items().get(0).event().eventId()).isEqualTo(day.bob.get(4).eventId());
  }
}
