package org.campusgate.policy.apps;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The history of one record: versions ordered by when they take effect (ties: the one recorded
 * later wins), so the version in force at any instant is a binary search away.
 */
final class Versions<T> {
  private final long[] from;
  private final List<T> values;

  private Versions(long[] from, List<T> values) {
    this.from = from;
    this.values = values;
  }

  static <T> Versions<T> of(List<T> versions, Function<T, Instant> effective, Function<T, Instant> recorded) {
    List<T> sorted = new ArrayList<>(versions);
    sorted.sort(Comparator.comparing(effective).thenComparing(recorded));
    long[] from = new long[sorted.size()];
    for (int i = 0; i < from.length; i++) {
      from[i] = effective.apply(sorted.get(i)).toEpochMilli();
    }
    return new Versions<>(from, List.copyOf(sorted));
  }

  /** The version in force at {@code t}, or null before the first. */
  T at(Instant t) {
    long ms = t.toEpochMilli();
    int lo = 0;
    int hi = from.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (from[mid] <= ms) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found < 0 ? null : values.get(found);
  }

  T latest() {
    return values.get(values.size() - 1);
  }

  List<T> all() {
    return values;
  }
}
