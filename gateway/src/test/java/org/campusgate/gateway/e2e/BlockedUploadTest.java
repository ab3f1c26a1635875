package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.campusgate.audit.AccessEvent;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request with a body to a blocked host (a form post, an upload) is answered with the block
 * page before its body has arrived. The client must get that whole page, not a connection reset,
 * whether it reads while sending (curl, browsers) or only after sending everything (many HTTP
 * libraries); and a small body is read and discarded so the connection serves the next request.
 */
class BlockedUploadTest {
  static final String BLOCKED = "http://" + ProxyEndToEndTest.BLOCKED_HOST + "/upload";
  static final int LARGE = 8 * 1024 * 1024;

  @TempDir static Path dir;
  static Harness h;
  static Path large;
  static Path small;

  @BeforeAll
  static void start() throws Exception {
    h = new Harness(dir, TestPolicies.demo(), GatewayConfig.builder());
    large = dir.resolve("large.bin");
    byte[] chunk = new byte[1 << 20];
    new Random(1).nextBytes(chunk);
    try (OutputStream out = Files.newOutputStream(large)) {
      for (int i = 0; i < LARGE / chunk.length; i++) {
        out.write(chunk);
      }
    }
    small = dir.resolve("small.txt");
    Files.writeString(small, "name=" + "x".repeat(995));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void curlUploadingSeveralMegabytesGetsTheWholeBlockPage() throws Exception {
    Harness.Result r = h.curl("-w", "|%{http_code}", "--data-binary", "@" + large,
        "-H", "Expect:", BLOCKED);
    AccessEvent e = h.nextEvent();
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(blockPage(e) + "|403");
    assertThat(e.action()).isEqualTo("BLOCK");
    assertThat(e.httpStatus()).isEqualTo(403);
  }

  @Test
  void curlWaitingFor100ContinueGetsTheBlockPageWithoutSendingTheBody() throws Exception {
    Harness.Result r = h.curl("-w", "|%{http_code}|%{size_upload}", "--data-binary", "@" + large,
        "-H", "Expect: 100-continue", BLOCKED);
    AccessEvent e = h.nextEvent();
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(blockPage(e) + "|403|0");
  }

  @Test
  void aClientThatSendsItsWholeBodyBeforeReadingGetsTheWholeBlockPage() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), h.gateway.boundAddress().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST " + BLOCKED + " HTTP/1.1\r\nHost: " + ProxyEndToEndTest.BLOCKED_HOST
          + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + LARGE
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] piece = new byte[64 * 1024];
      for (int sent = 0; sent < LARGE; sent += piece.length) {
        out.write(piece); // a reset here is what a client saw before the lingering close
      }
      out.flush();
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      AccessEvent e = h.nextEvent();
      assertThat(answer).startsWith("HTTP/1.1 403 Forbidden\r\n")
          .containsIgnoringCase("\r\nConnection: close\r\n")
          .endsWith("\r\n\r\n" + blockPage(e));
    }
  }

  @Test
  void aSmallBlockedPostKeepsTheConnectionForTheNextRequest() throws Exception {
    Harness.Result r = h.curl("-w", "|%{http_code}|%{num_connects}\n", "--data-binary",
        "@" + small, "-H", "Expect:", BLOCKED, h.originUrl("/hello"));
    AccessEvent blocked = h.nextEvent();
    AccessEvent allowed = h.nextEvent();
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(blockPage(blocked) + "|403|1\n"
        + "hello via=1.1 campusgate proxy-connection=null|200|0\n"); // 0: no new connection
    assertThat(blocked.action()).isEqualTo("BLOCK");
    assertThat(allowed.action()).isEqualTo("ALLOW");
    assertThat(allowed.method()).isEqualTo("POST");
  }

  @Test
  void aSmallBodyThatNeverComesDoesNotHoldTheConnectionOpen() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), h.gateway.boundAddress().getPort())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(("POST " + BLOCKED + " HTTP/1.1\r\nHost: "
          + ProxyEndToEndTest.BLOCKED_HOST + "\r\nContent-Length: 1000\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      String head = RawHttp.readHead(in);
      assertThat(head).startsWith("HTTP/1.1 403").containsIgnoringCase("Connection: keep-alive");
      in.readNBytes(contentLength(head));

      // the announced body never comes: the gateway gives up on it and ends the connection
      assertThat(in.read()).as("end of stream").isEqualTo(-1);
      assertThat(h.nextEvent().httpStatus()).isEqualTo(403);
    }
  }

  /** The tests' block page (TestBlockPages) for the event. */
  private static String blockPage(AccessEvent e) {
    return "<html><body>blocked " + e.reason() + " request " + e.eventId() + "</body></html>";
  }


  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    throw new AssertionError("no Content-Length in " + head);
  }
}
