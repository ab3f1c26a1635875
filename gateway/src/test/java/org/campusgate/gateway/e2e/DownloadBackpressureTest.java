package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.campusgate.audit.AccessEvent;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MB download through the gateway to a client that stops reading, as a relayed response
 * and through a CONNECT tunnel: the gateway must not read the origin ahead without bound. Measured on the origin's side, not in the gateway's heap:
 * the origin writes with blocking writes into a small send buffer, so how far it gets is how much
 * the path took from it. While the client reads nothing, the origin must stall within what the
 * kernel buffers on the way can hold (client receive buffer + the gateway's two socket buffers +
 * one read batch), far short of 100 MB; when the client reads again, the rest flows.
 */
class DownloadBackpressureTest {
  static final long SIZE = 100L * 1024 * 1024;
  static final int CHUNK = 64 * 1024;
  /** Loopback buffers here: tcp_rmem max 32 MiB, tcp_wmem max 4 MiB, plus one read batch. */
  static final long PATH_SLACK = 48L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  @Timeout(30)
  void slowReaderPacesTheOrigin() throws Exception {
    AccessEvent e = download((client, origin) -> {
      String url = "http://127.0.0.1:" + origin.getLocalPort() + "/big";
      client.getOutputStream().write(("GET " + url + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(RawHttp.readHead(client.getInputStream())).startsWith("HTTP/1.1 200")
          .contains("Content-Length: " + SIZE);
    }, true);
    assertThat(e.httpStatus()).isEqualTo(200);
  }

  @Test
  @Timeout(30)
  void slowReaderPacesTheOriginThroughATunnel() throws Exception {
    AccessEvent e = download((client, origin) -> {
      String authority = "127.0.0.1:" + origin.getLocalPort();
      client.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: "
          + authority + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(RawHttp.readHead(client.getInputStream())).startsWith("HTTP/1.1 200");
      // the origin starts once it hears from the client (as a TLS server would)
      client.getOutputStream().write("GO\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }, false);
    assertThat(e.method()).isEqualTo("CONNECT");
  }

  interface Opening {
    void open(Socket client, ServerSocket origin) throws IOException;
  }

  /**
   * Opens the download through the gateway, reads 1 MB, checks the origin stalls while the client
   * reads nothing, then reads the rest; returns the recorded event (bytes down checked).
   */
  private AccessEvent download(Opening opening, boolean httpOrigin) throws Exception {
    AtomicLong written = new AtomicLong();
    CompletableFuture<Void> originDone = new CompletableFuture<>();
    try (Harness h = new Harness(dir, TestPolicies.demo(), GatewayConfig.builder());
        ServerSocket origin = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      Thread writer = new Thread(() -> serve(origin, httpOrigin, written, originDone),
          "big-origin");
      writer.setDaemon(true);
      writer.start();

      InetSocketAddress gw = h.gateway.boundAddress();
      try (Socket client = new Socket()) {
        client.setReceiveBufferSize(64 * 1024);
        client.setSoTimeout(10_000);
        client.connect(gw, 5000);
        opening.open(client, origin);
        InputStream in = client.getInputStream();

        // read 1 MB, then stop reading
        long read = in.readNBytes(1024 * 1024).length;
        assertThatThrownBy(() -> originDone.get(2, TimeUnit.SECONDS))
            .as("the origin cannot finish while the client reads nothing")
            .isInstanceOf(TimeoutException.class);
        long stalledAt = written.get();
        System.out.println("origin stalled at " + stalledAt + " bytes, client read " + read);
        assertThat(stalledAt).as("the origin is paced by the client (read %d)", read)
            .isLessThan(read + PATH_SLACK);

        // the client reads again: everything arrives
        byte[] buf = new byte[CHUNK];
        for (int r; read < SIZE && (r = in.read(buf)) >= 0; ) {
          read += r;
        }
        assertThat(read).isEqualTo(SIZE);
        originDone.get(10, TimeUnit.SECONDS);
      }
      AccessEvent e = h.nextEvent(); // a tunnel's event comes when it ends
      assertThat(e.bytesDown()).isEqualTo(SIZE);
      return e;
    }
  }

  /**
   * One client: reads its head (a request, or the tunnel's first bytes), then 100 MB in blocking
   * 64 KiB writes through a small send buffer, after a response head when {@code http}.
   */
  private static void serve(ServerSocket server, boolean http, AtomicLong written,
      CompletableFuture<Void> done) {
    try (Socket s = server.accept()) {
      s.setSendBufferSize(64 * 1024);
      RawHttp.readHead(s.getInputStream());
      OutputStream out = s.getOutputStream();
      if (http) {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
            + SIZE + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      }
      byte[] chunk = new byte[CHUNK];
      for (long n = 0; n < SIZE; n += CHUNK) {
        out.write(chunk);
        written.addAndGet(CHUNK);
      }
      out.flush();
      done.complete(null);
    } catch (IOException e) {
      done.completeExceptionally(e);
    }
  }
}
