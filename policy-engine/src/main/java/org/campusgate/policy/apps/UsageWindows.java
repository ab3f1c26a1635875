package org.campusgate.policy.apps;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.campusgate.policy.schedule.DaySets;
import org.campusgate.policy.schedule.Schedule;
import org.campusgate.policy.schedule.TimeWindow;

/**
 * The time windows of a user filing as one line of text, {@code mon-fri 08:00-12:00,13:30-17:30;
 * sat 09:00-11:00}, read into a {@link Schedule} with the policy's day and time syntax.
 */
public final class UsageWindows {
  private UsageWindows() {}

  /**
   * Reads {@code text}; null or blank means no limit (returns null).
   *
   * @throws IllegalArgumentException with a message for the admin when it does not read
   */
  public static Schedule parse(String text, ZoneId zone) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Schedule.Builder schedule = Schedule.builder("windows", zone);
    for (String part : text.split(";")) {
      String clause = part.strip();
      if (clause.isEmpty()) {
        continue;
      }
      int space = clause.indexOf(' ');
      if (space < 0) {
        throw new IllegalArgumentException("windows: '" + clause + "' needs days and times, e.g. mon-fri 08:00-17:30");
      }
      try {
        Set<DayOfWeek> days = DaySets.parse(clause.substring(0, space));
        List<TimeWindow> windows = new ArrayList<>();
        for (String w : clause.substring(space + 1).split(",")) {
          windows.add(TimeWindow.parse(w.strip()));
        }
        schedule.weekly(days, windows);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("windows: " + e.getMessage(), e);
      }
    }
    return schedule.build();
  }
}
