package org.campusgate.console.register.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.InvalidRegisterException;
import org.campusgate.policy.apps.ProviderFiling;

/**
 * Reads the revocation/blacklist CSV a district publishes ({@code filing_number, status, reason,
 * effective_from, may_refile_from}) into new versions of provider filings the register knows:
 * each is the version in force at the change (else the latest) with the new status, reason and
 * re-filing date. A filing number the register does not know is an error.
 */
public final class RevocationFiles {
  private RevocationFiles() {}

  /**
   * @param current the register the changes apply to
   * @param importedAt when they are recorded, and the register's last update
   */
  public static RevocationReport read(InputStream in, String fileName, AppRegister current, Instant importedAt)
      throws IOException {
    String name = fileName == null || fileName.isBlank() ? "revocations.csv" : Path.of(fileName).getFileName().toString();
    byte[] bytes = RegisterFiles.bounded(in);
    RawTable table = bytes == null ? RegisterFiles.tooLarge(name)
        : CsvTables.read(Table.REVOCATIONS, name, bytes, List.of(Table.REVOCATIONS));
    List<RowError> errors = new ArrayList<>(table.errors());
    List<ProviderFiling> changes = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (RawRow row : table.rows()) {
      Cells c = new Cells(row, current.zone());
      String number = c.required("filing_number");
      FilingStatus status = c.requiredChoice("status", FilingStatus.class);
      Instant effective = c.requiredInstant("effective_from");
      LocalDate refile = c.date("may_refile_from");
      List<RowError> problems = new ArrayList<>(row.problems());
      problems.addAll(c.errors());
      if (number != null && current.providerFilingHistory(number).isEmpty()) {
        problems.add(new RowError(row.source(), row.row(), "filing_number",
            "unknown filing number '" + HeaderMap.shorten(number) + "' (not in the register)"));
      }
      if (number != null && effective != null) {
        Integer earlier = seen.putIfAbsent(number + '\n' + effective, row.row());
        if (earlier != null) {
          problems.add(new RowError(row.source(), row.row(), null,
              "duplicate row: the same filing_number and effective_from as row " + earlier));
        }
      }
      if (!problems.isEmpty()) {
        errors.addAll(problems);
        continue;
      }
      ProviderFiling base = current.providerFilingAt(number, effective);
      if (base == null) {
        List<ProviderFiling> history = current.providerFilingHistory(number);
        base = history.get(history.size() - 1);
      }
      ProviderFiling next = base.withStatus(status, c.text("reason"), effective, importedAt);
      changes.add(new ProviderFiling(next.filingNumber(), next.appName(), next.aliases(), next.form(),
          next.providerName(), next.creditCode(), next.providerType(), next.authority(), next.icpNumber(),
          next.mlpsNumber(), next.mlpsLevel(), next.category(), next.features(), next.trainingLicence(),
          next.status(), next.statusReason(), refile, next.provincialLists(), name,
          next.effectiveFrom(), next.recordedAt()));
    }
    if (table.rows().isEmpty() && errors.isEmpty()) {
      errors.add(new RowError(name, 0, null, "no rows to import"));
    }
    AppRegister register = null;
    if (errors.isEmpty()) {
      try {
        register = RegisterMerge.merge(current, List.of(), changes, List.of(), importedAt, current.revision() + 1);
      } catch (InvalidRegisterException e) {
        e.problems().forEach(p -> errors.add(new RowError(name, 0, null, p)));
      }
    }
    List<RevocationReport.Affected> affected = new ArrayList<>();
    for (ProviderFiling change : changes) {
      List<String> apps = new ArrayList<>();
      Set<String> schools = new TreeSet<>();
      for (App app : current.apps()) {
        if (change.filingNumber().equals(app.filingNumber())) {
          apps.add(app.id());
          schools.addAll(current.schoolsFiling(app.id()));
        }
      }
      affected.add(new RevocationReport.Affected(change.filingNumber(), change.status(), apps, schools));
    }
    int total = errors.size();
    return new RevocationReport(name, total > Limits.MAX_ERRORS ? errors.subList(0, Limits.MAX_ERRORS) : errors,
        total, changes, affected, register);
  }
}
