package org.campusgate.policy.apps;

/** The category of a learning app as its provider filing states it (RULES.md §2). */
public enum AppCategory {
  SCHOOL_MGMT,
  TEACHING,
  HOMEWORK,
  SUBJECT_TRAINING_K9,
  NON_SUBJECT_TRAINING,
  PRESCHOOL_TRAINING,
  HOME_SCHOOL,
  OTHER;

  /** Online training ends at the cut-off hour (RULES.md §3 step 6). */
  public boolean isTraining() {
    return this == SUBJECT_TRAINING_K9 || this == NON_SUBJECT_TRAINING || this == PRESCHOOL_TRAINING;
  }
}
