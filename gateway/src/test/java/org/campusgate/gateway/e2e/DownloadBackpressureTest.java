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
 * A 100 MB download through the gateway to a client that stops reading: the gateway must not
 * read the origin ahead without bound. Measured on the origin's side, not in the gateway's heap:
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
    AtomicLong written = new AtomicLong();
    CompletableFuture<Void> originDone = new CompletableFuture<>();
    try (Harness h = new Harness(dir, TestPolicies.demo(), GatewayConfig.builder());
        ServerSocket origin = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      Thread writer = new Thread(() -> serve(origin, written, originDone), "big-origin");
      writer.setDaemon(true);
      writer.start();

      InetSocketAddress gw = h.gateway.boundAddress();
      try (Socket client = new Socket()) {
        client.setReceiveBufferSize(64 * 1024);
        client.setSoTimeout(10_000);
        client.connect(gw, 5000);
        String url = "http://127.0.0.1:" + origin.getLocalPort() + "/big";
        client.getOutputStream().write(("GET " + url + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        InputStream in = client.getInputStream();
        String head = readHead(in);
        assertThat(head).startsWith("HTTP/1.1 200").contains("Content-Length: " + SIZE);

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
      AccessEvent e = h.nextEvent();
      assertThat(e.bytesDown()).isEqualTo(SIZE);
      assertThat(e.httpStatus()).isEqualTo(200);
    }
  }

  /** One request: a 100 MB answer in blocking 64 KiB writes through a small send buffer. */
  private static void serve(ServerSocket server, AtomicLong written, CompletableFuture<Void> done) {
    try (Socket s = server.accept()) {
      s.setSendBufferSize(64 * 1024);
      readHead(s.getInputStream());
      OutputStream out = s.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
          + SIZE + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
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

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed in the head: " + head);
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
