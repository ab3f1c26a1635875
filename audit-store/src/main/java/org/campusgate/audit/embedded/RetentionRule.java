package org.campusgate.audit.embedded;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * How old a record must be before it may be removed. The law (Cybersecurity Law art. 23) keeps
 * network logs at least six calendar months; six months are 181 to 184 days, so the floor is
 * computed on the calendar ("now minus six months" in the school's zone), and a configured
 * retention shorter than the longest six months is refused outright.
 */
public final class RetentionRule {
  /** The longest six calendar months (e.g. 1 July to 31 December + 1 day). */
  public static final int MIN_RETENTION_DAYS = 184;

  public static final int DEFAULT_RETENTION_DAYS = 190;

  private final int retentionDays;
  private final ZoneId zone;

  public RetentionRule(int retentionDays, ZoneId zone) {
    if (retentionDays < MIN_RETENTION_DAYS) {
      throw new IllegalArgumentException("retention of " + retentionDays + " days is below the "
          + "legal floor of six calendar months (at least " + MIN_RETENTION_DAYS + " days)");
    }
    this.retentionDays = retentionDays;
    this.zone = java.util.Objects.requireNonNull(zone, "zone");
  }

  /** Records at or after this instant are inside the legal floor: nothing may remove them. */
  public Instant floor(Instant now) {
    return now.atZone(zone).minusMonths(6).toInstant();
  }

  /** Records strictly before this instant may be removed. Never later than {@link #floor}. */
  public Instant cutoff(Instant now) {
    Instant configured = now.minus(Duration.ofDays(retentionDays));
    Instant floor = floor(now);
    return configured.isBefore(floor) ? configured : floor;
  }

  public int retentionDays() {
    return retentionDays;
  }
}
