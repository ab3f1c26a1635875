package org.campusgate.policy;

import java.time.Instant;
import org.campusgate.policy.document.Fallthrough;
import org.campusgate.policy.schedule.Schedule;

/** A rule ready for evaluation: group bit set (null = everyone), schedule, category masks. */
record CompiledRule(
    String id,
    long[] groups,
    Schedule schedule,
    Fallthrough outside,
    CategoryMask allow,
    CategoryMask block,
    Fallthrough otherwise) {

  boolean appliesTo(long[] userGroups) {
    if (groups == null) {
      return true;
    }
    for (int i = 0; i < groups.length; i++) {
      if ((groups[i] & userGroups[i]) != 0) {
        return true;
      }
    }
    return false;
  }

  boolean inSchedule(Instant t) {
    return schedule == null || schedule.isActive(t);
  }
}
