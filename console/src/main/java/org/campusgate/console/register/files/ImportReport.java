package org.campusgate.console.register.files;

import java.util.List;
import java.util.Optional;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UserFiling;

/**
 * What reading a register file found: every data row with its problems, problems with the file
 * as a whole, and, only when there are none at all, the records and the register they make.
 * All or nothing: when {@link #ok()} is false the record lists are empty and there is no
 * register, so a caller cannot import half a file by mistake.
 */
public final class ImportReport {
  /**
   * One data row.
   *
   * @param table its table
   * @param source its file or sheet
   * @param row its row as a spreadsheet shows it
   * @param key what identifies it (app id; filing number or id with the effective time)
   * @param errors its problems; empty when the row itself is good
   */
  public record RowOutcome(Table table, String source, int row, String key, List<RowError> errors) {
    public RowOutcome {
      errors = List.copyOf(errors);
    }

    public boolean accepted() {
      return errors.isEmpty();
    }
  }

  private final String fileName;
  private final List<RowOutcome> rows;
  private final List<RowError> errors;
  private final int errorCount;
  private final List<App> apps;
  private final List<ProviderFiling> providerFilings;
  private final List<UserFiling> userFilings;
  private final AppRegister register;

  ImportReport(String fileName, List<RowOutcome> rows, List<RowError> errors, int errorCount,
      List<App> apps, List<ProviderFiling> providerFilings, List<UserFiling> userFilings,
      AppRegister register) {
    this.fileName = fileName;
    this.rows = List.copyOf(rows);
    this.errors = List.copyOf(errors);
    this.errorCount = errorCount;
    boolean ok = errorCount == 0 && register != null;
    this.apps = ok ? List.copyOf(apps) : List.of();
    this.providerFilings = ok ? List.copyOf(providerFilings) : List.of();
    this.userFilings = ok ? List.copyOf(userFilings) : List.of();
    this.register = ok ? register : null;
  }

  public String fileName() {
    return fileName;
  }

  /** Whether the file may be imported: no problem in any row or in the file. */
  public boolean ok() {
    return register != null;
  }

  /** Every data row read, in file order, with its own problems. */
  public List<RowOutcome> rows() {
    return rows;
  }

  public long acceptedRows() {
    return rows.stream().filter(RowOutcome::accepted).count();
  }

  public long rejectedRows() {
    return rows.size() - acceptedRows();
  }

  /** Every problem, file-level ones (row 0) included, at most {@value Limits#MAX_ERRORS}. */
  public List<RowError> errors() {
    return errors;
  }

  /** How many problems there are, also those past the ones kept. */
  public int errorCount() {
    return errorCount;
  }

  /** The apps of the file; empty unless {@link #ok()}. */
  public List<App> apps() {
    return apps;
  }

  /** The provider filing versions of the file; empty unless {@link #ok()}. */
  public List<ProviderFiling> providerFilings() {
    return providerFilings;
  }

  /** The user filing versions of the file; empty unless {@link #ok()}. */
  public List<UserFiling> userFilings() {
    return userFilings;
  }

  /**
   * The register after the import (see {@link RegisterMerge}): the existing one passed to the
   * reader with this file's records, its revision one higher; empty unless {@link #ok()}.
   */
  public Optional<AppRegister> register() {
    return Optional.ofNullable(register);
  }
}
