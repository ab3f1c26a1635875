package org.campusgate.policy.apps;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One version of a provider filing (提供者备案, RULES.md §2). A filing's history is a list of
 * versions: each holds from {@code effectiveFrom} until the next version's; {@code recordedAt}
 * says when we learnt it. A decision at time t uses the version in force at t.
 *
 * @param filingNumber the platform's filing number (free text)
 * @param appName the filed app name
 * @param aliases other names
 * @param form the app's form
 * @param providerName the provider
 * @param creditCode the provider's unified social credit code
 * @param providerType company, institution, ... (free text)
 * @param authority filing authority: a province code or {@code MOE}
 * @param icpNumber ICP filing number, or null when missing
 * @param mlpsNumber graded-protection (等保) filing number, or null when missing
 * @param mlpsLevel graded-protection level, 0 when unknown
 * @param category the filed category
 * @param features the filed features
 * @param trainingLicence the training licence number, or null
 * @param status the filing's status
 * @param statusReason why it changed, or null
 * @param mayRefileFrom for revoked or blacklisted providers: when they may file again, or null
 * @param provincialLists per province code, where its own list puts the app
 * @param source where this version came from (platform fetch, import file name, ...)
 * @param effectiveFrom when this version takes effect
 * @param recordedAt when it was recorded
 */
public record ProviderFiling(
    String filingNumber,
    String appName,
    List<String> aliases,
    AppForm form,
    String providerName,
    String creditCode,
    String providerType,
    String authority,
    String icpNumber,
    String mlpsNumber,
    int mlpsLevel,
    AppCategory category,
    Set<AppFeature> features,
    String trainingLicence,
    FilingStatus status,
    String statusReason,
    LocalDate mayRefileFrom,
    Map<String, ProvincialListing> provincialLists,
    String source,
    Instant effectiveFrom,
    Instant recordedAt) {

  public ProviderFiling {
    Objects.requireNonNull(filingNumber, "filingNumber");
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    form = form == null ? AppForm.APP : form;
    icpNumber = blankToNull(icpNumber);
    mlpsNumber = blankToNull(mlpsNumber);
    category = category == null ? AppCategory.OTHER : category;
    features = features == null ? Set.of() : Set.copyOf(features);
    trainingLicence = blankToNull(trainingLicence);
    Objects.requireNonNull(status, "status");
    provincialLists = provincialLists == null ? Map.of() : Map.copyOf(provincialLists);
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    recordedAt = recordedAt == null ? effectiveFrom : recordedAt;
  }

  /** This version with another status from {@code at} (a revocation, a suspension, ...). */
  public ProviderFiling withStatus(FilingStatus next, String reason, Instant at, Instant recorded) {
    return new ProviderFiling(filingNumber, appName, aliases, form, providerName, creditCode,
        providerType, authority, icpNumber, mlpsNumber, mlpsLevel, category, features,
        trainingLicence, next, reason, mayRefileFrom, provincialLists, source, at, recorded);
  }

  public static Builder builder(String filingNumber) {
    return new Builder(filingNumber);
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Builds a version; the filing number, status and effective time are required. */
  public static final class Builder {
    private final String filingNumber;
    private String appName;
    private List<String> aliases = List.of();
    private AppForm form = AppForm.APP;
    private String providerName;
    private String creditCode;
    private String providerType;
    private String authority;
    private String icpNumber;
    private String mlpsNumber;
    private int mlpsLevel;
    private AppCategory category = AppCategory.OTHER;
    private Set<AppFeature> features = Set.of();
    private String trainingLicence;
    private FilingStatus status = FilingStatus.ACTIVE;
    private String statusReason;
    private LocalDate mayRefileFrom;
    private Map<String, ProvincialListing> provincialLists = Map.of();
    private String source;
    private Instant effectiveFrom;
    private Instant recordedAt;

    private Builder(String filingNumber) {
      this.filingNumber = filingNumber;
    }

    public Builder appName(String v) { appName = v; return this; }
    public Builder aliases(List<String> v) { aliases = v; return this; }
    public Builder form(AppForm v) { form = v; return this; }
    public Builder provider(String name, String creditCode) { providerName = name; this.creditCode = creditCode; return this; }
    public Builder providerType(String v) { providerType = v; return this; }
    public Builder authority(String v) { authority = v; return this; }
    public Builder icp(String v) { icpNumber = v; return this; }
    public Builder mlps(String number, int level) { mlpsNumber = number; mlpsLevel = level; return this; }
    public Builder category(AppCategory v) { category = v; return this; }
    public Builder features(Set<AppFeature> v) { features = v; return this; }
    public Builder trainingLicence(String v) { trainingLicence = v; return this; }
    public Builder status(FilingStatus v) { status = v; return this; }
    public Builder statusReason(String v) { statusReason = v; return this; }
    public Builder mayRefileFrom(LocalDate v) { mayRefileFrom = v; return this; }
    public Builder provincialLists(Map<String, ProvincialListing> v) { provincialLists = v; return this; }
    public Builder source(String v) { source = v; return this; }
    public Builder effectiveFrom(Instant v) { effectiveFrom = v; return this; }
    public Builder recordedAt(Instant v) { recordedAt = v; return this; }

    public ProviderFiling build() {
      return new ProviderFiling(filingNumber, appName, aliases, form, providerName, creditCode,
          providerType, authority, icpNumber, mlpsNumber, mlpsLevel, category, features,
          trainingLicence, status, statusReason, mayRefileFrom, provincialLists, source,
          effectiveFrom, recordedAt);
    }
  }
}
