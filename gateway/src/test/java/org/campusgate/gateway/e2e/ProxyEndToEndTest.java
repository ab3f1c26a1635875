package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.campusgate.audit.AccessEvent;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway end to end with the demo policy (guests: UT1 gambling blocked), a loopback origin
 * and curl. Every test checks the access event recorded in a real embedded audit store.
 */
class ProxyEndToEndTest {
  static final String BLOCKED_HOST = "0-casino.info"; // data/ut1-sample/blacklists/gambling
  static final int BODY = 100 * 1024 * 1024; // the issue asks for a 100 MB streamed POST

  @TempDir static Path dir;
  static Harness h;
  static Path upload;

  @BeforeAll
  static void start() throws Exception {
    h = new Harness(dir, TestPolicies.demo(), GatewayConfig.builder());
    h.startTlsOrigin();
    upload = dir.resolve("upload.bin");
    byte[] chunk = new byte[1 << 20];
    new Random(1).nextBytes(chunk);
    try (OutputStream out = Files.newOutputStream(upload)) {
      for (int i = 0; i < BODY / chunk.length; i++) {
        out.write(chunk);
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void allowedGetIsRelayedWithViaAndWithoutProxyHeaders() throws Exception {
    Harness.Result r = h.curl("-H", "Proxy-Connection: keep-alive", h.originUrl("/hello"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("hello via=1.1 campusgate proxy-connection=null");
    AccessEvent e = h.nextEvent();
    assertThat(e.action()).isEqualTo("ALLOW");
    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.host()).isEqualTo("127.0.0.1");
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.bytesDown()).isEqualTo(r.out().length());
    assertThat(e.url()).contains("/hello");
  }

  @Test
  void keepAliveServesTwoRequestsOnOneConnection() throws Exception {
    Harness.Result r = h.curl("-w", "|%{num_connects}", h.originUrl("/hello"), h.originUrl("/hello"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).endsWith("|0"); // the second transfer reused the proxy connection
    assertThat(h.nextEvent().httpStatus()).isEqualTo(200);
    assertThat(h.nextEvent().httpStatus()).isEqualTo(200);
  }

  @Test
  void blockedHostGetsTheBlockPageWithoutConnecting() throws Exception {
    Harness.Result r = h.curl("-w", "|%{http_code}", "http://" + BLOCKED_HOST + "/x");
    assertThat(r.out()).endsWith("|403").contains("blocked CATEGORY_BLOCKED");
    AccessEvent e = h.nextEvent();
    assertThat(e.action()).isEqualTo("BLOCK");
    assertThat(e.reason()).isEqualTo("CATEGORY_BLOCKED");
    assertThat(e.category()).isEqualTo("gambling");
    assertThat(e.httpStatus()).isEqualTo(403);
    assertThat(r.out()).contains(e.eventId().toString());
  }

  @Test
  void largePostIsStreamed() throws Exception {
    Harness.Result r = h.curl("--data-binary", "@" + upload, "-H", "Expect:", h.originUrl("/echo"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("received " + BODY);
    AccessEvent e = h.nextEvent();
    assertThat(e.bytesUp()).isEqualTo(BODY);
    assertThat(e.method()).isEqualTo("POST");
  }

  @Test
  void chunkedUploadWithExpectContinue() throws Exception {
    Harness.Result r = h.curl("-v", "--data-binary", "@" + upload, "-H", "Transfer-Encoding: chunked",
        "-H", "Expect: 100-continue", h.originUrl("/echo"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("received " + BODY);
    assertThat(r.err()).contains("100 Continue");
    AccessEvent e = h.nextEvent();
    assertThat(e.bytesUp()).isEqualTo(BODY);
    assertThat(e.httpStatus()).isEqualTo(200);
  }

  @Test
  void connectTunnelToHttpsOrigin() throws Exception {
    int port = h.tlsOrigin.getAddress().getPort();
    Harness.Result r = h.curl("-k", "https://127.0.0.1:" + port + "/hello");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("hello");
    AccessEvent e = h.nextEvent();
    assertThat(e.method()).isEqualTo("CONNECT");
    assertThat(e.action()).isEqualTo("ALLOW");
    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.port()).isEqualTo(port);
    assertThat(e.bytesUp()).isPositive();
    assertThat(e.bytesDown()).isPositive();
    assertThat(e.url()).isNull();
  }

  @Test
  void blockedConnectAuthorityGets403WithReasonHeader() throws Exception {
    Harness.Result r = h.curl("-k", "-v", "https://" + BLOCKED_HOST + "/");
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("403").containsIgnoringCase("X-CampusGate-Reason: CATEGORY_BLOCKED");
    AccessEvent e = h.nextEvent();
    assertThat(e.method()).isEqualTo("CONNECT");
    assertThat(e.action()).isEqualTo("BLOCK");
    assertThat(e.host()).isEqualTo(BLOCKED_HOST);
  }

  @Test
  void blockedSniThroughAnAllowedConnectIsDomainFronting() throws Exception {
    int port = h.tlsOrigin.getAddress().getPort();
    Harness.Result r = h.curl("-k", "--connect-to", BLOCKED_HOST + ":" + port + ":127.0.0.1:" + port,
        "https://" + BLOCKED_HOST + ":" + port + "/hello");
    assertThat(r.exit()).isNotZero();
    AccessEvent e = h.nextEvent();
    assertThat(e.method()).isEqualTo("CONNECT");
    assertThat(e.action()).isEqualTo("BLOCK");
    assertThat(e.reason()).isEqualTo("CATEGORY_BLOCKED");
    assertThat(e.sni()).isEqualTo(BLOCKED_HOST);
    assertThat(e.host()).isEqualTo("127.0.0.1");
  }

  @Test
  void unreachableOriginGets502() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Harness.Result r = h.curl("-w", "|%{http_code}", "http://127.0.0.1:" + port + "/");
    assertThat(r.out()).endsWith("|502");
    AccessEvent e = h.nextEvent();
    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.action()).isEqualTo("ALLOW");
  }
}
