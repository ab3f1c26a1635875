package org.campusgate.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.testing.ConsoleHttp;
import org.campusgate.console.testing.ConsoleHttp.Answer;
import org.campusgate.console.testing.ProxyClient;
import org.campusgate.console.testing.TestConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end-to-end case: a learning app with two domains, filed by the provider and
 * confirmed for the school, is reached through the gateway; the school withdraws its filing in
 * the console; the next request to either domain gets the APP_SCHOOL_NOT_FILED block page, and
 * a responder finds the attempts in the audit search. The app's domains resolve to a loopback
 * origin through the gateway's hosts file.
 */
class AppWithdrawalThroughGatewayTest {
  static final Path HOSTS = hostsFile();
  static final String STUDENT_IP = "127.0.0.2";

  @RegisterExtension
  static final TestConsole CONSOLE = new TestConsole(ConfigOverride.config("gateway.hostsFile", HOSTS.toString()));

  static HttpServer origin;

  static Path hostsFile() {
    try {
      Path file = Files.createTempFile("campusgate-hosts", ".txt");
      Files.writeString(file, "127.0.0.1 ketang.e2e.test static.ketang.e2e.test\n");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeAll
  static void startOrigin() throws IOException {
    origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    origin.createContext("/", exchange -> {
      byte[] body = "lesson".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    origin.start();
  }

  @AfterAll
  static void stopOrigin() throws IOException {
    origin.stop(0);
    Files.deleteIfExists(HOSTS);
  }

  static String url(String host) {
    return "http://" + host + ":" + origin.getAddress().getPort() + "/lesson/1";
  }

  @Test
  void aWithdrawnFilingBlocksBothDomainsAtOnceAndTheAttemptsAreInTheAuditSearch() throws Exception {
    ConsoleHttp district = ConsoleHttp.withToken(CONSOLE, CONSOLE.token(ConsoleRole.DISTRICT_ADMIN, null, "e2e-da"));
    ConsoleHttp school = ConsoleHttp.withToken(CONSOLE, CONSOLE.token(ConsoleRole.SCHOOL_ADMIN, "demo-school", "e2e-sa"));
    assertThat(district.send("POST", "/register/provider-filings", Map.of("filingNumber", "教APP备E2E001号",
        "appName", "示范课堂", "icpNumber", "沪ICP备E2E号", "mlpsNumber", "31000000E2E", "mlpsLevel", 2,
        "category", "TEACHING", "status", "ACTIVE", "effectiveFrom", "2026-01-01T00:00:00Z")).status()).isEqualTo(201);
    assertThat(district.send("POST", "/register/apps", Map.of("id", "ketang-e2e", "name", "示范课堂",
        "kind", "LEARNING", "filingNumber", "教APP备E2E001号", "category", "TEACHING",
        "domains", List.of("ketang.e2e.test", "static.ketang.e2e.test"))).status()).isEqualTo(201);
    String id = school.send("POST", "/schools/demo-school/user-filings", Map.of("appId", "ketang-e2e",
        "usage", "RECOMMENDED", "scope", List.of("students", "teachers"), "validFrom", "2026-01-01"))
        .json().get("id").asText();
    String path = "/schools/demo-school/user-filings/" + id;
    assertThat(school.send("POST", path + "/submit", null).status()).isEqualTo(200);
    assertThat(district.send("POST", path + "/confirm", null).json().get("status").asText()).isEqualTo("CONFIRMED");

    assertThat(ProxyClient.get(CONSOLE.proxy(), STUDENT_IP, url("ketang.e2e.test")).status()).isEqualTo(200);
    assertThat(ProxyClient.get(CONSOLE.proxy(), STUDENT_IP, url("static.ketang.e2e.test")).status()).isEqualTo(200);

    Answer withdrawn = school.send("POST", path + "/withdraw", Map.of("reason", "停止使用"));
    assertThat(withdrawn.json().get("status").asText()).as(withdrawn.body()).isEqualTo("WITHDRAWN");
    Instant answered = Instant.now();
    for (String host : List.of("ketang.e2e.test", "static.ketang.e2e.test")) {
      ProxyClient.Answer blocked = ProxyClient.get(CONSOLE.proxy(), STUDENT_IP, url(host));
      assertThat(blocked.status()).as(host).isEqualTo(403);
      assertThat(blocked.text()).contains("APP_SCHOOL_NOT_FILED").contains("示范课堂").contains("教APP备E2E001号")
          .contains("本校未选用该应用");
    }
    assertThat(Duration.between(answered, Instant.now())).as("both blocked within a second of the answer")
        .isLessThan(Duration.ofSeconds(1));

    ConsoleHttp responder = ConsoleHttp.withToken(CONSOLE, CONSOLE.token(ConsoleRole.RESPONDER, null, "e2e-re"));
    String query = "/audit/events?reasonCode=APP_SCHOOL_NOT_FILED&app=ketang-e2e&from="
        + URLEncoder.encode(answered.minusSeconds(60).toString(), StandardCharsets.UTF_8)
        + "&case=INC-E2E-1&reason=" + URLEncoder.encode("核查未备案应用访问", StandardCharsets.UTF_8);
    JsonNode events = awaitEvents(responder, query, 2);
    assertThat(events.findValuesAsText("host")).containsExactlyInAnyOrder("ketang.e2e.test", "static.ketang.e2e.test");
    assertThat(events.findValuesAsText("userId")).containsOnly("student1");
    assertThat(events.findValuesAsText("providerFiling")).containsOnly("教APP备E2E001号");
  }

  /** Polls the search until {@code count} events are indexed, within a bounded deadline. */
  private static JsonNode awaitEvents(ConsoleHttp caller, String query, int count) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (true) {
      Answer a = caller.get(query);
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      JsonNode events = a.json().get("events");
      if (events.size() >= count) {
        return events;
      }
      assertThat(Instant.now()).as("events indexed in time").isBefore(deadline);
      Thread.sleep(100); // polling a bounded deadline: the store indexes asynchronously
    }
  }
}
