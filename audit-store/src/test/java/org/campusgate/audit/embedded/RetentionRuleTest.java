package org.campusgate.audit.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RetentionRuleTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

  @Test
  void theDefaultKeepsMoreThanSixCalendarMonths() {
    RetentionRule rule = new RetentionRule(RetentionRule.DEFAULT_RETENTION_DAYS, SHANGHAI);
    Instant now = Instant.parse("2026-12-31T12:00:00Z");
    assertThat(rule.floor(now)).isEqualTo(Instant.parse("2026-06-30T12:00:00Z"));
    assertThat(rule.cutoff(now)).isBefore(rule.floor(now))
        .isEqualTo(Instant.parse("2026-06-24T12:00:00Z"));
  }

  @Test
  void aRetentionShorterThanSixMonthsIsRefused() {
    assertThatThrownBy(() -> new RetentionRule(183, SHANGHAI))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("six calendar months");
  }

  @Test
  void theCutoffNeverReachesIntoTheFloorEvenInTheLongestHalfYear() {
    RetentionRule rule = new RetentionRule(RetentionRule.MIN_RETENTION_DAYS, SHANGHAI);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    for (int day = 0; day < 800; day++) {
      Instant t = now.plusSeconds(86_400L * day);
      assertThat(rule.cutoff(t)).isBeforeOrEqualTo(rule.floor(t));
    }
  }
}
