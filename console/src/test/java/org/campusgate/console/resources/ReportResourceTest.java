package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.report.output.OctoberEvents;
import org.campusgate.console.testing.ConsoleHttp;
import org.campusgate.console.testing.TestConsole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reports API of the running console (real store, database, Chromium): make the October 2026
 * report as a job, read it, download its PDF and tables; who may make and read which report; bad
 * requests answered with their codes.
 */
class ReportResourceTest {
  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole();
  private static String inspector;
  private static String eastAdmin;
  private static JsonNode made;

  @BeforeAll
  static void seedAndMake() throws Exception {
    OctoberEvents.seed(CONSOLE.services());
    inspector = CONSOLE.token(ConsoleRole.INSPECTOR, null, "inspector");
    eastAdmin = CONSOLE.token(ConsoleRole.SCHOOL_ADMIN, OctoberEvents.EAST, "east");
    made = makeAndWait(inspector, Map.of("month", "2026-10"));
  }

  static JsonNode makeAndWait(String token, Map<String, String> body) throws Exception {
    ConsoleHttp http = ConsoleHttp.withToken(CONSOLE, token);
    ConsoleHttp.Answer started = http.send("POST", "/reports", body);
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().get("id").asText();
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    JsonNode job = started.json();
    while (!job.get("state").asText().equals("DONE") && !job.get("state").asText().equals("FAILED")
        && System.nanoTime() < deadline) {
      Thread.sleep(200); // polling the job, as the page does
      job = http.get("/reports/jobs/" + id).json();
    }
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("DONE");
    return job;
  }

  private static HttpResponse<byte[]> bytes(String token, String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(HttpRequest.newBuilder(CONSOLE.api(path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void theMadeReportIsListedReadableAndDownloadable() throws Exception {
    assertThat(made.get("name").asText()).isEqualTo("2026-10");
    assertThat(made.get("pdf").asBoolean()).isTrue();
    ConsoleHttp http = ConsoleHttp.withToken(CONSOLE, inspector);
    JsonNode list = http.get("/reports").json();
    assertThat(list.get("reports").findValuesAsText("name")).contains("2026-10");
    assertThat(list.get("schools").findValuesAsText("name"))
        .contains(OctoberEvents.EAST_NAME, OctoberEvents.WEST_NAME);

    ConsoleHttp.Answer html = http.get("/reports/2026-10/zh/report.html");
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(html.body()).contains(OctoberEvents.EAST_NAME, OctoberEvents.WEST_NAME,
        "class=\"report-data\"");
    assertThat(http.get("/reports/2026-10/zh/assets/report.js").status()).isEqualTo(200);
    assertThat(http.get("/reports/2026-10/zh/assets/meta.json").status()).isEqualTo(404);

    HttpResponse<byte[]> pdf = bytes(inspector, "/reports/2026-10/zh/report.pdf");
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
    assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
        .contains("attachment", "report-2026-10-zh.pdf");

    HttpResponse<byte[]> zip = bytes(inspector, "/reports/2026-10/zh/tables.zip");
    assertThat(zip.statusCode()).isEqualTo(200);
    List<String> entries = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).contains("2026-10-zh/01-header.csv")
        .anyMatch(n -> n.endsWith("-school-east-primary-reasons.csv"));

    List<String> logged = CONSOLE.services().db().adminLog().latest(null, Long.MAX_VALUE, 50)
        .stream().filter(a -> a.actor().equals("token:inspector")).map(AdminAction::action)
        .toList();
    assertThat(logged).contains("report.make", "report.download");
  }

  @Test
  void aSchoolAdminMakesAndReadsOnlyTheirOwnSchoolsReport() throws Exception {
    JsonNode own = makeAndWait(eastAdmin, Map.of("month", "2026-10", "lang", "en"));
    assertThat(own.get("name").asText()).isEqualTo("2026-10-east-primary");
    ConsoleHttp http = ConsoleHttp.withToken(CONSOLE, eastAdmin);
    assertThat(http.get("/reports/2026-10-east-primary/en/report.html").body())
        .contains(OctoberEvents.EAST_NAME).doesNotContain(OctoberEvents.WEST_NAME);
    assertThat(http.get("/reports/2026-10/zh/report.html").error()).isEqualTo("forbidden-school");
    assertThat(http.send("POST", "/reports", Map.of("month", "2026-10",
        "school", OctoberEvents.WEST)).error()).isEqualTo("forbidden-school");
    JsonNode list = http.get("/reports").json();
    assertThat(list.get("reports").findValuesAsText("name"))
        .containsExactly("2026-10-east-primary");
    assertThat(list.get("schools").findValuesAsText("id")).containsExactly(OctoberEvents.EAST);
  }

  @Test
  void otherRolesAndBadRequestsAreRefusedWithTheirCodes() {
    String responder = CONSOLE.token(ConsoleRole.RESPONDER, null, "responder");
    assertThat(ConsoleHttp.withToken(CONSOLE, responder)
        .send("POST", "/reports", Map.of("month", "2026-10")).status()).isEqualTo(403);
    assertThat(ConsoleHttp.withToken(CONSOLE, responder).get("/reports").status()).isEqualTo(403);
    ConsoleHttp http = ConsoleHttp.withToken(CONSOLE, inspector);
    assertThat(http.send("POST", "/reports", Map.of("month", "October")).error())
        .isEqualTo("bad-month");
    assertThat(http.send("POST", "/reports", Map.of("month", "2099-01")).error())
        .isEqualTo("month-not-ended");
    assertThat(http.send("POST", "/reports", Map.of("month", "2026-10", "lang", "fr")).error())
        .isEqualTo("bad-lang");
    assertThat(http.send("POST", "/reports", Map.of("month", "2026-10", "school", "nowhere"))
        .error()).isEqualTo("no-such-school");
    assertThat(http.get("/reports/2026-09/zh/report.html").error()).isEqualTo("no-such-report");
    assertThat(http.get("/reports/..%2F..%2Fvar/zh/report.html").status()).isIn(400, 404);
    assertThat(http.get("/reports/2026-10-..%2E/zh/report.html").status()).isIn(400, 404);
    assertThat(http.get("/reports/jobs/nope").error()).isEqualTo("no-such-job");
  }
}
