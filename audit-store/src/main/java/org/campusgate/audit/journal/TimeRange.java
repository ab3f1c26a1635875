package org.campusgate.audit.journal;

import java.time.Instant;

/** A min/max accumulator of record timestamps kept as (seconds, nanos) to avoid allocation. */
final class TimeRange {
  long minSec = Long.MAX_VALUE;
  int minNano;
  long maxSec = Long.MIN_VALUE;
  int maxNano;

  void add(long sec, int nano) {
    if (sec < minSec || sec == minSec && nano < minNano) {
      minSec = sec;
      minNano = nano;
    }
    if (sec > maxSec || sec == maxSec && nano > maxNano) {
      maxSec = sec;
      maxNano = nano;
    }
  }

  boolean isEmpty() {
    return minSec == Long.MAX_VALUE && maxSec == Long.MIN_VALUE;
  }

  static Instant instant(long sec, int nano) {
    try {
      return Instant.ofEpochSecond(sec, nano);
    } catch (RuntimeException e) {
      return null; // a damaged header; the scanner reports the record itself
    }
  }
}
