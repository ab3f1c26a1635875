package org.campusgate.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.campusgate.audit.TimeBucket;
import org.junit.jupiter.api.Test;

class DashboardRangeTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  private static final Instant NOW = Instant.parse("2026-03-10T02:40:00Z"); // 10:40 in Shanghai

  @Test
  void theLast24HoursAreTwentyFiveWholeHours() {
    DashboardRange r = DashboardRange.of("2026-03-09T02:40:00Z", null, NOW, SHANGHAI);
    assertThat(r.bucket()).isEqualTo(TimeBucket.HOUR);
    assertThat(r.from()).isEqualTo(Instant.parse("2026-03-09T02:00:00Z"));
    assertThat(r.to()).isEqualTo(Instant.parse("2026-03-10T03:00:00Z"));
    assertThat(r.bucketStarts()).hasSize(25);
  }

  @Test
  void byDefaultSevenDaysInWholeLocalDays() {
    DashboardRange r = DashboardRange.of(null, null, NOW, SHANGHAI);
    assertThat(r.bucket()).isEqualTo(TimeBucket.DAY);
    assertThat(r.from()).isEqualTo(Instant.parse("2026-03-02T16:00:00Z")); // 03-03 00:00 local
    assertThat(r.to()).isEqualTo(Instant.parse("2026-03-10T16:00:00Z"));
    assertThat(r.bucketStarts()).hasSize(8).startsWith(r.from());
  }

  @Test
  void exactlyTwoDaysIsStillHourlyAndDatesIncludeTheWholeLastDay() {
    assertThat(DashboardRange.of("2026-03-08T00:00:00+08:00", "2026-03-10T00:00:00+08:00", NOW,
        SHANGHAI).bucketStarts()).hasSize(48);
    DashboardRange days = DashboardRange.of("2026-03-01", "2026-03-31", NOW, SHANGHAI);
    assertThat(days.bucketStarts()).hasSize(31);
    assertThat(days.to()).isEqualTo(Instant.parse("2026-03-31T16:00:00Z"));
  }

  @Test
  void dailyBucketsFollowTheZonesCalendarAcrossDaylightSaving() {
    DashboardRange r = DashboardRange.of("2026-03-28", "2026-03-30", NOW, ZoneId.of("Europe/Paris"));
    assertThat(r.bucketStarts()).containsExactly(Instant.parse("2026-03-27T23:00:00Z"),
        Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"));
  }

  @Test
  void ninetyTwoDaysAtMostAndNeverAnEmptyRange() {
    assertThat(DashboardRange.of("2026-01-01", "2026-04-02", NOW, SHANGHAI).bucketStarts())
        .hasSize(92);
    assertThatThrownBy(() -> DashboardRange.of("2026-01-01", "2026-04-03", NOW, SHANGHAI))
        .hasMessage("the range is longer than 92 days");
    assertThatThrownBy(() -> DashboardRange.of("2026-03-05", "2026-03-04", NOW, SHANGHAI))
        .hasMessageStartingWith("from (2026-03-04T16:00:00Z) must be before to");
    assertThatThrownBy(() -> DashboardRange.of("last week", null, NOW, SHANGHAI))
        .hasMessageContaining("from must be a date");
  }
}
