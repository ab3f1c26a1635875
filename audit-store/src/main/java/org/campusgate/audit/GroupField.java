package org.campusgate.audit;

/** The keyword fields an aggregate can group by. */
public enum GroupField {
  SCHOOL,
  /** Each of a user's groups counts once: an event of a user in two groups is in both rows. */
  GROUP,
  USER,
  HOST,
  CATEGORY,
  APP,
  ACTION,
  REASON,
  RULE
}
