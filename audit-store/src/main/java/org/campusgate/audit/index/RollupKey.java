package org.campusgate.audit.index;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.campusgate.audit.AccessEvent;

/**
 * The key of an hourly roll-up row. Missing values are the empty string; groups are sorted and
 * distinct, so one set of groups is one key.
 *
 * @param hourStartMillis the UTC hour the events started in, epoch millis
 */
public record RollupKey(
    long hourStartMillis, String school, List<String> groups, String category, String app,
    String action, String reason) {

  static final long HOUR_MILLIS = 3_600_000L;

  public RollupKey {
    if (Math.floorMod(hourStartMillis, HOUR_MILLIS) != 0) {
      throw new IllegalArgumentException("not the start of an hour: " + hourStartMillis);
    }
    Objects.requireNonNull(school, "school");
    groups = normalizeGroups(groups);
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(app, "app");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  static RollupKey of(AccessEvent e) {
    long hour = Math.floorDiv(e.timestamp().toEpochMilli(), HOUR_MILLIS) * HOUR_MILLIS;
    return new RollupKey(hour, e.schoolId(), e.groups(), orEmpty(e.category()),
        orEmpty(e.appId()), e.action(), e.reason());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static List<String> normalizeGroups(List<String> groups) {
    List<String> g = List.copyOf(groups); // no copy when already immutable
    for (int i = 1; i < g.size(); i++) {
      if (g.get(i - 1).compareTo(g.get(i)) >= 0) {
        return List.copyOf(new TreeSet<>(g)); // rare: unsorted or repeated
      }
    }
    return g;
  }
}
