package org.campusgate.audit.journal;

import java.time.Duration;

/**
 * Keeps a background job to a share of one core: after each piece of work it rests in
 * proportion to the time the piece took. The gateway's event loops share the machine with the
 * store's background jobs; a segment compressed at full speed took a core for about a second and
 * showed up in the gateway's tail latency.
 */
final class Pacer {
  private final double restPerBusy;
  private final long maxRestNanos;

  /**
   * @param share of one core the job may use, in (0, 1]; 1 never rests
   * @param maxRest the longest single rest, so a cancelled job notices soon
   */
  Pacer(double share, Duration maxRest) {
    if (!(share > 0 && share <= 1)) {
      throw new IllegalArgumentException("share must be in (0, 1]: " + share);
    }
    this.restPerBusy = (1 - share) / share;
    this.maxRestNanos = maxRest.toNanos();
  }

  static Pacer unpaced() {
    return new Pacer(1, Duration.ZERO);
  }

  /** How long to rest after {@code busyNanos} of work. */
  long restNanos(long busyNanos) {
    return Math.min(maxRestNanos, (long) (Math.max(0, busyNanos) * restPerBusy));
  }

  /** Rests after {@code busyNanos} of work; returns early (interrupt flag kept) if interrupted. */
  void rest(long busyNanos) {
    long nanos = restNanos(busyNanos);
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
