package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.register.files.ImportReport;
import org.campusgate.console.register.files.RegisterFiles;
import org.campusgate.console.testing.ConsoleHttp;
import org.campusgate.console.testing.TestConsole;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppRegister;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Register files over HTTP on the whole console: the example workbook imports and is in force,
 * a file with bad rows is answered row by row and changes nothing, a revocation list revokes at
 * once and names the schools it reaches, the export reads back, and only district admins import.
 */
class RegisterFilesApiTest {
  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole();
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  static String district;
  static String inspector;

  @BeforeAll
  static void callers() {
    district = CONSOLE.token(ConsoleRole.DISTRICT_ADMIN, null, "files-da");
    inspector = CONSOLE.token(ConsoleRole.INSPECTOR, null, "files-in");
  }

  record Reply(int status, String type, String disposition, byte[] body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  static Reply call(String token, String method, String path, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(CONSOLE.api(path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      b.header("Content-Type", "application/octet-stream");
    }
    HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
        r.headers().firstValue("Content-Disposition").orElse(""), r.body());
  }

  static byte[] workbook() throws IOException {
    return Files.readAllBytes(TestConsole.REPO.resolve("docs/examples/register.xlsx"));
  }

  static JsonNode status() throws Exception {
    return call(district, "GET", "/register/status?school=demo-school", null).json();
  }

  static JsonNode importWorkbook() throws Exception {
    Reply r = call(district, "POST", "/register/import?file=register.xlsx", workbook());
    assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return r.json();
  }

  @Test
  void theExampleWorkbookImportsAndIsInForce() throws Exception {
    long before = status().get("revision").asLong();
    Reply checked = call(district, "POST", "/register/import?file=register.xlsx&check=true", workbook());
    assertThat(checked.status()).isEqualTo(200);
    assertThat(checked.json().get("ok").asBoolean()).isTrue();
    assertThat(checked.json().get("imported").isNull()).as("a check changes nothing").isTrue();
    assertThat(status().get("revision").asLong()).isEqualTo(before);

    JsonNode done = importWorkbook();
    assertThat(done.get("rejectedRows").asLong()).isZero();
    assertThat(done.get("rows").findValuesAsText("table")).contains("apps", "provider-filings", "user-filings");
    assertThat(done.at("/imported/apps/inFile").asInt()).isPositive();
    JsonNode after = status();
    assertThat(after.get("revision").asLong()).isEqualTo(done.at("/imported/revision").asLong())
        .isGreaterThan(before);
    assertThat(after.get("lastSyncSource").asText()).isEqualTo("register.xlsx");
    assertThat(after.get("liveRevision").asLong()).as("the gateway decides with it")
        .isEqualTo(after.get("revision").asLong());
    assertThat(call(inspector, "GET", "/register/apps", null).json().findValuesAsText("id")).contains("tiku");

    JsonNode again = importWorkbook();
    assertThat(again.at("/imported/apps/added").asInt() + again.at("/imported/providerFilings/added").asInt()
        + again.at("/imported/userFilings/added").asInt()).as("the same file twice adds nothing").isZero();
  }

  @Test
  void aFileWithBadRowsIsAnsweredRowByRowAndChangesNothing() throws Exception {
    long before = status().get("revision").asLong();
    String csv = "id,name,kind,domains\n"
        + "good-app,好应用,LEARNING,good.example\n"
        + "bad id,坏应用,TOY,not a domain\n";
    Reply r = call(district, "POST", "/register/import?file=apps.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).isEqualTo(422);
    JsonNode report = r.json();
    assertThat(report.get("error").asText()).isEqualTo("invalid-file");
    assertThat(report.get("rows")).hasSize(2);
    assertThat(report.get("rows").get(0).get("accepted").asBoolean()).isTrue();
    JsonNode bad = report.get("rows").get(1);
    assertThat(bad.get("accepted").asBoolean()).isFalse();
    assertThat(bad.get("row").asInt()).isEqualTo(3);
    assertThat(bad.get("errors").findValuesAsText("column")).contains("id", "kind");
    assertThat(status().get("revision").asLong()).isEqualTo(before);
    assertThat(call(district, "GET", "/register/apps", null).json().findValuesAsText("id")).doesNotContain("good-app");

    assertThat(call(district, "POST", "/register/import?file=register.exe", csv.getBytes(StandardCharsets.UTF_8))
        .status()).isEqualTo(422);
    assertThat(call(district, "POST", "/register/import?file=apps.csv",
        new byte[RegisterFilesResource.MAX_UPLOAD_BYTES + 1]).status()).isEqualTo(413);
  }

  @Test
  void aRevocationListRevokesAtOnceAndNamesTheSchoolsItReaches() throws Exception {
    importWorkbook();
    String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
    String csv = "filing_number,status,reason,effective_from\n教APP备3100003号,REVOKED,违规（测试）," + today + "\n";
    Reply bad = call(district, "POST", "/register/revocations?file=revocations.csv",
        "filing_number,status,reason,effective_from\n教APP备9999999号,REVOKED,x,2026-01-01\n".getBytes(StandardCharsets.UTF_8));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().get("errors").findValuesAsText("column")).contains("filing_number");

    Reply r = call(district, "POST", "/register/revocations?file=revocations.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    JsonNode affected = r.json().get("affected").get(0);
    assertThat(affected.get("appIds").toString()).isEqualTo("[\"tiku\"]");
    assertThat(affected.get("schools").toString()).isEqualTo("[\"demo-school\"]");
    JsonNode filing = call(inspector, "GET", "/register/provider-filings/"
        + URLEncoder.encode("教APP备3100003号", StandardCharsets.UTF_8), null).json();
    assertThat(filing.at("/current/status").asText()).isEqualTo("REVOKED");
    assertThat(status().get("lastSyncSource").asText()).isEqualTo("revocations.csv");
    assertThat(CONSOLE.services().register().current().providerFilingAt("教APP备3100003号", Instant.now()).status())
        .hasToString("REVOKED");
  }

  @Test
  void theExportReadsBack() throws Exception {
    importWorkbook();
    Reply xlsx = call(inspector, "GET", "/register/export.xlsx", null);
    assertThat(xlsx.status()).isEqualTo(200);
    assertThat(xlsx.type()).startsWith(RegisterFilesResource.XLSX);
    assertThat(xlsx.disposition()).startsWith("attachment; filename=\"register-r").endsWith(".xlsx\"");
    ImportReport back = RegisterFiles.read(new ByteArrayInputStream(xlsx.body()), "export.xlsx",
        AppRegister.builder().zone(ZoneId.of("Asia/Shanghai")).build(), Instant.now());
    assertThat(back.errors()).isEmpty();
    assertThat(back.apps()).extracting(App::id).contains("tiku");

    Reply csv = call(inspector, "GET", "/register/export.csv?table=provider-filings&history=true", null);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.type()).startsWith("text/csv");
    assertThat(new String(csv.body(), StandardCharsets.UTF_8)).contains("教APP备3100003号");
    assertThat(call(inspector, "GET", "/register/export.csv?table=people", null).status()).isEqualTo(422);
  }

  @Test
  void onlyDistrictAdminsImport() throws Exception {
    assertThat(call(inspector, "POST", "/register/import?file=register.xlsx", workbook()).status()).isEqualTo(403);
    assertThat(call(inspector, "POST", "/register/revocations?file=r.csv", new byte[] {'x'}).status()).isEqualTo(403);
    String school = CONSOLE.token(ConsoleRole.SCHOOL_ADMIN, "demo-school", "files-sa");
    assertThat(call(school, "POST", "/register/import?file=register.xlsx", workbook()).status()).isEqualTo(403);
    assertThat(new ConsoleHttp(CONSOLE).send("POST", "/register/import?file=a.csv", "x", true,
        "application/octet-stream", "application/json").status()).isEqualTo(401);
  }
}
