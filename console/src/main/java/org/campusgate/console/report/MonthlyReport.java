package org.campusgate.console.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

/**
 * A month's inspection report (RULES.md §6) for the district or one school: plain data computed
 * once, then laid out as HTML, PDF and CSV. Texts are not in it: kinds and codes are, and the
 * layout looks them up in the reader's language.
 *
 * @param header who, when, what it covers and how fresh its data is
 * @param summary the district's figures
 * @param schools one section per school, in the order of their ids
 * @param district what concerns the whole installation rather than one school
 * @param findings every finding, district ones first, then by school
 * @param proposals schools proposed for the bulletin or a summons, with the rule that triggered it
 */
public record MonthlyReport(Header header, Summary summary, List<SchoolSection> schools,
    DistrictCompliance district, List<Finding> findings, List<Proposal> proposals) {

  /**
   * @param district the district's name
   * @param month the month inspected
   * @param zone the zone the month's days follow
   * @param school the one school the report is limited to, or null for all
   * @param inspector who made it
   * @param generatedAt when it was made
   * @param registerSyncedAt the learning-app register's last filing sync, or null when never
   * @param registerRevision the register revision the report read
   */
  public record Header(String district, YearMonth month, ZoneId zone, String school,
      String inspector, Instant generatedAt, Instant registerSyncedAt, long registerRevision) {}

  /**
   * @param schools how many schools the report covers
   * @param compliantSchools how many have no finding this month
   * @param events access events in the month, all schools
   * @param blocked of which blocked
   * @param topProblems finding kinds by how many schools have them, most first
   */
  public record Summary(int schools, int compliantSchools, long events, long blocked,
      List<ProblemCount> topProblems) {}

  /** A finding kind and how many schools (and findings) have it. */
  public record ProblemCount(FindingKind kind, int schools, int findings) {}

  /** Why a school is proposed for the bulletin or a summons. */
  public enum ProposalAction { BULLETIN, SUMMONS }

  /** The rules that propose a school. */
  public enum ProposalRule {
    /** An item raised two or more months ago is still not closed: summons. */
    UNRECTIFIED_TWO_MONTHS,
    /** An item raised last month is still not closed: bulletin. */
    UNRECTIFIED_LAST_MONTH,
    /** Students used unfiled learning apps this month: bulletin. */
    UNFILED_APP_USE,
    /** The school's logs are incomplete or failed verification this month: bulletin. */
    LOG_NONCOMPLIANT
  }

  /** A proposal, with the items (ids) or finding kinds behind it. */
  public record Proposal(String schoolId, ProposalAction action, ProposalRule rule,
      List<Long> itemIds) {}

  /**
   * One school's section.
   *
   * @param lastEvent the newest event of the school in the store at report time, or null
   * @param compliant whether the school has no finding this month
   * @param carriedOver last months' items and their status now
   * @param newItems the items this month's findings raised
   */
  public record SchoolSection(String schoolId, String name, Instant lastEvent, Traffic traffic,
      List<DayTraffic> daily, List<AppUse> apps, List<UnfiledUse> unfiledUse,
      List<RevokedFiling> revoked, List<UniformAppIssue> uniformApps,
      List<MissingEvidence> missingEvidence, List<Count> blocksByReason,
      List<Count> blocksByCategory, List<Count> bypassAttempts, List<Count> topHosts,
      LogCompliance log, List<Finding> findings, List<RectificationItem> carriedOver,
      List<RectificationItem> newItems, boolean compliant) {}

  /**
   * @param identified events with a known user
   * @param realNameCoverage identified / events, 0..1 (1 when there were no events)
   */
  public record Traffic(long events, long allowed, long blocked, long authRequired,
      long identified, double realNameCoverage) {}

  /** A day's events. */
  public record DayTraffic(LocalDate day, long allowed, long blocked) {}

  /** A key (reason code, category, host) and how often. */
  public record Count(String key, long count) {}

  /**
   * A learning app seen in the school's traffic.
   *
   * @param filed whether a confirmed school filing was in force at the month's end
   */
  public record AppUse(String appId, String appName, String providerFiling, boolean filed,
      long events, long blocked) {}

  /** Requests to an app the school may not use, by the reason code and the groups affected. */
  public record UnfiledUse(String appId, String appName, String reason, long count,
      List<Count> groups) {}

  /** A provider filing revoked during the month, for an app the school had filed. */
  public record RevokedFiling(String appId, String appName, String filingNumber,
      LocalDate revokedOn, String reason) {}

  /** A uniformly required app with fees, ads or games (the feature names). */
  public record UniformAppIssue(String appId, String appName, List<String> features,
      long chargesBlocked) {}

  /** A confirmed school filing that lacks evidence: which of consultation, decisionMinutes, dataAgreement. */
  public record MissingEvidence(String filingId, String appId, String appName,
      List<String> missing) {}

  /**
   * The school's log compliance.
   *
   * @param oldestEvent the school's oldest retained event, or null
   * @param floor now minus six calendar months: events since then must be kept
   * @param floorMet whether the retained events reach back to the floor (or to the school's
   *     first day in the store)
   * @param noEventDays days with no events at all
   * @param gaps silent stretches in hours the school is usually busy
   * @param logAccess looks at persons' logs of this school, with their case references
   */
  public record LogCompliance(Instant oldestEvent, Instant floor, boolean floorMet,
      List<LocalDate> noEventDays, List<Gap> gaps, List<LogAccess> logAccess) {}

  /** A silent stretch, [from, to). */
  public record Gap(Instant from, Instant to) {}

  /** One look at persons' logs, from the admin log. */
  public record LogAccess(long logId, Instant at, String actor, String action, String target,
      String caseRef, String reason) {}

  /**
   * What concerns the whole installation: the audit store's integrity, each day verified; the
   * clock and the store's availability, from the health watch.
   *
   * @param daysVerified days of the month verified
   * @param integrityFailures the days whose verification failed
   * @param clockDrift periods the clock drifted beyond its bound
   * @param auditDowntime periods the audit store was unavailable
   * @param oldestEvent the store's oldest retained event, or null when empty
   * @param logAccess looks at persons' logs not kept to one school (district-wide searches)
   */
  public record DistrictCompliance(int daysVerified, List<IntegrityDay> integrityFailures,
      List<HealthAlert> clockDrift, List<HealthAlert> auditDowntime, Instant oldestEvent,
      List<LogAccess> logAccess) {}

  /** A day whose verification failed: how many problems, the first few as sentences. */
  public record IntegrityDay(LocalDate day, long recordsChecked, int problemCount,
      List<String> problems) {}

  /** A period a health check was unhealthy, [from, to); {@code to} null while it still is. */
  public record HealthAlert(String check, Instant from, Instant to, String message) {}

  /** The findings of one school. */
  public List<Finding> findingsOf(String schoolId) {
    return findings.stream().filter(f -> schoolId.equals(f.schoolId())).toList();
  }
}
