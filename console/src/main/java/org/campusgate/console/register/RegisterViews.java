package org.campusgate.console.register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campusgate.policy.apps.Evidence;

/** What the register API answers, as JSON records. */
public final class RegisterViews {
  private RegisterViews() {}

  /** An app of the catalogue. */
  public record AppView(String id, String name, String kind, String filingNumber, String category,
      List<String> features, List<String> domains, List<String> sniPatterns,
      List<String> urlPrefixes, List<String> ipRanges, Instant updatedAt, String updatedBy) {}

  /** A provider filing: the version in force now (else the newest), and how many there are. */
  public record ProviderFilingView(String filingNumber, int version, int versions, String appName,
      List<String> aliases, String form, String providerName, String creditCode,
      String providerType, String authority, String icpNumber, String mlpsNumber, int mlpsLevel,
      String category, List<String> features, String trainingLicence, String status,
      String statusReason, LocalDate mayRefileFrom, Map<String, String> provincialLists,
      String source, Instant effectiveFrom, Instant recordedAt, String recordedBy,
      List<String> apps) {}

  /** A provider filing with every version, oldest first. */
  public record ProviderHistoryView(ProviderFilingView current, List<ProviderFilingView> history) {}

  /** One step of a user filing's history. */
  public record UserStep(int version, String status, String note, Instant effectiveFrom,
      String recordedBy) {}

  /** A school's filing of an app: its newest version, and (in lists of one school) its history. */
  public record UserFilingView(String id, int version, String schoolId, String appId,
      String appName, String supervisingDept, String filingNumber, String origin, String usage,
      boolean chargesStudents, boolean linkedToGrades, Evidence evidence,
      boolean evidenceComplete, Set<String> scope, String windows, String status, String note,
      String confirmedBy, Instant confirmedAt, LocalDate validFrom, LocalDate validTo,
      Instant effectiveFrom, String recordedBy, List<UserStep> history) {}

  /** What runs out soon: user filings ending within the days, providers taken offline. */
  public record ExpiringView(int days, LocalDate from, LocalDate to,
      List<UserFilingView> userFilings, List<ProviderFilingView> suspended) {}

  /** A school with a filing for an app whose provider filing was revoked. */
  public record AffectedSchool(String schoolId, String filingId, String appId, String status) {}

  /** A provider filing that turned revoked, cancelled or blacklisted in the month. */
  public record RevokedView(String filingNumber, String appName, String status, String reason,
      Instant effectiveFrom, List<String> apps, List<AffectedSchool> affected) {}

  /**
   * The register's state.
   *
   * @param school the school the staleness is judged for
   * @param liveRevision the revision that school's running gateway decides with, or null
   * @param stale whether the school's policy treats the filing data as stale now
   */
  public record StatusView(long revision, Instant lastUpdate, String lastSyncSource,
      Instant changedAt, String changedBy, String school, int staleAfterDays, boolean stale,
      Long liveRevision, int apps, int providerFilings, int userFilings) {}
}
