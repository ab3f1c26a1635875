package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.campusgate.audit.AccessEvent;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client that stops sending a relayed request body midway does not hold its connection. */
class StalledUploadTest {
  @TempDir Path dir;

  @Test
  void aBodyThatStopsMidwayGets408AfterTheIdleTimeoutAndIsRecorded() throws Exception {
    try (Harness h = new Harness(dir, TestPolicies.demo(), GatewayConfig.builder()
        .idleTimeout(Duration.ofMillis(500)))) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(),
          h.gateway.boundAddress().getPort())) {
        s.setSoTimeout(10_000);
        String head = "POST " + h.originUrl("/echo") + " HTTP/1.1\r\nHost: x\r\n"
            + "Content-Length: 100000\r\n\r\n";
        s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().write(new byte[1000]); // then nothing more
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        String answer = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
        assertThat(answer).isEqualTo("HTTP/1.1 408");
      }
      AccessEvent e = h.nextEvent();
      assertThat(e.url()).endsWith("/echo");
      assertThat(e.httpStatus()).isEqualTo(408);
      assertThat(e.bytesUp()).isEqualTo(1000);
    }
  }
}
