package org.campusgate.console.register.files;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.ProviderFiling;

/**
 * What a revocation/blacklist file changes: the new provider filing versions, the apps and
 * schools they affect, and every problem. All or nothing, as {@link ImportReport}: without
 * {@link #ok()} there are no changes and no register.
 */
public final class RevocationReport {
  /**
   * The apps and schools one status change reaches.
   *
   * @param filingNumber the provider filing
   * @param status its new status
   * @param appIds the catalogue apps registered under it
   * @param schools the schools with a user filing (any status) for one of them
   */
  public record Affected(String filingNumber, FilingStatus status, List<String> appIds, Set<String> schools) {
    public Affected {
      appIds = List.copyOf(appIds);
      schools = Set.copyOf(schools);
    }
  }

  private final String fileName;
  private final List<RowError> errors;
  private final int errorCount;
  private final List<ProviderFiling> changes;
  private final List<Affected> affected;
  private final AppRegister register;

  RevocationReport(String fileName, List<RowError> errors, int errorCount, List<ProviderFiling> changes,
      List<Affected> affected, AppRegister register) {
    this.fileName = fileName;
    this.errors = List.copyOf(errors);
    this.errorCount = errorCount;
    boolean ok = errorCount == 0 && register != null;
    this.changes = ok ? List.copyOf(changes) : List.of();
    this.affected = ok ? List.copyOf(affected) : List.of();
    this.register = ok ? register : null;
  }

  public String fileName() {
    return fileName;
  }

  public boolean ok() {
    return register != null;
  }

  /** Every problem, at most {@value Limits#MAX_ERRORS}. */
  public List<RowError> errors() {
    return errors;
  }

  public int errorCount() {
    return errorCount;
  }

  /** The new provider filing versions, in file order; empty unless {@link #ok()}. */
  public List<ProviderFiling> changes() {
    return changes;
  }

  /** Per change, the apps and schools it reaches; empty unless {@link #ok()}. */
  public List<Affected> affected() {
    return affected;
  }

  /** The register with the changes in force (revision one higher); empty unless {@link #ok()}. */
  public Optional<AppRegister> register() {
    return Optional.ofNullable(register);
  }
}
