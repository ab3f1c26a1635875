package org.campusgate.policy;

/** Something a decision raises beyond its answer, for the district to see (RULES.md §3). */
public enum AppNotice {
  /** A uniformly required app charges students: blocked, and the district is alerted (step 4). */
  UNIFORM_CHARGES_ALERT,
  /** A recommended app is tied to grades or awards: allowed, and an inspection finding (step 4). */
  GRADES_LINK_FINDING,
  /** The filing data is stale: minors fail closed until it is synchronised (step 8). */
  REGISTER_STALE_ALERT
}
