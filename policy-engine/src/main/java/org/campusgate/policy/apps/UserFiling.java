package org.campusgate.policy.apps;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * One version of a school's filing of its use of an app (使用者备案, RULES.md §2). Versions of
 * one filing share its {@code id}; each holds from {@code effectiveFrom} until the next one's,
 * so a withdrawal or a confirmation is a new version and the old ones stay for re-evaluation.
 *
 * @param id the filing's id, unique in the district
 * @param schoolId the school
 * @param supervisingDept the education department that confirms it
 * @param appId the catalogue app
 * @param filingNumber the provider filing it rests on, or null (self-developed apps)
 * @param origin self-selected, self-developed, or required by a superior department
 * @param usage required of everyone, or recommended
 * @param chargesStudents whether students pay for it
 * @param linkedToGrades whether its use is tied to credits, grades or awards
 * @param evidence the documents behind the choice
 * @param scope the groups (roles, grades, classes) it is filed for; empty means everyone
 * @param windows when it may be used ({@code mon-fri 08:00-17:30; sat 09:00-11:00}), or null
 *     for any time
 * @param status where it is in the workflow
 * @param confirmedBy who confirmed it, or null
 * @param confirmedAt when, or null
 * @param validFrom first day it is valid (school's zone), or null for open
 * @param validTo last day it is valid, or null for open
 * @param effectiveFrom when this version takes effect
 * @param recordedAt when it was recorded
 */
public record UserFiling(
    String id,
    String schoolId,
    String supervisingDept,
    String appId,
    String filingNumber,
    FilingOrigin origin,
    UsageMode usage,
    boolean chargesStudents,
    boolean linkedToGrades,
    Evidence evidence,
    Set<String> scope,
    String windows,
    UserFilingStatus status,
    String confirmedBy,
    Instant confirmedAt,
    LocalDate validFrom,
    LocalDate validTo,
    Instant effectiveFrom,
    Instant recordedAt) {

  public UserFiling {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(schoolId, "schoolId");
    Objects.requireNonNull(appId, "appId");
    filingNumber = ProviderFiling.blankToNull(filingNumber);
    origin = origin == null ? FilingOrigin.SELF_SELECTED : origin;
    usage = usage == null ? UsageMode.RECOMMENDED : usage;
    evidence = evidence == null ? Evidence.none() : evidence;
    scope = scope == null ? Set.of() : Set.copyOf(scope);
    windows = ProviderFiling.blankToNull(windows);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
    recordedAt = recordedAt == null ? effectiveFrom : recordedAt;
  }

  /** The next version: another status from {@code at}, e.g. a confirmation or a withdrawal. */
  public UserFiling withStatus(UserFilingStatus next, String by, Instant at) {
    boolean confirming = next == UserFilingStatus.CONFIRMED;
    return new UserFiling(id, schoolId, supervisingDept, appId, filingNumber, origin, usage,
        chargesStudents, linkedToGrades, evidence, scope, windows, next,
        confirming ? by : confirmedBy, confirming ? at : confirmedAt, validFrom, validTo, at, at);
  }

  public static Builder builder(String id, String schoolId, String appId) {
    return new Builder(id, schoolId, appId);
  }

  /** Builds a version; id, school, app, status and effective time are required. */
  public static final class Builder {
    private final String id;
    private final String schoolId;
    private final String appId;
    private String supervisingDept;
    private String filingNumber;
    private FilingOrigin origin = FilingOrigin.SELF_SELECTED;
    private UsageMode usage = UsageMode.RECOMMENDED;
    private boolean chargesStudents;
    private boolean linkedToGrades;
    private Evidence evidence = Evidence.none();
    private Set<String> scope = Set.of();
    private String windows;
    private UserFilingStatus status = UserFilingStatus.DRAFT;
    private String confirmedBy;
    private Instant confirmedAt;
    private LocalDate validFrom;
    private LocalDate validTo;
    private Instant effectiveFrom;
    private Instant recordedAt;

    private Builder(String id, String schoolId, String appId) {
      this.id = id;
      this.schoolId = schoolId;
      this.appId = appId;
    }

    public Builder supervisingDept(String v) { supervisingDept = v; return this; }
    public Builder filingNumber(String v) { filingNumber = v; return this; }
    public Builder origin(FilingOrigin v) { origin = v; return this; }
    public Builder usage(UsageMode v) { usage = v; return this; }
    public Builder chargesStudents(boolean v) { chargesStudents = v; return this; }
    public Builder linkedToGrades(boolean v) { linkedToGrades = v; return this; }
    public Builder evidence(Evidence v) { evidence = v; return this; }
    public Builder scope(Set<String> v) { scope = v; return this; }
    public Builder windows(String v) { windows = v; return this; }
    public Builder status(UserFilingStatus v) { status = v; return this; }
    public Builder confirmed(String by, Instant at) { confirmedBy = by; confirmedAt = at; return this; }
    public Builder valid(LocalDate from, LocalDate to) { validFrom = from; validTo = to; return this; }
    public Builder effectiveFrom(Instant v) { effectiveFrom = v; return this; }
    public Builder recordedAt(Instant v) { recordedAt = v; return this; }

    public UserFiling build() {
      return new UserFiling(id, schoolId, supervisingDept, appId, filingNumber, origin, usage,
          chargesStudents, linkedToGrades, evidence, scope, windows, status, confirmedBy,
          confirmedAt, validFrom, validTo, effectiveFrom, recordedAt);
    }
  }
}
