package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.campusgate.audit.AccessEvent;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and failing peers against a gateway with short timeouts: malformed and oversize heads,
 * smuggling, slowloris, a silent origin (504). Protocol-level refusals are not access events
 * (nothing was asked of any site); they are counted in {@code gateway.rejected}.
 */
class HostileClientsTest {
  @TempDir static Path dir;
  static Harness h;

  @BeforeAll
  static void start() throws Exception {
    h = new Harness(dir, TestPolicies.demo(), GatewayConfig.builder()
        .headerReadTimeout(Duration.ofMillis(300))
        .upstreamResponseTimeout(Duration.ofMillis(500)));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  private static String exchangeRaw(String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), h.gateway.boundAddress().getPort())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      byte[] all = s.getInputStream().readAllBytes(); // the gateway closes after answering
      return new String(all, StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void malformedRequestLineGets400AndClose() throws Exception {
    long before = h.registry.meter("gateway.rejected").getCount();
    assertThat(exchangeRaw("HELLO THERE\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(h.registry.meter("gateway.rejected").getCount()).isGreaterThan(before);
  }

  @Test
  void oversizeHeaderGets431() throws Exception {
    String req = "GET " + h.originUrl("/hello") + " HTTP/1.1\r\nHost: x\r\nX-Big: "
        + "a".repeat(20_000) + "\r\n\r\n";
    assertThat(exchangeRaw(req)).startsWith("HTTP/1.1 431");
  }

  @Test
  void oversizeRequestLineGets414() throws Exception {
    assertThat(exchangeRaw("GET " + h.originUrl("/" + "a".repeat(9000)) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
        .startsWith("HTTP/1.1 414");
  }

  @Test
  void contentLengthWithTransferEncodingGets400() throws Exception {
    String req = "POST " + h.originUrl("/echo") + " HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\n\r\n";
    assertThat(exchangeRaw(req)).startsWith("HTTP/1.1 400");
  }

  @Test
  void slowlorisIsCutOffWhileOthersAreServed() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), h.gateway.boundAddress().getPort())) {
      s.setSoTimeout(3000);
      OutputStream out = s.getOutputStream();
      byte[] head = ("GET " + h.originUrl("/hello") + " HTTP/1.1\r\nHost: x\r\nX-Slow: "
          + "z".repeat(200)).getBytes(StandardCharsets.ISO_8859_1);
      // a normal client is served while the slow one trickles
      out.write(head, 0, 1);
      Harness.Result r = h.curl(h.originUrl("/hello"));
      assertThat(r.out()).startsWith("hello");
      h.nextEvent();
      boolean cut = false;
      InputStream in = s.getInputStream();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      for (int i = 1; i < head.length && System.nanoTime() < deadline; i++) {
        try {
          out.write(head, i, 1);
          out.flush();
        } catch (SocketException e) {
          cut = true;
          break;
        }
        if (in.available() > 0) {
          cut = true;
          break;
        }
        Thread.onSpinWait();
        try (Socket probe = new Socket()) {
          // pacing: one byte per round trip to the gateway's listener (no sleep)
          probe.connect(h.gateway.boundAddress(), 1000);
        }
      }
      if (!cut) {
        byte[] answer = in.readNBytes(12);
        cut = new String(answer, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 408");
      }
      assertThat(cut).as("the slow client was cut off").isTrue();
    }
  }

  @Test
  void silentOriginGets504() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Harness.Result r = h.curl("-w", "|%{http_code}", "http://127.0.0.1:" + silent.getLocalPort() + "/");
      assertThat(r.out()).endsWith("|504");
      AccessEvent e = h.nextEvent();
      assertThat(e.httpStatus()).isEqualTo(504);
    }
  }
}
