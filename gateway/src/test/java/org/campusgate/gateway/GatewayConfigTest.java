package org.campusgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayConfigTest {
  @Test
  void defaults() {
    GatewayConfig c = GatewayConfig.builder().build();
    assertThat(c.bind().getPort()).isEqualTo(3128);
    assertThat(c.bind().getHostString()).isEqualTo("127.0.0.1");
    assertThat(c.maxInitialLineLength()).isEqualTo(8192);
    assertThat(c.maxHeaderSize()).isEqualTo(16384);
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.upstreamResponseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.addXForwardedFor()).isFalse();
    assertThat(c.allowNonTlsOn443()).isFalse();
    assertThat(c.dnsCacheMaxEntries()).isEqualTo(10_000);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> GatewayConfig.builder().eventLoops(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GatewayConfig.builder().headerReadTimeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GatewayConfig.builder().realm("a\"b").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GatewayConfig.builder().schoolId(" ").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GatewayConfig.builder().dnsMinTtl(Duration.ofHours(1)).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GatewayConfig.builder().dnsCacheMaxEntries(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dnsCacheMaxEntries");
  }
}
