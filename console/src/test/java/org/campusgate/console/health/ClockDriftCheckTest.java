package org.campusgate.console.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck.Result;
import io.dropwizard.util.Duration;
import org.campusgate.console.ConsoleConfiguration;
import org.junit.jupiter.api.Test;

class ClockDriftCheckTest {
  private static ClockDriftCheck against(FakeNtpServer server) {
    ConsoleConfiguration.NtpSection ntp = new ConsoleConfiguration.NtpSection();
    ntp.server = "127.0.0.1:" + server.port();
    ntp.maxDrift = Duration.seconds(1);
    ntp.timeout = Duration.milliseconds(500);
    return ClockDriftCheck.of(ntp);
  }

  @Test
  void aServerOneTenthOfASecondAheadIsWithinTheBound() throws Exception {
    try (FakeNtpServer server = FakeNtpServer.skewedBy(java.time.Duration.ofMillis(100))) {
      Result r = against(server).execute();
      assertThat(r.isHealthy()).as(r.getMessage()).isTrue();
      assertThat((Long) r.getDetails().get("offsetMillis")).isBetween(50L, 150L);
      assertThat(r.getMessage()).startsWith("clock offset +");
    }
  }

  @Test
  void aServerFiveSecondsAheadOrBehindIsDrift() throws Exception {
    for (long skew : new long[] {5_000, -5_000}) {
      try (FakeNtpServer server = FakeNtpServer.skewedBy(java.time.Duration.ofMillis(skew))) {
        Result r = against(server).execute();
        assertThat(r.isHealthy()).as(r.getMessage()).isFalse();
        assertThat((Long) r.getDetails().get("offsetMillis")).isBetween(skew - 100, skew + 100);
      }
    }
  }

  @Test
  void noAnswerWithinTheTimeoutIsUnhealthy() throws Exception {
    try (FakeNtpServer server = FakeNtpServer.silent()) {
      long started = System.nanoTime();
      Result r = against(server).execute();
      assertThat(r.isHealthy()).isFalse();
      assertThat(r.getMessage()).isEqualTo("no answer from 127.0.0.1:" + server.port()
          + " within 500 ms");
      assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
    }
  }

  @Test
  void theServerIsAHostWithAnOptionalPort() {
    ConsoleConfiguration.NtpSection ntp = new ConsoleConfiguration.NtpSection();
    ntp.server = "ntp.example:70000";
    assertThatThrownBy(() -> ClockDriftCheck.of(ntp))
        .hasMessageContaining("the port must be 1..65535, not '70000'");
  }
}
