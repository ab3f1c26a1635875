package org.campusgate.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppCategory;
import org.campusgate.policy.apps.AppFeature;
import org.campusgate.policy.apps.AppKind;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.AppRegister.ScheduledFiling;
import org.campusgate.policy.apps.AppRules;
import org.campusgate.policy.apps.FilingOrigin;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.ProvincialListing;
import org.campusgate.policy.apps.UsageMode;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;

/**
 * Steps 2 to 8 of the decision order of RULES.md §3 for a request mapped to an app: the
 * provider filing, the school's filing, the school's usage terms, the training and game hours
 * and the freshness of the filing data, each with the filing versions in force at the request's
 * time. Pure: the register, the rules and the zone are fixed at construction.
 */
final class AppDecisions {
  private final AppRegister register;
  private final AppRules rules;
  private final ZoneId zone;
  private final AppRegister.SchoolFilings filings;

  AppDecisions(AppRegister register, AppRules rules, ZoneId zone, String schoolId) {
    this.register = register;
    this.rules = rules;
    this.zone = zone;
    this.filings = register.filingsOf(schoolId);
  }

  /** What the app steps say: a block, or a pass carrying the filings used (and a notice). */
  record Outcome(ReasonCode block, ProviderFiling provider, UserFiling filing, AppNotice notice) {
    boolean blocks() {
      return block != null;
    }
  }

  /**
   * Runs steps 2–8 for {@code app} (steps 0, 1 and 9 are the snapshot's).
   *
   * @param groups the user's groups (the guest group for an unidentified client)
   */
  Outcome decide(int appIndex, Set<String> groups, Instant t) {
    App app = register.apps().get(appIndex);
    boolean minor = rules.isMinor(groups);
    if (app.kind() != AppKind.LEARNING) {
      boolean game = app.kind() == AppKind.GAME || app.features().contains(AppFeature.GAMES);
      if (game && minor && !gameTime(t)) {
        return new Outcome(ReasonCode.MINOR_GAME_TIME, null, null, null);
      }
      return new Outcome(null, null, null, null);
    }
    LocalDate day = LocalDate.ofInstant(t, zone);
    ProviderFiling provider = register.providerFilingOfApp(appIndex, t);
    ScheduledFiling scheduled = filings.at(appIndex, t, day);
    UserFiling filing = scheduled == null ? null : scheduled.filing();
    boolean confirmed = filing != null && filing.status() == UserFilingStatus.CONFIRMED
        && AppRegister.validOn(filing, day);
    UserFiling used = confirmed ? filing : null;

    // 2a: a self-developed app with a confirmed school filing needs no provider filing.
    if (provider == null && !(confirmed && filing.origin() == FilingOrigin.SELF_DEVELOPED)) {
      return new Outcome(ReasonCode.APP_PROVIDER_NOT_FILED, null, used, null);
    }
    AppCategory category = provider == null ? app.category() : provider.category();
    Set<AppFeature> features = provider == null ? app.features() : provider.features();
    if (provider != null) {
      ReasonCode status = statusBlock(provider.status());
      if (status != null) { // 2b
        return new Outcome(status, provider, used, null);
      }
      if (provider.icpNumber() == null || provider.mlpsNumber() == null) { // 2c
        return new Outcome(ReasonCode.APP_PREREQ_MISSING, provider, used, null);
      }
      ProvincialListing listing = rules.province() == null ? null : provider.provincialLists().get(rules.province());
      if (listing == ProvincialListing.BLACK
          || (rules.whitelistRequired() && listing != ProvincialListing.WHITE)) { // 2d
        return new Outcome(ReasonCode.APP_PROVINCIAL_LIST, provider, used, null);
      }
      if ((category == AppCategory.SUBJECT_TRAINING_K9 && provider.trainingLicence() == null)) { // 2e
        return new Outcome(ReasonCode.APP_SHUANGJIAN, provider, used, null);
      }
    }
    if (category == AppCategory.PRESCHOOL_TRAINING || features.contains(AppFeature.PHOTO_SEARCH)) { // 2e
      return new Outcome(ReasonCode.APP_SHUANGJIAN, provider, used, null);
    }
    if (confirmed && filing.usage() == UsageMode.UNIFORM_REQUIRED
        && (features.contains(AppFeature.GAMES) || features.contains(AppFeature.ADS))) { // 2f
      return new Outcome(ReasonCode.APP_UNIFORM_NONCOMPLIANT, provider, used, null);
    }
    if (!confirmed) { // 3
      boolean pending = filing != null && filing.status() == UserFilingStatus.SUBMITTED
          && AppRegister.validOn(filing, day);
      return new Outcome(pending ? ReasonCode.APP_SCHOOL_FILING_PENDING : ReasonCode.APP_SCHOOL_NOT_FILED,
          provider, null, null);
    }
    AppNotice notice = null;
    if (filing.usage() == UsageMode.UNIFORM_REQUIRED && filing.chargesStudents()) { // 4
      return new Outcome(ReasonCode.APP_UNIFORM_CHARGES, provider, used, AppNotice.UNIFORM_CHARGES_ALERT);
    }
    if (filing.usage() == UsageMode.RECOMMENDED && filing.linkedToGrades()) {
      notice = AppNotice.GRADES_LINK_FINDING;
    }
    if (!filing.scope().isEmpty() && !intersects(filing.scope(), groups)) { // 5
      return new Outcome(ReasonCode.APP_OUT_OF_SCOPE, provider, used, notice);
    }
    if (!scheduled.openAt(t)) {
      return new Outcome(ReasonCode.OUTSIDE_SCHEDULE, provider, used, notice);
    }
    if (category.isTraining() && afterTrainingHours(t)) { // 6
      return new Outcome(ReasonCode.APP_AFTER_2100, provider, used, notice);
    }
    if (features.contains(AppFeature.GAMES) && minor && !gameTime(t)) { // 7
      return new Outcome(ReasonCode.MINOR_GAME_TIME, provider, used, notice);
    }
    if (minor && stale(t)) { // 8
      return new Outcome(ReasonCode.APP_REGISTER_STALE, provider, used, AppNotice.REGISTER_STALE_ALERT);
    }
    return new Outcome(null, provider, used, notice);
  }

  private static ReasonCode statusBlock(FilingStatus status) {
    return switch (status) {
      case ACTIVE -> null;
      case BLACKLISTED -> ReasonCode.APP_PROVIDER_BLACKLISTED;
      case REVOKED, CANCELLED -> ReasonCode.APP_FILING_REVOKED;
      case OFFLINE_PENDING -> ReasonCode.APP_FILING_SUSPENDED;
    };
  }

  private boolean gameTime(Instant t) {
    return !rules.gamesBanned() && rules.gameHours().isActive(t);
  }

  private boolean afterTrainingHours(Instant t) {
    LocalTime local = LocalTime.ofInstant(t, zone);
    LocalTime ends = rules.trainingEnds();
    LocalTime resumes = rules.trainingResumes();
    return ends.isAfter(resumes)
        ? !local.isBefore(ends) || local.isBefore(resumes)
        : !local.isBefore(ends) && local.isBefore(resumes);
  }

  /** Stale when the newest filing fact is older than the allowed days (or there is none). */
  boolean stale(Instant t) {
    if (rules.staleAfterDays() == 0) {
      return false;
    }
    Instant last = register.lastUpdate();
    return last == null || Duration.between(last, t).compareTo(Duration.ofDays(rules.staleAfterDays())) > 0;
  }

  private static boolean intersects(Set<String> a, Set<String> b) {
    for (String x : b) {
      if (a.contains(x)) {
        return true;
      }
    }
    return false;
  }
}
