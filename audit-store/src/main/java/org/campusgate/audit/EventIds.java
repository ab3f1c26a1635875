package org.campusgate.audit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Makes time-ordered event ids (UUID version 7, RFC 9562): 48 bits of Unix milliseconds, then
 * random bits, so ids sort by time and can be made on any gateway without coordination.
 */
public final class EventIds {
  private final Random random;

  public EventIds() {
    this(new SecureRandom());
  }

  /** With a given source of randomness (tests pass a seeded one for repeatable ids). */
  public EventIds(Random random) {
    this.random = random;
  }

  /** A new id for an event at {@code time}. */
  public UUID next(Instant time) {
    long millis = time.toEpochMilli();
    long msb = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFF);
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** The time (to the millisecond) a version-7 id carries. */
  public static Instant timeOf(UUID id) {
    if (id.version() != 7) {
      throw new IllegalArgumentException("not a version 7 UUID: " + id);
    }
    return Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16);
  }
}
