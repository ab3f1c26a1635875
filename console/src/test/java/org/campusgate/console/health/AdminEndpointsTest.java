package org.campusgate.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.campusgate.console.DashTestConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin connector of the running console with its gateway: {@code /healthcheck} with the
 * console's checks, {@code /prometheus} with the gateway's and Jetty's metrics.
 */
class AdminEndpointsTest {
  private static final FakeNtpServer NTP = ntp();
  private static final DashTestConsole CONSOLE = DashTestConsole.create(Clock.systemUTC(), """
      gateway:
        id: gw-test
        listen: 127.0.0.1:0
        eventLoops: 1
      ntp:
        server: 127.0.0.1:%d
        maxDrift: 1s
        timeout: 2s
      """.formatted(NTP.port()));
  @RegisterExtension
  static final DropwizardAppExtension<?> APP = CONSOLE.extension();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static FakeNtpServer ntp() {
    try {
      return FakeNtpServer.skewedBy(Duration.ofMillis(100));
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stopNtp() throws InterruptedException {
    NTP.close();
  }

  @Test
  void healthcheckListsTheConsolesChecksAllHealthy() throws Exception {
    HttpResponse<String> r = CONSOLE.admin("/healthcheck");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode checks = JSON.readTree(r.body());
    assertThat(checks.fieldNames()).toIterable()
        .contains("database", "audit-store", "gateway-listener", "clock-drift");
    for (String name : new String[] {"database", "audit-store", "gateway-listener", "clock-drift"}) {
      assertThat(checks.get(name).get("healthy").asBoolean()).as(checks.get(name).toString()).isTrue();
    }
    int proxyPort = CONSOLE.services().gateway().orElseThrow().boundAddress().orElseThrow().getPort();
    assertThat(checks.get("gateway-listener").get("message").asText())
        .isEqualTo("accepts connections on 127.0.0.1:" + proxyPort);
    assertThat(checks.get("clock-drift").get("message").asText()).startsWith("clock offset +");
    assertThat(checks.get("audit-store").get("message").asText()).startsWith("open, ");
  }

  @Test
  void prometheusShowsTheGatewaysAndJettysMetricsOnTheAdminConnectorOnly() throws Exception {
    InetSocketAddress proxy = CONSOLE.services().gateway().orElseThrow().boundAddress().orElseThrow();
    try (Socket s = new Socket(proxy.getAddress(), proxy.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write("GET http://blocked.example/ HTTP/1.1\r\nHost: blocked.example\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .startsWith("HTTP/1.1 403");
    }
    HttpResponse<String> r = CONSOLE.admin("/prometheus");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(r.body())
        .contains("# TYPE gateway_requests_total counter")
        .containsPattern("(?m)^gateway_blocks_total [1-9]")
        .contains("gateway_connections_active")
        .contains("io_dropwizard_jetty_MutableServletContextHandler_requests");
    assertThat(CONSOLE.page("/prometheus").statusCode()).isEqualTo(404);
  }
}
