package org.campusgate.console;

import io.dropwizard.core.Application;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.db.TokenDao;

/**
 * The real console application for a test: a fresh home in a temporary folder, the demo policy
 * and UT1 sample of the repository, both connectors on 127.0.0.1 port 0, optionally a gateway
 * on 127.0.0.1:0 and an NTP server to check. API calls carry API tokens made in its database.
 * The home is deleted when the application stops.
 */
public final class DashTestConsole {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private final Path home;
  private final DropwizardAppExtension<ConsoleConfiguration> app;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private DashTestConsole(Path home, Clock clock, String extraYaml) {
    this.home = home;
    Path config = home.resolve("console.yaml");
    try {
      Files.writeString(config, """
          school:
            id: demo-school
            name: Demo School
            initialPolicy: %s
          lists: %s
          audit: var/audit
          database:
            embeddedDir: var/console
          %s
          server:
            applicationConnectors:
              - type: http
                bindHost: 127.0.0.1
                port: 0
            adminConnectors:
              - type: http
                bindHost: 127.0.0.1
                port: 0
            requestLog:
              appenders: []
          logging:
            level: WARN
          """.formatted(REPO.resolve("config/demo/policy.yaml"), REPO.resolve("data/ut1-sample"),
          extraYaml.strip()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.app = new DropwizardAppExtension<>(new DropwizardTestSupport<>(ConsoleApplication.class,
        config.toString()) {
      @Override
      public Application<ConsoleConfiguration> newApplication() {
        return new ConsoleApplication(home, clock, started -> {});
      }

      @Override
      public void after() {
        try {
          super.after();
        } finally {
          deleteHome();
        }
      }
    });
  }

  /**
   * A console in a new temporary home.
   *
   * @param extraYaml top-level configuration sections to add (e.g. {@code gateway:} and
   *     {@code ntp:}), unindented
   */
  public static DashTestConsole create(Clock clock, String extraYaml) {
    try {
      return new DashTestConsole(Files.createTempDirectory("campusgate-console-test"), clock,
          extraYaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Register this with {@code @RegisterExtension}. */
  public DropwizardAppExtension<ConsoleConfiguration> extension() {
    return app;
  }

  public ConsoleServices services() {
    return app.<ConsoleApplication>getApplication().services();
  }

  /** A new API token's secret for {@code role} (of {@code school} for school-bound roles). */
  public String token(ConsoleRole role, String school) {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    String secret = HexFormat.of().formatHex(b);
    services().db().tokens().create(TokenDao.hashOf(secret), "test-" + secret.substring(0, 8),
        role, school);
    return secret;
  }

  /** GET on the application connector, under {@code /api}. */
  public HttpResponse<String> api(String path, String token) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + app.getLocalPort() + "/api" + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return send(r.build());
  }

  /** GET on the admin connector. */
  public HttpResponse<String> admin(String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getAdminPort() + path))
        .timeout(Duration.ofSeconds(30)).build());
  }

  /** GET on the application connector. */
  public HttpResponse<String> page(String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.getLocalPort() + path))
        .timeout(Duration.ofSeconds(30)).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Deletes the home once the application has stopped. */
  private void deleteHome() {
    try (Stream<Path> files = Files.walk(home)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the test home " + home, e);
    }
  }
}
