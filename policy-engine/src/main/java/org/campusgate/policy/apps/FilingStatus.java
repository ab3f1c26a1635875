package org.campusgate.policy.apps;

/** The state of a provider filing on the national platform. */
public enum FilingStatus {
  ACTIVE,
  /** 下线: taken offline pending rectification. */
  OFFLINE_PENDING,
  /** 撤销 */
  REVOKED,
  /** 注销 */
  CANCELLED,
  BLACKLISTED
}
