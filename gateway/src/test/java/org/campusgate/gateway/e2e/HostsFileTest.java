package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.campusgate.audit.AccessEvent;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's hosts file: names it maps reach the address it gives (here a loopback origin on
 * an ephemeral port), for relayed requests and CONNECT tunnels alike, whatever DNS would say.
 */
class HostsFileTest {
  @TempDir Path dir;

  @Test
  void madeUpNameInTheHostsFileReachesTheLocalOrigin() throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"),
        "# test origins\n127.0.0.1   made-up.test   Other-Name.test  # comment\n");
    try (Harness h = new Harness(dir, TestPolicies.demo(), GatewayConfig.builder().hostsFile(hosts))) {
      int port = h.origin.getAddress().getPort();
      Harness.Result r = h.curl("http://made-up.test:" + port + "/hello");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).startsWith("hello via=1.1 campusgate");
      AccessEvent e = h.nextEvent();
      assertThat(e.host()).isEqualTo("made-up.test");
      assertThat(e.httpStatus()).isEqualTo(200);

      Harness.Result upper = h.curl("http://OTHER-NAME.test:" + port + "/hello");
      assertThat(upper.exit()).as(upper.err()).isZero();
      assertThat(upper.out()).startsWith("hello");
      h.nextEvent();

      h.startTlsOrigin();
      int tls = h.tlsOrigin.getAddress().getPort();
      Harness.Result tunnel = h.curl("-k", "https://made-up.test:" + tls + "/hello");
      assertThat(tunnel.exit()).as(tunnel.err()).isZero();
      assertThat(tunnel.out()).startsWith("hello");
      assertThat(h.nextEvent().method()).isEqualTo("CONNECT");
    }
  }
}
