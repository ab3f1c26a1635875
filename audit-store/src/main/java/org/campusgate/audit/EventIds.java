package org.campusgate.audit;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Makes time-ordered event ids (UUID version 7, RFC 9562): 48 bits of Unix milliseconds, then
 * random bits, so ids sort by time and can be made on any gateway without coordination.
 */
public final class EventIds {
  private final SecureRandom seeds = new SecureRandom();
  private final Random shared;
  /**
   * Per thread, a fast generator seeded from the operating system's entropy: the event loops make
   * an id per request, and one shared SecureRandom serialised them behind its lock. The ids must
   * be unique, not secret (they carry no authority; the console checks roles), and 74 bits per
   * millisecond from independently seeded streams are.
   */
  private final ThreadLocal<SplittableRandom> perThread =
      ThreadLocal.withInitial(() -> new SplittableRandom(seeds.nextLong()));

  public EventIds() {
    this.shared = null;
  }

  /** With a given source of randomness (tests pass a seeded one for repeatable ids). */
  public EventIds(Random random) {
    this.shared = java.util.Objects.requireNonNull(random, "random");
  }

  /** A new id for an event at {@code time}. */
  public UUID next(Instant time) {
    long millis = time.toEpochMilli();
    long a;
    long b;
    if (shared != null) {
      a = shared.nextInt();
      b = shared.nextLong();
    } else {
      SplittableRandom r = perThread.get();
      a = r.nextInt();
      b = r.nextLong();
    }
    long msb = (millis << 16) | 0x7000L | (a & 0x0FFF);
    long lsb = (b & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
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
