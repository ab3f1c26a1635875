package org.campusgate.console.report;

/**
 * The problems a monthly inspection finds. Each finding becomes a rectification item; the names
 * are stable strings (stored with the items, keys of the report's texts).
 */
public enum FindingKind {
  /**
   * Students' requests to a learning app the school has not filed (or whose filing is not in
   * force). Subject: the app id. Facts: {@code app} (name), {@code count} (blocked requests, every group),
   * {@code groups} (comma-separated, most first), {@code reasons} (the reason codes).
   */
  UNFILED_APP_USE,
  /**
   * An app whose provider filing was revoked this month is still allowed at the school. Subject:
   * the app id. Facts: {@code app}, {@code filing} (provider filing number), {@code revokedOn}
   * (ISO date), {@code count} (allowed requests from the revocation to the month's end).
   */
  REVOKED_APP_IN_USE,
  /**
   * A uniformly required app with fees, ads or games (RULES.md §1). Subject: the app id. Facts:
   * {@code app}, {@code filing} (the school's filing id), {@code features} (comma-separated of
   * PAYMENTS, ADS, GAMES and CHARGES_STUDENTS), {@code chargesBlocked} (APP_UNIFORM_CHARGES
   * blocks this month).
   */
  UNIFORM_APP_CHARGES,
  /**
   * A confirmed school filing without its evidence. Subject: the filing id. Facts: {@code app},
   * {@code filing}, {@code missing} (comma-separated of consultation, decisionMinutes,
   * dataAgreement).
   */
  MISSING_EVIDENCE,
  /** A day (of a kind that usually has traffic) with no events at all. */
  NO_EVENTS_DAY,
  /** Hours the school is usually busy with no events: the gateway or the uplink was down. */
  INGEST_GAP,
  /** Integrity verification of a day failed (changed, missing or reordered records). */
  INTEGRITY_FAILURE,
  /** The oldest retained event is younger than the six-month floor while older data should exist. */
  RETENTION_BELOW_FLOOR,
  /** The clock drifted beyond its bound (recorded by the health watch). */
  CLOCK_DRIFT,
  /** The audit store was unavailable (recorded by the health watch). */
  AUDIT_DOWNTIME,
  /** Someone looked at a person's logs without a case reference. */
  LOG_ACCESS_WITHOUT_CASE,
  /**
   * Too few requests carry an identified user (real-name coverage below the bound). Subject: the
   * kind's name (one per school). Facts: {@code coverage} (0..1, four decimals), {@code
   * identified}, {@code events}, {@code bound}.
   */
  LOW_REAL_NAME_COVERAGE
}
