package org.campusgate.console.register.files;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppCategory;
import org.campusgate.policy.apps.AppFeature;
import org.campusgate.policy.apps.AppForm;
import org.campusgate.policy.apps.AppKind;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.Evidence;
import org.campusgate.policy.apps.FilingOrigin;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.Fingerprints;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.ProvincialListing;
import org.campusgate.policy.apps.UsageMode;
import org.campusgate.policy.apps.UsageWindows;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;

/**
 * Reads one row of a register table into its {@code policy.apps} record, checking each cell; a
 * row with any error gives no record. Cross-row checks (duplicates, references) are the
 * caller's.
 */
final class RecordParser {
  /** As the register checks app ids, so the error lands on the row. */

  private final ZoneId zone;
  private final Instant importedAt;
  private final String defaultSource;

  /**
   * @param zone the zone a date-only time is read in
   * @param importedAt the recorded-at time of rows that give none
   * @param defaultSource the source of provider filings that give none (the file name)
   */
  RecordParser(ZoneId zone, Instant importedAt, String defaultSource) {
    this.zone = zone;
    this.importedAt = importedAt;
    this.defaultSource = defaultSource;
  }

  /** A row read: its record when its cells are all good, and its key for duplicates. */
  record Parsed<T>(RawRow raw, T record, String key, List<RowError> errors) {}

  Parsed<App> app(RawRow raw) {
    Cells c = new Cells(raw, zone);
    String id = c.required("id");
    if (id != null && !AppRegister.isValidId(id)) {
      c.error("id", "'" + HeaderMap.shorten(id) + "': ids use letters, digits, '_', '.', '-' (at most 64)");
    }
    AppKind kind = c.requiredChoice("kind", AppKind.class);
    App app = new App(id == null ? "?" : id, c.text("name"), kind == null ? AppKind.OTHER : kind,
        c.text("filing_number"), c.choice("category", AppCategory.class, AppCategory.OTHER),
        c.choices("features", AppFeature.class),
        new Fingerprints(c.words("domains"), c.words("sni_patterns"), c.words("url_prefixes"),
            c.words("ip_ranges")));
    return done(raw, app, id, c);
  }

  Parsed<ProviderFiling> providerFiling(RawRow raw) {
    Cells c = new Cells(raw, zone);
    String number = c.required("filing_number");
    FilingStatus status = c.requiredChoice("status", FilingStatus.class);
    Instant effective = c.requiredInstant("effective_from");
    Instant recorded = c.instant("recorded_at");
    ProviderFiling filing = ProviderFiling.builder(number == null ? "?" : number)
        .appName(c.text("app_name"))
        .aliases(c.split("aliases", Cells.NAMES))
        .form(c.choice("form", AppForm.class, AppForm.APP))
        .provider(c.text("provider_name"), c.text("credit_code"))
        .providerType(c.text("provider_type"))
        .authority(c.text("authority"))
        .icp(c.text("icp_number"))
        .mlps(c.text("mlps_number"), c.number("mlps_level", 0, 5))
        .category(c.choice("category", AppCategory.class, AppCategory.OTHER))
        .features(c.choices("features", AppFeature.class))
        .trainingLicence(c.text("training_licence"))
        .status(status == null ? FilingStatus.ACTIVE : status)
        .statusReason(c.text("status_reason"))
        .mayRefileFrom(c.date("may_refile_from"))
        .provincialLists(provincialLists(c))
        .source(c.text("source") == null ? defaultSource : c.text("source"))
        .effectiveFrom(effective == null ? Instant.EPOCH : effective)
        .recordedAt(recorded == null ? importedAt : recorded)
        .build();
    return done(raw, filing, number + " @ " + effective, c);
  }

  Parsed<UserFiling> userFiling(RawRow raw) {
    Cells c = new Cells(raw, zone);
    String id = c.required("id");
    String school = c.required("school");
    String appId = c.required("app_id");
    UserFilingStatus status = c.requiredChoice("status", UserFilingStatus.class);
    Instant effective = c.requiredInstant("effective_from");
    Instant recorded = c.instant("recorded_at");
    String windows = c.text("windows");
    if (windows != null) {
      try {
        UsageWindows.parse(windows, zone);
      } catch (IllegalArgumentException e) {
        c.error("windows", e.getMessage());
      }
    }
    LocalDate validFrom = c.date("valid_from");
    LocalDate validTo = c.date("valid_to");
    if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
      c.error("valid_to", validTo + " is before valid_from " + validFrom);
    }
    UserFiling filing = UserFiling.builder(id == null ? "?" : id, school == null ? "?" : school,
            appId == null ? "?" : appId)
        .supervisingDept(c.text("supervising_dept"))
        .filingNumber(c.text("filing_number"))
        .origin(c.choice("origin", FilingOrigin.class, FilingOrigin.SELF_SELECTED))
        .usage(c.choice("usage", UsageMode.class, UsageMode.RECOMMENDED))
        .chargesStudents(c.flag("charges_students"))
        .linkedToGrades(c.flag("linked_to_grades"))
        .evidence(new Evidence(c.text("consultation_ref"), c.text("decision_minutes_ref"),
            c.text("data_agreement_ref")))
        .scope(c.wordSet("scope"))
        .windows(windows)
        .status(status == null ? UserFilingStatus.DRAFT : status)
        .confirmed(c.text("confirmed_by"), c.instant("confirmed_at"))
        .valid(validFrom, validTo)
        .effectiveFrom(effective == null ? Instant.EPOCH : effective)
        .recordedAt(recorded == null ? importedAt : recorded)
        .build();
    return done(raw, filing, id + " @ " + effective, c);
  }

  /** {@code GD:WHITE BJ:BLACK}. */
  private static Map<String, ProvincialListing> provincialLists(Cells c) {
    Map<String, ProvincialListing> lists = new HashMap<>();
    for (String word : c.words("provincial_lists")) {
      String[] parts = word.split("[:：=]", 2);
      ProvincialListing listing = null;
      if (parts.length == 2 && !parts[0].isBlank()) {
        try {
          listing = ProvincialListing.valueOf(parts[1].strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          // reported below
        }
      }
      if (listing == null) {
        c.error("provincial_lists", "'" + HeaderMap.shorten(word) + "' is not PROVINCE:LIST, e.g. GD:WHITE (lists: "
            + Cells.allowed(ProvincialListing.class) + ")");
      } else {
        lists.put(parts[0].strip().toUpperCase(Locale.ROOT), listing);
      }
    }
    return lists;
  }

  private static <T> Parsed<T> done(RawRow raw, T record, String key, Cells c) {
    return new Parsed<>(raw, c.errors().isEmpty() ? record : null, key, c.errors());
  }
}
