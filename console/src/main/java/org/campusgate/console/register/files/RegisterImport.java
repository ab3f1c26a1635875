package org.campusgate.console.register.files;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.InvalidRegisterException;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UserFiling;

/**
 * Checks the tables read from one file as a whole, in order: each row's cells, duplicate keys,
 * references (to this file or the existing register), then builds the register and puts each
 * of its problems back on the row it came from.
 */
final class RegisterImport {
  /** {@code app ketang: domains[1]: ...}, {@code app 'x y': ...}, {@code user filing uf-1: ...}. */
  private static final Pattern PROBLEM =
      Pattern.compile("^(app|user filing) '?([^':]+)'?: (?:(\\w+)\\[\\d+\\]: )?(.*)$");
  private static final Map<String, String> FINGERPRINT_COLUMNS = Map.of(
      "domains", "domains", "sni", "sni_patterns", "urls", "url_prefixes", "ips", "ip_ranges");

  /** One data row on its way through the checks. */
  private static final class Entry {
    final Table table;
    final RecordParser.Parsed<?> parsed;
    final List<RowError> errors = new ArrayList<>();

    Entry(Table table, RecordParser.Parsed<?> parsed) {
      this.table = table;
      this.parsed = parsed;
      errors.addAll(parsed.raw().problems());
      errors.addAll(parsed.errors());
    }

    RawRow raw() {
      return parsed.raw();
    }

    String cell(String column) {
      return raw().cells().get(column);
    }

    void error(String column, String message) {
      errors.add(new RowError(raw().source(), raw().row(), column, message));
    }
  }

  private final String fileName;
  private final AppRegister existing;
  private final Instant importedAt;
  private final RecordParser parser;
  private final List<Entry> entries = new ArrayList<>();
  private final List<RowError> fileErrors = new ArrayList<>();

  RegisterImport(String fileName, AppRegister existing, Instant importedAt) {
    this.fileName = fileName;
    this.existing = existing;
    this.importedAt = importedAt;
    this.parser = new RecordParser(existing.zone(), importedAt, fileName);
  }

  ImportReport run(List<RawTable> tables) {
    for (RawTable t : tables) {
      fileErrors.addAll(t.errors());
      for (RawRow row : t.rows()) {
        entries.add(new Entry(t.table(), switch (t.table()) {
          case APPS -> parser.app(row);
          case PROVIDER_FILINGS -> parser.providerFiling(row);
          case USER_FILINGS -> parser.userFiling(row);
          case REVOCATIONS -> throw new IllegalArgumentException("not a register table: " + t.table());
        }));
      }
    }
    if (tables.stream().allMatch(t -> t.rows().isEmpty()) && fileErrors.isEmpty()) {
      fileErrors.add(new RowError(fileName, 0, null, "no rows to import"));
    }
    duplicates(Table.APPS, "id");
    duplicates(Table.PROVIDER_FILINGS, "filing_number and effective_from");
    duplicates(Table.USER_FILINGS, "id and effective_from");
    references();

    List<App> apps = records(Table.APPS, App.class);
    List<ProviderFiling> providers = records(Table.PROVIDER_FILINGS, ProviderFiling.class);
    List<UserFiling> users = records(Table.USER_FILINGS, UserFiling.class);
    AppRegister register = null;
    if (errorCount() == 0) {
      try {
        register = RegisterMerge.merge(existing, apps, providers, users, importedAt, existing.revision() + 1);
      } catch (InvalidRegisterException e) {
        e.problems().forEach(this::placeProblem);
      }
    }
    List<ImportReport.RowOutcome> outcomes = new ArrayList<>();
    List<RowError> all = new ArrayList<>(fileErrors);
    for (Entry e : entries) {
      outcomes.add(new ImportReport.RowOutcome(e.table, e.raw().source(), e.raw().row(), e.parsed.key(), e.errors));
      all.addAll(e.errors);
    }
    int total = all.size();
    List<RowError> kept = total > Limits.MAX_ERRORS ? all.subList(0, Limits.MAX_ERRORS) : all;
    return new ImportReport(fileName, outcomes, kept, total, apps, providers, users, register);
  }

  private int errorCount() {
    return fileErrors.size() + entries.stream().mapToInt(e -> e.errors.size()).sum();
  }

  private void duplicates(Table table, String what) {
    Map<String, Entry> first = new HashMap<>();
    for (Entry e : entries) {
      if (e.table != table || e.parsed.record() == null) {
        continue;
      }
      Entry earlier = first.putIfAbsent(e.parsed.key(), e);
      if (earlier != null) {
        e.error(null, "duplicate row: the same " + what + " as row " + earlier.raw().row()
            + " (" + e.parsed.key() + ")");
      }
    }
  }

  private void references() {
    // Raw cells, so a row rejected for another reason does not also make its references unknown.
    Set<String> numbers = new HashSet<>(existing.providerFilingNumbers());
    Set<String> appIds = new HashSet<>();
    existing.apps().forEach(a -> appIds.add(a.id()));
    for (Entry e : entries) {
      if (e.table == Table.PROVIDER_FILINGS && e.cell("filing_number") != null) {
        numbers.add(e.cell("filing_number"));
      } else if (e.table == Table.APPS && e.cell("id") != null) {
        appIds.add(e.cell("id"));
      }
    }
    for (Entry e : entries) {
      if (e.table == Table.PROVIDER_FILINGS) {
        continue;
      }
      String number = e.cell("filing_number");
      if (number != null && !numbers.contains(number)) {
        e.error("filing_number", "unknown filing number '" + HeaderMap.shorten(number)
            + "' (not in the provider_filings table, nor in the register)");
      }
      String appId = e.cell("app_id");
      if (e.table == Table.USER_FILINGS && appId != null && !appIds.contains(appId)) {
        e.error("app_id", "unknown app '" + HeaderMap.shorten(appId)
            + "' (not in the apps table, nor in the register)");
      }
    }
  }

  /** Puts a problem of the register build on the app's or user filing's row when it names one. */
  private void placeProblem(String problem) {
    Matcher m = PROBLEM.matcher(problem);
    if (m.matches()) {
      Table table = m.group(1).equals("app") ? Table.APPS : Table.USER_FILINGS;
      String id = m.group(2).strip();
      for (Entry e : entries) {
        if (e.table == table && id.equals(e.cell("id"))) {
          e.error(m.group(3) == null ? null : FINGERPRINT_COLUMNS.get(m.group(3)), m.group(4));
          return;
        }
      }
    }
    fileErrors.add(new RowError(fileName, 0, null, problem));
  }

  private <T> List<T> records(Table table, Class<T> type) {
    return entries.stream().filter(e -> e.table == table).map(e -> e.parsed.record())
        .filter(Objects::nonNull).map(type::cast).toList();
  }
}
