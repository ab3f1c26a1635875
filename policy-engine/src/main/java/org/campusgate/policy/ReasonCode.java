package org.campusgate.policy;

/**
 * Why a decision was taken. The names are stable strings: they are shown on block pages, written
 * into audit events and counted in reports. Add codes; never rename one.
 */
public enum ReasonCode {
  ALLOWED,
  ALLOWED_BY_EXCEPTION,
  CATEGORY_BLOCKED,
  URL_BLOCKED,
  OUTSIDE_SCHEDULE,
  /** DoH, VPN, proxies, QUIC: ways around the filter. */
  BYPASS_BLOCKED,
  AUTH_REQUIRED,
  MINOR_GAME_TIME,
  /** Nothing allowed the request and the policy's default is to block (allow-list mode). */
  NOT_ALLOWED,
  APP_PROVIDER_NOT_FILED,
  APP_PROVIDER_BLACKLISTED,
  APP_FILING_REVOKED,
  APP_FILING_SUSPENDED,
  APP_PREREQ_MISSING,
  APP_PROVINCIAL_LIST,
  APP_SHUANGJIAN,
  APP_UNIFORM_NONCOMPLIANT,
  APP_SCHOOL_NOT_FILED,
  APP_SCHOOL_FILING_PENDING,
  APP_UNIFORM_CHARGES,
  APP_OUT_OF_SCOPE,
  APP_AFTER_2100,
  /** The register's filing data is older than the school allows: minors fail closed (step 8). */
  APP_REGISTER_STALE
}
