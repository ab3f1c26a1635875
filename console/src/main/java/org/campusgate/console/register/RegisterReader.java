package org.campusgate.console.register;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.campusgate.console.register.RegisterInputs.AppInput;
import org.campusgate.console.register.RegisterInputs.EvidenceInput;
import org.campusgate.console.register.RegisterInputs.ProviderFilingInput;
import org.campusgate.console.register.RegisterInputs.UserFilingInput;
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
import org.campusgate.policy.apps.InvalidRegisterException;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.ProvincialListing;
import org.campusgate.policy.apps.UsageMode;
import org.campusgate.policy.apps.UsageWindows;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;

/**
 * Turns the API's bodies into register records, checking every field (lengths, enums, dates,
 * fingerprints, windows) and reporting all problems at once as a 422 with field names.
 */
final class RegisterReader {
  private static final Pattern PROVINCE = Pattern.compile("[A-Z0-9]{2,10}");
  private static final int MAX_FINGERPRINTS = 500;

  private final ZoneId zone;

  RegisterReader(ZoneId zone) {
    this.zone = zone;
  }

  /** An app; {@code pathId} (on a change) is the id, and a body id must agree with it. */
  App app(AppInput in, String pathId) {
    FieldErrors e = new FieldErrors();
    if (in == null) {
      e.add("", "send the app as JSON: {\"id\": ..., \"name\": ..., \"kind\": \"LEARNING\", \"domains\": [...]}");
      e.throwIfAny();
    }
    String id = pathId != null ? pathId : e.id("id", in.id(), true);
    if (pathId != null && in.id() != null && !in.id().strip().equals(pathId)) {
      e.add("id", "an app's id cannot be changed");
    }
    String name = e.text("name", in.name(), 200, true);
    AppKind kind = e.oneOf("kind", in.kind(), AppKind.class, null);
    String filing = e.text("filingNumber", in.filingNumber(), 100, false);
    AppCategory category = e.oneOf("category", in.category(), AppCategory.class, AppCategory.OTHER);
    Set<AppFeature> features = e.enums("features", in.features(), AppFeature.class);
    Fingerprints fingerprints = new Fingerprints(e.list("domains", in.domains(), MAX_FINGERPRINTS, 253),
        e.list("sniPatterns", in.sniPatterns(), MAX_FINGERPRINTS, 255),
        e.list("urlPrefixes", in.urlPrefixes(), MAX_FINGERPRINTS, 2000),
        e.list("ipRanges", in.ipRanges(), MAX_FINGERPRINTS, 64));
    e.throwIfAny();
    App app = new App(id, name, kind, filing, category, features, fingerprints);
    if (e.isEmpty()) {
      // The register's own checks of the fingerprints, alone (clashes with other apps come later).
      try {
        AppRegister.builder().app(app).build();
      } catch (InvalidRegisterException ex) {
        for (String p : ex.problems()) {
          String rest = p.startsWith("app " + app.id() + ": ") ? p.substring(app.id().length() + 6) : p;
          int colon = rest.indexOf(": ");
          e.add(colon > 0 ? rest.substring(0, colon) : "fingerprints", colon > 0 ? rest.substring(colon + 2) : rest);
        }
      }
    }
    e.throwIfAny();
    return app;
  }

  /** The first version of a provider filing, recorded {@code now}. */
  ProviderFiling providerFiling(ProviderFilingInput in, Instant now) {
    FieldErrors e = new FieldErrors();
    if (in == null) {
      e.add("", "send the filing as JSON: {\"filingNumber\": ..., \"appName\": ..., \"status\": \"ACTIVE\"}");
      e.throwIfAny();
    }
    String number = e.text("filingNumber", in.filingNumber(), 100, true);
    int level = in.mlpsLevel() == null ? 0 : in.mlpsLevel();
    if (level < 0 || level > 5) {
      e.add("mlpsLevel", "is a graded-protection level, 0 (unknown) to 5");
      level = 0;
    }
    Instant from = e.instant("effectiveFrom", in.effectiveFrom());
    ProviderFiling.Builder b = ProviderFiling.builder(number == null ? "x" : number)
        .appName(e.text("appName", in.appName(), 200, true))
        .aliases(e.list("aliases", in.aliases(), 20, 200))
        .form(e.oneOf("form", in.form(), AppForm.class, AppForm.APP))
        .provider(e.text("providerName", in.providerName(), 200, false),
            e.text("creditCode", in.creditCode(), 30, false))
        .providerType(e.text("providerType", in.providerType(), 100, false))
        .authority(e.text("authority", in.authority(), 20, false))
        .icp(e.text("icpNumber", in.icpNumber(), 100, false))
        .mlps(e.text("mlpsNumber", in.mlpsNumber(), 100, false), level)
        .category(e.oneOf("category", in.category(), AppCategory.class, AppCategory.OTHER))
        .features(e.enums("features", in.features(), AppFeature.class))
        .trainingLicence(e.text("trainingLicence", in.trainingLicence(), 100, false))
        .status(e.oneOf("status", in.status(), FilingStatus.class, FilingStatus.ACTIVE))
        .statusReason(e.text("statusReason", in.statusReason(), 1000, false))
        .mayRefileFrom(e.date("mayRefileFrom", in.mayRefileFrom()))
        .provincialLists(provincialLists(e, in.provincialLists()))
        .source(e.text("source", in.source(), 500, false))
        .effectiveFrom(from == null ? now : from)
        .recordedAt(now);
    e.throwIfAny();
    return b.build();
  }

  private static Map<String, ProvincialListing> provincialLists(FieldErrors e, Map<String, String> in) {
    Map<String, ProvincialListing> out = new TreeMap<>();
    if (in == null) {
      return out;
    }
    if (in.size() > 40) {
      e.add("provincialLists", "names more than 40 provinces");
      return out;
    }
    for (var entry : in.entrySet()) {
      String code = entry.getKey() == null ? "" : entry.getKey().strip();
      if (!PROVINCE.matcher(code).matches()) {
        e.add("provincialLists." + code, "province codes are 2 to 10 capital letters or digits");
        continue;
      }
      ProvincialListing l = e.oneOf("provincialLists." + code, entry.getValue(), ProvincialListing.class, null);
      if (l != null) {
        out.put(code, l);
      }
    }
    return out;
  }

  /**
   * A draft version of a school's filing from the body.
   *
   * @param id the filing's id (chosen by the caller)
   * @param appFiling the provider filing the app is registered under (the default), or null
   */
  UserFiling draft(UserFilingInput in, String id, String school, String appId, String appFiling,
      Instant now) {
    FieldErrors e = new FieldErrors();
    String filingNumber = in.filingNumber() == null ? appFiling
        : e.text("filingNumber", in.filingNumber(), 100, false);
    String windows = e.text("windows", in.windows(), 500, false);
    if (windows != null) {
      try {
        UsageWindows.parse(windows, zone);
      } catch (IllegalArgumentException ex) {
        e.add("windows", ex.getMessage());
      }
    }
    LocalDate validFrom = e.date("validFrom", in.validFrom());
    LocalDate validTo = e.date("validTo", in.validTo());
    if (validFrom != null && validTo != null && validTo.isBefore(validFrom)) {
      e.add("validTo", "is before validFrom");
    }
    EvidenceInput ev = in.evidence();
    Evidence evidence = ev == null ? Evidence.none() : new Evidence(
        e.text("evidence.consultation", ev.consultation(), 500, false),
        e.text("evidence.decisionMinutes", ev.decisionMinutes(), 500, false),
        e.text("evidence.dataAgreement", ev.dataAgreement(), 500, false));
    Set<String> scope = new LinkedHashSet<>(e.list("scope", in.scope(), 100, 100));
    UserFiling f = UserFiling.builder(id, school, appId)
        .supervisingDept(e.text("supervisingDept", in.supervisingDept(), 200, false))
        .filingNumber(filingNumber)
        .origin(e.oneOf("origin", in.origin(), FilingOrigin.class, FilingOrigin.SELF_SELECTED))
        .usage(e.oneOf("usage", in.usage(), UsageMode.class, UsageMode.RECOMMENDED))
        .chargesStudents(Boolean.TRUE.equals(in.chargesStudents()))
        .linkedToGrades(Boolean.TRUE.equals(in.linkedToGrades()))
        .evidence(evidence)
        .scope(scope)
        .windows(windows)
        .status(UserFilingStatus.DRAFT)
        .valid(validFrom, validTo)
        .effectiveFrom(now)
        .recordedAt(now)
        .build();
    e.throwIfAny();
    return f;
  }

  /** The problems of a register that does not hold together, as field errors. */
  static List<FieldErrors.FieldError> problems(InvalidRegisterException e) {
    return e.problems().stream().map(p -> new FieldErrors.FieldError("register", p)).toList();
  }
}
