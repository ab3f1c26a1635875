package org.campusgate.policy.apps;

/**
 * The workflow of a school's own filing: DRAFT → SUBMITTED → CONFIRMED (by the supervising
 * department, a district admin in the console) or REJECTED; a school may WITHDRAW it at any time.
 */
public enum UserFilingStatus {
  DRAFT,
  SUBMITTED,
  CONFIRMED,
  WITHDRAWN,
  REJECTED
}
