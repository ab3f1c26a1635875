package org.campusgate.audit.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacerTest {
  @Test
  void aQuarterOfACoreRestsThreeTimesAsLongAsItWorkedUpToTheCap() {
    Pacer p = new Pacer(0.25, Duration.ofMillis(50));
    assertThat(p.restNanos(1_000_000)).isEqualTo(3_000_000);
    assertThat(p.restNanos(40_000_000)).isEqualTo(50_000_000);
    assertThat(p.restNanos(-5)).isZero();
    assertThat(Pacer.unpaced().restNanos(1_000_000_000)).isZero();
  }

  @Test
  void shareMustBeAFractionOfACore() {
    assertThatThrownBy(() -> new Pacer(0, Duration.ZERO)).hasMessageContaining("share");
    assertThatThrownBy(() -> new Pacer(1.5, Duration.ZERO)).hasMessageContaining("share");
  }
}
