package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 2,000 concurrent idle keep-alive connections (half never sent anything, half made one request
 * and stay idle) do not keep normal requests from being served promptly; when the clients go,
 * the gateway closes every one of them.
 *
 * <p>File descriptors: each connection costs two in this JVM (client and gateway side). The test
 * needs about 4,100; it scales down to what {@code ulimit -n} leaves (and says so in its output)
 * rather than fail on a small limit.
 */
class IdleConnectionsTest {
  static final int WANTED = 2000;

  @TempDir Path dir;

  @Test
  @Timeout(15)
  void twoThousandIdleConnectionsAndCurlIsStillServed() throws Exception {
    int n = Math.min(WANTED, fdBudget());
    if (n < WANTED) {
      System.out.println("IdleConnectionsTest: open-file limit allows " + n + " connections, not "
          + WANTED);
    }
    try (Harness h = new Harness(dir, TestPolicies.demo(), GatewayConfig.builder()
        .headerReadTimeout(Duration.ofSeconds(30))
        .idleTimeout(Duration.ofSeconds(30)))) {
      List<Socket> idle = new ArrayList<>(n);
      try {
        int port = h.gateway.boundAddress().getPort();
        byte[] request = ("GET " + h.originUrl("/hello") + " HTTP/1.1\r\nHost: x\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < n; i++) {
          Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
          s.setSoTimeout(5000);
          idle.add(s);
          if (i % 2 == 1) {
            // one request, answered, then the connection stays open and idle (keep-alive)
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            assertThat(readResponse(s.getInputStream())).startsWith("HTTP/1.1 200")
                .endsWith("hello via=1.1 campusgate proxy-connection=null");
          }
        }
        for (int i = 1; i < n; i += 2) {
          assertThat(h.appended.poll(5, TimeUnit.SECONDS)).as("one event per request").isNotNull();
        }
        // every idle connection is held by the gateway
        assertThat(awaitActive(h, n)).isEqualTo(n);

        // normal requests are still served, promptly
        for (int i = 0; i < 3; i++) {
          long t0 = System.nanoTime();
          Harness.Result r = h.curl("-w", "|%{http_code}", h.originUrl("/hello"));
          long ms = (System.nanoTime() - t0) / 1_000_000;
          assertThat(r.out()).as(r.err()).endsWith("|200");
          assertThat(ms).as("curl through a gateway holding %d idle connections", n)
              .isLessThan(2000);
          h.nextEvent();
        }

        // the clients go: half-close each, and the gateway closes its side of every one
        for (Socket s : idle) {
          s.shutdownOutput();
        }
        for (Socket s : idle) {
          assertThat(s.getInputStream().read()).as("the gateway closed the connection").isEqualTo(-1);
        }
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
      assertThat(awaitActive(h, 0)).isZero();
    }
  }

  /**
   * The active-connection count once it equals {@code n}, or after 5 s. It moves on the event
   * loops in channelActive/channelInactive, just after what the client sees (connect, EOF).
   */
  static long awaitActive(Harness h, long n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    long c;
    while ((c = h.registry.counter("gateway.connections.active").getCount()) != n
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return c;
  }

  /** Reads one response with a Content-Length body (the origin's answers have one). */
  static String readResponse(InputStream in) throws IOException {
    String head = RawHttp.readHead(in);
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
  }

  /** Connections this JVM can afford: (soft limit - open now - 200 spare) / 2. */
  static int fdBudget() throws IOException {
    long limit = Long.MAX_VALUE;
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        limit = soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
      }
    }
    long open;
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      open = fds.count();
    }
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (limit - open - 200) / 2));
  }
}
