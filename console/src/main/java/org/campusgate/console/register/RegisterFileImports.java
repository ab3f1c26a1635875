package org.campusgate.console.register;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.campusgate.console.register.files.ImportReport;
import org.campusgate.console.register.files.RevocationReport;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UserFiling;

/**
 * Applies a checked register file or revocation list to the stored register: everything in one
 * {@link RegisterService#change} (one transaction, one new revision, one admin-log entry, then in
 * force in the gateways), with the file's name as the sync source. New apps are inserted,
 * changed ones updated; filing versions are appended. Records the register holds already, the
 * same but for when they were recorded, are left alone, so importing a file twice changes
 * nothing but the revision and the sync time.
 */
public final class RegisterFileImports {
  /**
   * What one table of an import did.
   *
   * @param inFile the records the file holds
   * @param added new apps or filing versions
   * @param updated apps whose fields changed (always 0 for filings: versions are appended)
   * @param unchanged records the register held already
   */
  public record TableCount(int inFile, int added, int updated, int unchanged) {}

  /** The answer to an import: the new revision and the counts per table. */
  public record Imported(String file, long revision, TableCount apps, TableCount providerFilings,
      TableCount userFilings) {}

  /** One status change of a revocation list and whom it reaches. */
  public record AffectedView(String filingNumber, String status, List<String> appIds, List<String> schools) {}

  /** The answer to a revocation list: the new revision, each change, and every school reached. */
  public record Revoked(String file, long revision, List<AffectedView> affected, List<String> schools) {}

  private final RegisterService service;

  public RegisterFileImports(RegisterService service) {
    this.service = service;
  }

  /**
   * Imports a file whose report is {@link ImportReport#ok()}.
   *
   * @throws IllegalArgumentException when the report has problems (the caller answers them)
   */
  public Imported importFile(String actor, ImportReport report) {
    if (!report.ok()) {
      throw new IllegalArgumentException("the file has problems; nothing to import");
    }
    RegisterDao dao = service.dao();
    RegisterState before = dao.state();
    return service.change(actor, "register.import", "register-file:" + report.fileName(), null,
        before, report.fileName(), () -> {
          TableCount apps = apps(dao, report.apps(), actor);
          TableCount providers = providers(dao, report.providerFilings(), actor);
          TableCount users = users(dao, report.userFilings(), actor, report.fileName());
          return new Imported(report.fileName(), dao.state().revision() + 1, apps, providers, users);
        });
  }

  /** Records the new provider filing versions of a list whose report is {@link RevocationReport#ok()}. */
  public Revoked applyRevocations(String actor, RevocationReport report) {
    if (!report.ok()) {
      throw new IllegalArgumentException("the list has problems; nothing to apply");
    }
    RegisterDao dao = service.dao();
    RegisterState before = dao.state();
    List<AffectedView> affected = report.affected().stream()
        .map(a -> new AffectedView(a.filingNumber(), a.status().name(), a.appIds(),
            new ArrayList<>(new TreeSet<>(a.schools()))))
        .toList();
    Set<String> schools = new TreeSet<>();
    report.affected().forEach(a -> schools.addAll(a.schools()));
    return service.change(actor, "register.revocations", "revocation-file:" + report.fileName(), null,
        before, report.fileName(), () -> {
          report.changes().forEach(f -> dao.addProviderVersion(f, actor));
          return new Revoked(report.fileName(), dao.state().revision() + 1, affected, List.copyOf(schools));
        });
  }

  private static TableCount apps(RegisterDao dao, List<App> apps, String actor) {
    int added = 0;
    int updated = 0;
    for (App a : apps) {
      Optional<CatalogueEntry> stored = dao.app(a.id());
      if (stored.isEmpty()) {
        dao.insertApp(a, actor);
        added++;
      } else if (!stored.get().app().equals(a)) {
        dao.updateApp(a, actor);
        updated++;
      }
    }
    return new TableCount(apps.size(), added, updated, apps.size() - added - updated);
  }

  private static TableCount providers(RegisterDao dao, List<ProviderFiling> filings, String actor) {
    int added = 0;
    for (ProviderFiling f : filings) {
      boolean held = dao.providerHistory(f.filingNumber()).stream()
          .anyMatch(v -> recordedAt(v.filing(), f.recordedAt()).equals(f));
      if (!held) {
        dao.addProviderVersion(f, actor);
        added++;
      }
    }
    return new TableCount(filings.size(), added, 0, filings.size() - added);
  }

  private static TableCount users(RegisterDao dao, List<UserFiling> filings, String actor, String file) {
    int added = 0;
    Map<String, List<UserFiling>> byId = new LinkedHashMap<>();
    filings.forEach(f -> byId.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f));
    for (List<UserFiling> versions : byId.values()) {
      for (UserFiling f : versions) {
        List<UserVersion> history = dao.userHistory(f.id());
        if (history.stream().anyMatch(v -> recordedAt(v.filing(), f.recordedAt()).equals(f))) {
          continue;
        }
        int newest = history.isEmpty() ? 0 : history.get(history.size() - 1).version();
        dao.addUserVersion(f, "imported from " + file, actor, newest);
        added++;
      }
    }
    return new TableCount(filings.size(), added, 0, filings.size() - added);
  }

  /** {@code f} as if recorded at {@code at}: to compare versions by what they say. */
  private static ProviderFiling recordedAt(ProviderFiling f, Instant at) {
    return new ProviderFiling(f.filingNumber(), f.appName(), f.aliases(), f.form(), f.providerName(),
        f.creditCode(), f.providerType(), f.authority(), f.icpNumber(), f.mlpsNumber(), f.mlpsLevel(),
        f.category(), f.features(), f.trainingLicence(), f.status(), f.statusReason(), f.mayRefileFrom(),
        f.provincialLists(), f.source(), f.effectiveFrom(), at);
  }

  private static UserFiling recordedAt(UserFiling f, Instant at) {
    return new UserFiling(f.id(), f.schoolId(), f.supervisingDept(), f.appId(), f.filingNumber(), f.origin(),
        f.usage(), f.chargesStudents(), f.linkedToGrades(), f.evidence(), f.scope(), f.windows(), f.status(),
        f.confirmedBy(), f.confirmedAt(), f.validFrom(), f.validTo(), f.effectiveFrom(), at);
  }
}
