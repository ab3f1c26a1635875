package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.campusgate.audit.AccessEvent;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stop(grace)}: the listener closes at once (new connections are refused), idle
 * keep-alive connections are closed, and a request in flight (a slow origin that answers when a
 * latch is released) finishes and is recorded; stop returns as soon as it has, not at the end of
 * the grace period.
 */
class GracefulStopTest {
  @TempDir Path dir;

  @Test
  @Timeout(30)
  void inFlightRequestFinishesWhileNewConnectionsAreRefused() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Harness h = new Harness(dir, TestPolicies.demo(), GatewayConfig.builder())) {
      h.origin.createContext("/slow", ex -> {
        ex.getRequestBody().readAllBytes();
        arrived.countDown();
        try {
          release.await(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        byte[] body = "slow done".getBytes(StandardCharsets.US_ASCII);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      });
      InetSocketAddress gw = h.gateway.boundAddress();
      try (Socket idle = new Socket(gw.getAddress(), gw.getPort())) {
        idle.setSoTimeout(5000);
        CompletableFuture<Harness.Result> slow = CompletableFuture.supplyAsync(() -> {
          try {
            return h.curl("-w", "|%{http_code}", h.originUrl("/slow"));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        assertThat(arrived.await(10, TimeUnit.SECONDS)).as("the slow request reached the origin")
            .isTrue();

        CompletableFuture<Long> stopped = CompletableFuture.supplyAsync(() -> {
          try {
            h.gateway.stop(Duration.ofSeconds(20));
            return System.nanoTime();
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });

        assertThat(refusedWithin(gw, Duration.ofSeconds(5)))
            .as("new connections are refused once stopping").isTrue();
        assertThat(idle.getInputStream().read()).as("the idle connection is closed").isEqualTo(-1);
        assertThat(slow).isNotDone();
        assertThat(stopped).as("stop waits for the request in flight").isNotDone();

        long releasedAt = System.nanoTime();
        release.countDown();
        Harness.Result r = slow.get(10, TimeUnit.SECONDS);
        assertThat(r.out()).as(r.err()).isEqualTo("slow done|200");
        long stopAt = stopped.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(stopAt - releasedAt))
            .as("stop returns once the exchange ended, not after the 20 s grace")
            .isLessThan(Duration.ofSeconds(8));
        AccessEvent e = h.nextEvent();
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.url()).endsWith("/slow");
        assertThat(e.bytesDown()).isEqualTo("slow done".length());
      } finally {
        release.countDown();
      }
    }
  }

  /** Connects until refused (each attempt is one round trip to the listener), up to {@code max}. */
  private static boolean refusedWithin(InetSocketAddress gw, Duration max) throws IOException {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), gw.getPort()), 1000);
      } catch (ConnectException e) {
        return true;
      } catch (java.net.SocketException e) {
        // a connection caught by the closing listener is reset: refused as well
        return true;
      }
    }
    return false;
  }
}
