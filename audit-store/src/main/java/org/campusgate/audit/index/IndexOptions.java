package org.campusgate.audit.index;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Tuning of an {@link EventIndex}.
 *
 * @param ramBufferMb the writers' RAM buffer before a flush, shared by all open days (16..2048)
 * @param maxOpenWriters how many day writers stay open at once; a soft bound enforced at commit
 *     (a writer holding uncommitted events is never closed before it is committed)
 * @param maxOpenReaders how many read-only days (no writer) keep a reader open between queries
 * @param idleAfter a clean day writer with no add for this long is closed at the next commit
 * @param clock the time source for idleness (tests pass a fixed one)
 */
public record IndexOptions(
    double ramBufferMb, int maxOpenWriters, int maxOpenReaders, Duration idleAfter,
    InstantSource clock) {

  public IndexOptions {
    if (!(ramBufferMb >= 16 && ramBufferMb <= 2048)) {
      throw new IllegalArgumentException("ramBufferMb must be 16..2048, was " + ramBufferMb);
    }
    if (maxOpenWriters < 1 || maxOpenWriters > 64) {
      throw new IllegalArgumentException("maxOpenWriters must be 1..64, was " + maxOpenWriters);
    }
    if (maxOpenReaders < 1 || maxOpenReaders > 4096) {
      throw new IllegalArgumentException("maxOpenReaders must be 1..4096, was " + maxOpenReaders);
    }
    Objects.requireNonNull(idleAfter, "idleAfter");
    Objects.requireNonNull(clock, "clock");
    if (idleAfter.isNegative()) {
      throw new IllegalArgumentException("idleAfter must not be negative");
    }
  }

  /** 128 MB buffer, 3 writers (today, yesterday, a straggler), 62 readers, idle after 15 min. */
  public static IndexOptions defaults() {
    return new IndexOptions(128, 3, 62, Duration.ofMinutes(15), InstantSource.system());
  }

  public IndexOptions withClock(InstantSource c) {
    return new IndexOptions(ramBufferMb, maxOpenWriters, maxOpenReaders, idleAfter, c);
  }

  public IndexOptions withIdleAfter(Duration d) {
    return new IndexOptions(ramBufferMb, maxOpenWriters, maxOpenReaders, d, clock);
  }
}
