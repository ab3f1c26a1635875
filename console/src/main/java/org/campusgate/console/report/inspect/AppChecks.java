package org.campusgate.console.report.inspect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.campusgate.console.register.RegisterViews.AffectedSchool;
import org.campusgate.console.register.RegisterViews.RevokedView;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.FindingKind;
import org.campusgate.console.report.MonthlyReport;
import org.campusgate.policy.ReasonCode;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppFeature;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UsageMode;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;

/**
 * The learning-app part of a school's month (RULES.md §6.3): apps seen in its traffic against
 * its confirmed filings, unfiled use, provider filings revoked this month and still allowed,
 * uniformly required apps with fees, ads or games, and confirmed filings lacking evidence; with
 * the findings they raise. Filings are read as they stood at the month's last moment.
 */
public final class AppChecks {
  /** The provider features a uniformly required app must not have (free, no ads, no games). */
  static final Set<AppFeature> NOT_FOR_UNIFORM_USE =
      EnumSet.of(AppFeature.PAYMENTS, AppFeature.ADS, AppFeature.GAMES);
  /** The pseudo-feature shown when the school's own filing says students pay. */
  public static final String CHARGES_STUDENTS = "CHARGES_STUDENTS";

  /** Counts a school's allowed requests to an app from an instant to the month's end. */
  @FunctionalInterface
  public interface AllowedSince {
    long count(String schoolId, String appId, Instant from);
  }

  /** What the checks found for one school. */
  public record Result(List<MonthlyReport.AppUse> apps, List<MonthlyReport.UnfiledUse> unfiledUse,
      List<MonthlyReport.RevokedFiling> revoked, List<MonthlyReport.UniformAppIssue> uniformApps,
      List<MonthlyReport.MissingEvidence> missingEvidence, List<Finding> findings) {}

  private final AppRegister register;
  private final MonthRange range;
  private final AllowedSince allowedSince;

  public AppChecks(AppRegister register, MonthRange range, AllowedSince allowedSince) {
    this.register = Objects.requireNonNull(register, "register");
    this.range = Objects.requireNonNull(range, "range");
    this.allowedSince = Objects.requireNonNull(allowedSince, "allowedSince");
  }

  /**
   * Checks one school.
   *
   * @param revoked the provider filings revoked this month (all schools; this one's are picked)
   */
  public Result check(String schoolId, SchoolFigures figures, List<RevokedView> revoked) {
    List<Finding> findings = new ArrayList<>();
    List<MonthlyReport.AppUse> apps = new ArrayList<>();
    List<MonthlyReport.UnfiledUse> unfiled = new ArrayList<>();
    for (Map.Entry<String, long[]> e : figures.apps().entrySet()) {
      String app = e.getKey();
      apps.add(new MonthlyReport.AppUse(app, name(app),
          register.app(app).map(App::filingNumber).orElse(null), filedAtEnd(schoolId, app),
          e.getValue()[0], e.getValue()[1]));
      unfiledUse(schoolId, app, figures, unfiled, findings);
    }
    List<MonthlyReport.RevokedFiling> revokedFilings = revoked(schoolId, revoked, findings);
    List<MonthlyReport.UniformAppIssue> uniform = new ArrayList<>();
    List<MonthlyReport.MissingEvidence> missing = new ArrayList<>();
    for (UserFiling f : filingsAtEnd(schoolId)) {
      uniformIssue(schoolId, f, figures, uniform, findings);
      missingEvidence(schoolId, f, missing, findings);
    }
    return new Result(apps, unfiled, revokedFilings, uniform, missing, findings);
  }

  private String name(String appId) {
    return register.app(appId).map(App::name).orElse(appId);
  }

  private boolean filedAtEnd(String schoolId, String appId) {
    UserFiling f = register.userFilingAt(schoolId, appId, range.end());
    return f != null && confirmedAtEnd(f);
  }

  private boolean confirmedAtEnd(UserFiling f) {
    return f.status() == UserFilingStatus.CONFIRMED && AppRegister.validOn(f, range.lastDay());
  }

  /** The school's filing of each app it filed that counts at the month's end, confirmed ones. */
  private List<UserFiling> filingsAtEnd(String schoolId) {
    Set<String> appIds = new TreeSet<>();
    for (UserFiling f : register.userFilings()) {
      if (f.schoolId().equals(schoolId)) {
        appIds.add(f.appId());
      }
    }
    List<UserFiling> out = new ArrayList<>();
    for (String app : appIds) {
      UserFiling f = register.userFilingAt(schoolId, app, range.end());
      if (f != null && confirmedAtEnd(f)) {
        out.add(f);
      }
    }
    return out;
  }

  private void unfiledUse(String schoolId, String app, SchoolFigures figures,
      List<MonthlyReport.UnfiledUse> out, List<Finding> findings) {
    long total = 0;
    Set<String> reasons = new LinkedHashSet<>();
    List<MonthlyReport.Count> groups = figures.unfiledGroups(app);
    for (Map.Entry<String, Long> r : figures.appBlocks(app).entrySet()) {
      if (StoreFigures.UNFILED_REASONS.contains(r.getKey())) {
        out.add(new MonthlyReport.UnfiledUse(app, name(app), r.getKey(), r.getValue(), groups));
        total += r.getValue();
        reasons.add(r.getKey());
      }
    }
    if (total > 0) {
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("app", name(app));
      facts.put("count", Long.toString(total));
      facts.put("groups", groups.stream().map(MonthlyReport.Count::key)
          .collect(Collectors.joining(",")));
      facts.put("reasons", String.join(",", reasons));
      findings.add(new Finding(FindingKind.UNFILED_APP_USE, schoolId, app, facts));
    }
  }

  private List<MonthlyReport.RevokedFiling> revoked(String schoolId, List<RevokedView> revoked,
      List<Finding> findings) {
    List<MonthlyReport.RevokedFiling> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (RevokedView v : revoked) {
      for (AffectedSchool a : v.affected()) {
        if (!a.schoolId().equals(schoolId) || !seen.add(v.filingNumber() + '\n' + a.appId())) {
          continue;
        }
        out.add(new MonthlyReport.RevokedFiling(a.appId(), name(a.appId()), v.filingNumber(),
            range.dayOf(v.effectiveFrom()), v.reason() != null ? v.reason() : v.status()));
        long allowed = allowedSince.count(schoolId, a.appId(), v.effectiveFrom());
        if (allowed > 0) {
          Map<String, String> facts = new LinkedHashMap<>();
          facts.put("app", name(a.appId()));
          facts.put("filing", v.filingNumber());
          facts.put("revokedOn", range.dayOf(v.effectiveFrom()).toString());
          facts.put("count", Long.toString(allowed));
          findings.add(new Finding(FindingKind.REVOKED_APP_IN_USE, schoolId, a.appId(), facts));
        }
      }
    }
    return out;
  }

  private void uniformIssue(String schoolId, UserFiling f, SchoolFigures figures,
      List<MonthlyReport.UniformAppIssue> out, List<Finding> findings) {
    if (f.usage() != UsageMode.UNIFORM_REQUIRED) {
      return;
    }
    List<String> features = new ArrayList<>();
    ProviderFiling provider = register.providerFilingAt(f.filingNumber(), range.end());
    Set<AppFeature> filed = provider != null ? provider.features()
        : register.app(f.appId()).map(App::features).orElse(Set.of());
    for (AppFeature feature : NOT_FOR_UNIFORM_USE) {
      if (filed.contains(feature)) {
        features.add(feature.name());
      }
    }
    if (f.chargesStudents()) {
      features.add(CHARGES_STUDENTS);
    }
    long chargesBlocked = figures.appBlocks(f.appId())
        .getOrDefault(ReasonCode.APP_UNIFORM_CHARGES.name(), 0L);
    if (features.isEmpty() && chargesBlocked == 0) {
      return;
    }
    out.add(new MonthlyReport.UniformAppIssue(f.appId(), name(f.appId()), features,
        chargesBlocked));
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("app", name(f.appId()));
    facts.put("filing", f.id());
    facts.put("features", String.join(",", features));
    facts.put("chargesBlocked", Long.toString(chargesBlocked));
    findings.add(new Finding(FindingKind.UNIFORM_APP_CHARGES, schoolId, f.appId(), facts));
  }

  private void missingEvidence(String schoolId, UserFiling f,
      List<MonthlyReport.MissingEvidence> out, List<Finding> findings) {
    List<String> missing = new ArrayList<>();
    if (f.evidence().consultation() == null) {
      missing.add("consultation");
    }
    if (f.evidence().decisionMinutes() == null) {
      missing.add("decisionMinutes");
    }
    if (f.evidence().dataAgreement() == null) {
      missing.add("dataAgreement");
    }
    if (missing.isEmpty()) {
      return;
    }
    out.add(new MonthlyReport.MissingEvidence(f.id(), f.appId(), name(f.appId()), missing));
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("app", name(f.appId()));
    facts.put("filing", f.id());
    facts.put("missing", String.join(",", missing));
    findings.add(new Finding(FindingKind.MISSING_EVIDENCE, schoolId, f.id(), facts));
  }
}
