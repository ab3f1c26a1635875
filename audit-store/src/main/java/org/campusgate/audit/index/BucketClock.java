package org.campusgate.audit.index;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.campusgate.audit.TimeBucket;

/**
 * Maps an instant to the start of its time bucket in a zone. Remembers the last bucket, so a
 * run of timestamps in one bucket (the index is sorted by time) costs two comparisons each.
 * Not thread-safe: one per aggregation.
 */
final class BucketClock {
  /** The bucket start of {@link TimeBucket#NONE}. */
  static final long NONE = Long.MIN_VALUE;

  private final TimeBucket bucket;
  private final ZoneId zone;
  private long lo = 1;
  private long hi = 0; // empty range: first call computes

  BucketClock(TimeBucket bucket, ZoneId zone) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  long start(long millis) {
    if (bucket == TimeBucket.NONE) {
      return NONE;
    }
    if (millis >= lo && millis < hi) {
      return lo;
    }
    ZonedDateTime t = Instant.ofEpochMilli(millis).atZone(zone);
    ZonedDateTime start;
    ZonedDateTime end;
    switch (bucket) {
      case HOUR -> {
        start = t.truncatedTo(ChronoUnit.HOURS);
        end = start.plusHours(1);
      }
      case DAY -> {
        LocalDate d = t.toLocalDate();
        start = d.atStartOfDay(zone);
        end = d.plusDays(1).atStartOfDay(zone);
      }
      case MONTH -> {
        LocalDate d = t.toLocalDate().withDayOfMonth(1);
        start = d.atStartOfDay(zone);
        end = d.plusMonths(1).atStartOfDay(zone);
      }
      default -> throw new IllegalStateException("unknown bucket " + bucket);
    }
    lo = start.toInstant().toEpochMilli();
    hi = end.toInstant().toEpochMilli();
    if (millis < lo || millis >= hi) { // DST overlap quirks: do not cache a range not holding t
      long s = lo;
      lo = 1;
      hi = 0;
      return s;
    }
    return lo;
  }
}
