package org.campusgate.gateway.upstream;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * How long DNS answers are cached, with the semantics of Netty's {@code DefaultDnsCache}: an
 * answer lives for its record TTL clamped to {@code [min, max]}; a failed lookup for {@code
 * negative} (zero: failures are not cached).
 */
public record DnsTtls(Duration min, Duration max, Duration negative) {

  public DnsTtls {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(negative, "negative");
    if (min.isNegative() || max.isZero() || max.isNegative() || min.compareTo(max) > 0
        || negative.isNegative()) {
      throw new IllegalArgumentException("DNS TTLs must satisfy 0 <= min <= max, 0 < max, "
          + "negative >= 0: " + min + ", " + max + ", " + negative);
    }
  }

  /** The lifetime of an answer whose record said {@code recordTtlSeconds}. */
  long answerNanos(long recordTtlSeconds) {
    long record = TimeUnit.SECONDS.toNanos(Math.max(0, recordTtlSeconds)); // saturates
    return Math.max(min.toNanos(), Math.min(max.toNanos(), record));
  }

  /** The lifetime of a failed lookup; 0 when failures are not cached. */
  long negativeNanos() {
    return negative.toNanos();
  }
}
