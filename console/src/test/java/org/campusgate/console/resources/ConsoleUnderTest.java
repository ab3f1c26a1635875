package org.campusgate.console.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.campusgate.console.ConsoleApplication;
import org.campusgate.console.ConsoleConfiguration;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.db.TokenDao;

/**
 * The real console (no gateway) on 127.0.0.1, an ephemeral port and an H2 file under a temp
 * folder, for one test class; callers authenticate with API tokens made straight in the
 * database, or with a signed-in session.
 */
final class ConsoleUnderTest implements AutoCloseable {
  static final String SCHOOL = "north";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: status and body (JSON parsed when it is JSON). */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private final DropwizardTestSupport<ConsoleConfiguration> support;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .build();

  ConsoleUnderTest(Path home) throws Exception {
    Files.writeString(home.resolve("policy.yaml"), """
        school: north
        name: North Primary
        version: 1
        timezone: Asia/Shanghai
        default: allow
        unauthenticated: auth-required
        """);
    Path config = home.resolve("console.yaml");
    Files.writeString(config, """
        school: {id: north, name: North Primary, initialPolicy: policy.yaml}
        lists: ""
        audit: var/audit
        database: {embeddedDir: var/console}
        initialAdminPasswordFile: var/initial-admin-password
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
          requestLog: {appenders: []}
        logging: {level: WARN}
        """);
    support = new DropwizardTestSupport<>(ConsoleApplication.class, config.toString()) {
      @Override
      public Application<ConsoleConfiguration> newApplication() {
        return new ConsoleApplication(home, Clock.systemUTC(), started -> { });
      }
    };
    support.before();
    services().db().schools().create("south", "South Middle");
  }

  ConsoleServices services() {
    return ((ConsoleApplication) support.getApplication()).services();
  }

  /** A token secret for a caller of this role (and school, for school-bound roles). */
  String token(String name, ConsoleRole role, String school) {
    String secret = "cg_test_" + name;
    services().db().tokens().create(TokenDao.hashOf(secret), name, role, school);
    return secret;
  }

  Answer call(String method, String path, String bearer, String contentType, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + support.getLocalPort() + "/api/v1" + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    HttpResponse<String> r = http.send(b.build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(r.statusCode(), r.body());
  }

  Answer get(String path, String bearer) throws Exception {
    return call("GET", path, bearer, null, null);
  }

  Answer post(String path, String bearer, String json) throws Exception {
    return call("POST", path, bearer, "application/json", json);
  }

  Answer delete(String path, String bearer) throws Exception {
    return call("DELETE", path, bearer, null, null);
  }

  /** Signs in an account made for the test; answers the cookie header and the CSRF token. */
  String[] signIn(String username, ConsoleRole role, String school) throws Exception {
    char[] password = "correct horse battery".toCharArray();
    var account = services().db().accounts().create(username,
        services().hasher().hash(password), role, school);
    services().db().accounts().changePassword(account.id(),
        services().hasher().hash(password), false);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + support.getLocalPort() + "/api/v1/session"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username
                + "\",\"password\":\"correct horse battery\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    return new String[] {cookie, JSON.readTree(r.body()).get("csrfToken").asText()};
  }

  /** A call with a session cookie and its CSRF token. */
  Answer session(String method, String path, String[] session, String json) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + support.getLocalPort() + "/api/v1" + path))
        .header("Cookie", session[0]).header("X-CSRF-Token", session[1])
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  @Override
  public void close() {
    support.after();
  }
}
