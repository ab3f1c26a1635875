package org.campusgate.policy.apps;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.campusgate.policy.schedule.DateRange;
import org.campusgate.policy.schedule.Schedule;
import org.campusgate.policy.schedule.TimeWindow;

/**
 * A school's settings for the learning-app rules (the {@code apps:} section of its policy).
 *
 * @param province the school's province code, for provincial lists; null for none
 * @param whitelistRequired whether the province requires apps to be on its white list
 * @param minorGroups the groups of minors (students): game hours and stale-data fail-closed
 *     apply to them
 * @param trainingEnds when online training ends (21:00 by the rules)
 * @param trainingResumes when it may start again in the morning
 * @param gamesBanned whether the school network offers no games to minors at all (the default)
 * @param gameHours when minors may play by law (Fri, Sat, Sun and holidays 20:00–21:00)
 * @param staleAfterDays filing data older than this many days fails closed for minors; 0 = never
 */
public record AppRules(
    String province,
    boolean whitelistRequired,
    Set<String> minorGroups,
    LocalTime trainingEnds,
    LocalTime trainingResumes,
    boolean gamesBanned,
    Schedule gameHours,
    int staleAfterDays) {

  public static final LocalTime TRAINING_ENDS = LocalTime.of(21, 0);
  public static final LocalTime TRAINING_RESUMES = LocalTime.of(6, 0);
  public static final int STALE_AFTER_DAYS = 30;

  public AppRules {
    minorGroups = Set.copyOf(minorGroups);
    Objects.requireNonNull(trainingEnds, "trainingEnds");
    Objects.requireNonNull(trainingResumes, "trainingResumes");
    Objects.requireNonNull(gameHours, "gameHours");
    if (staleAfterDays < 0) {
      throw new IllegalArgumentException("staleAfterDays must be >= 0");
    }
  }

  /** The defaults: minors are the {@code students} group, no games, 21:00, 30 days. */
  public static AppRules defaults(ZoneId zone) {
    return new AppRules(null, false, Set.of("students"), TRAINING_ENDS, TRAINING_RESUMES, true,
        legalGameHours(zone, List.of(), List.of()), STALE_AFTER_DAYS);
  }

  /**
   * Friday, Saturday, Sunday and statutory holidays, 20:00–21:00; make-up working days count as
   * working days.
   */
  public static Schedule legalGameHours(ZoneId zone, List<DateRange> holidays, List<DateRange> makeUpWorkdays) {
    List<TimeWindow> hour = List.of(TimeWindow.parse("20:00-21:00"));
    Schedule.Builder b = Schedule.builder("minor-game-hours", zone)
        .weekly(Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), hour);
    holidays.forEach(d -> b.exception(d, hour));
    makeUpWorkdays.forEach(b::closed);
    return b.build();
  }

  /** Whether a user of these groups is a minor for the rules. */
  public boolean isMinor(Set<String> groups) {
    for (String g : groups) {
      if (minorGroups.contains(g)) {
        return true;
      }
    }
    return false;
  }
}
