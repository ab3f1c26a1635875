package org.campusgate.console.register;

import java.util.List;
import java.util.Map;

/**
 * The JSON bodies the register API accepts. Enums, dates and times arrive as text and are read
 * by {@link FieldErrors}, so a bad value is a field error (422), not a parse failure.
 */
public final class RegisterInputs {
  private RegisterInputs() {}

  /** An app of the catalogue: what it is and how its traffic is recognised. */
  public record AppInput(String id, String name, String kind, String filingNumber, String category,
      List<String> features, List<String> domains, List<String> sniPatterns,
      List<String> urlPrefixes, List<String> ipRanges) {}

  /** A provider filing as the platform publishes it (its first version). */
  public record ProviderFilingInput(String filingNumber, String appName, List<String> aliases,
      String form, String providerName, String creditCode, String providerType, String authority,
      String icpNumber, String mlpsNumber, Integer mlpsLevel, String category,
      List<String> features, String trainingLicence, String status, String statusReason,
      String mayRefileFrom, Map<String, String> provincialLists, String source,
      String effectiveFrom) {}

  /**
   * A provider filing's new status (a revocation, a suspension, ...).
   *
   * @param effectiveFrom from when (default now), e.g. the day the platform revoked it
   */
  public record StatusInput(String status, String reason, String effectiveFrom,
      String mayRefileFrom, String source) {}

  /** The documents behind a school's choice. */
  public record EvidenceInput(String consultation, String decisionMinutes, String dataAgreement) {}

  /** A school's filing of its use of an app (a draft). */
  public record UserFilingInput(String id, String appId, String supervisingDept,
      String filingNumber, String origin, String usage, Boolean chargesStudents,
      Boolean linkedToGrades, EvidenceInput evidence, List<String> scope, String windows,
      String validFrom, String validTo) {}

  /** Why a workflow step was taken (required to reject; optional otherwise). */
  public record NoteInput(String reason) {}

  /** That the filing data was checked against the platform, and where. */
  public record SyncInput(String source) {}
}
