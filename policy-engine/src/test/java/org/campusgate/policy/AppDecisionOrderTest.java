package org.campusgate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppCategory;
import org.campusgate.policy.apps.AppFeature;
import org.campusgate.policy.apps.AppKind;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.Evidence;
import org.campusgate.policy.apps.FilingOrigin;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.Fingerprints;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.ProvincialListing;
import org.campusgate.policy.apps.UsageMode;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;
import org.campusgate.policy.document.PolicyDocumentParser;
import org.campusgate.policy.lists.CategoryList;
import org.campusgate.policy.lists.ListSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decision order of RULES.md §3, one table row per step and branch: each row changes one
 * thing in a fully filed register (app "ketang", provider filing F1, the school's confirmed
 * filing UF1) and names the decision a request to ketang.test must get.
 */
class AppDecisionOrderTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final Instant TUESDAY_10AM = at("2026-11-24T10:00");
  static final Instant REGISTERED = at("2026-09-01T00:00");

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
  }

  static final String POLICY = """
      school: s1
      version: 1
      timezone: Asia/Shanghai
      default: %s
      unauthenticated: %s
      groups:
        students: 学生
        teachers: 教师
        grade7: 七年级
        guest: 访客
      apps:
        province: GD
        minors: [students]
        stale-after-days: 30
        games: %s
        whitelist-required: %s
      rules:
        - id: harmful
          block: [gambling]
      """;

  /** The thing a row varies: the register's parts and the policy's settings. */
  record Scenario(App app, List<ProviderFiling> providers, List<UserFiling> filings,
      Instant lastUpdate, String defaultAction, String unauthenticated, String games,
      boolean whitelist) {

    Scenario app(UnaryOperator<App> change) {
      return new Scenario(change.apply(app), providers, filings, lastUpdate, defaultAction,
          unauthenticated, games, whitelist);
    }

    Scenario provider(UnaryOperator<ProviderFiling.Builder> change) {
      return new Scenario(app, List.of(change.apply(baseProvider()).build()), filings, lastUpdate,
          defaultAction, unauthenticated, games, whitelist);
    }

    Scenario providers(List<ProviderFiling> all) {
      return new Scenario(app, all, filings, lastUpdate, defaultAction, unauthenticated, games, whitelist);
    }

    Scenario filing(UnaryOperator<UserFiling.Builder> change) {
      return new Scenario(app, providers, List.of(change.apply(baseFiling()).build()), lastUpdate,
          defaultAction, unauthenticated, games, whitelist);
    }

    Scenario filings(List<UserFiling> all) {
      return new Scenario(app, providers, all, lastUpdate, defaultAction, unauthenticated, games, whitelist);
    }

    Scenario lastUpdate(Instant t) {
      return new Scenario(app, providers, filings, t, defaultAction, unauthenticated, games, whitelist);
    }

    Scenario policy(String defaultAction, String unauthenticated, String games, boolean whitelist) {
      return new Scenario(app, providers, filings, lastUpdate, defaultAction, unauthenticated, games, whitelist);
    }

    PolicySnapshot snapshot() throws Exception {
      AppRegister.Builder b = AppRegister.builder().app(app).zone(SHANGHAI).revision(1);
      providers.forEach(b::providerFiling);
      filings.forEach(b::userFiling);
      if (lastUpdate != null) {
        b.lastUpdate(lastUpdate);
      }
      String text = POLICY.formatted(defaultAction, unauthenticated, games, whitelist);
      return PolicyCompiler.compile(PolicyDocumentParser.parse(text, "test"), lists(), b.build());
    }
  }

  static App baseApp() {
    return new App("ketang", "示范课堂", AppKind.LEARNING, "F1", AppCategory.TEACHING, Set.of(),
        Fingerprints.ofDomains("ketang.test", "static.ketang.test"));
  }

  static ProviderFiling.Builder baseProvider() {
    return ProviderFiling.builder("F1").appName("示范课堂").icp("沪ICP备1号").mlps("31010000001", 2)
        .category(AppCategory.TEACHING).status(FilingStatus.ACTIVE).effectiveFrom(at("2026-03-01T00:00"));
  }

  static UserFiling.Builder baseFiling() {
    return UserFiling.builder("UF1", "s1", "ketang").filingNumber("F1").supervisingDept("区教育局")
        .usage(UsageMode.RECOMMENDED).status(UserFilingStatus.CONFIRMED).confirmed("district", REGISTERED)
        .evidence(new Evidence("C-1", "M-1", "D-1")).valid(LocalDate.of(2026, 9, 1), LocalDate.of(2027, 8, 31))
        .effectiveFrom(REGISTERED);
  }

  static Scenario filed() {
    return new Scenario(baseApp(), List.of(baseProvider().build()), List.of(baseFiling().build()),
        at("2026-11-20T00:00"), "allow", "guest", "banned", false);
  }

  static ListSet lists() {
    TreeMap<String, CategoryList> m = new TreeMap<>();
    m.put("gambling", new CategoryList("gambling", Map.of(), Map.of(), "black",
        List.of("casino.ketang.test"), List.of(), List.of()));
    return new ListSet(m, Map.of());
  }

  static final UserIdentity STUDENT = UserIdentity.of("stu1", "students");
  static final UserIdentity STUDENT_G7 = UserIdentity.of("stu7", "students", "grade7");
  static final UserIdentity TEACHER = UserIdentity.of("tea1", "teachers");

  static Arguments row(String step, Scenario s, UserIdentity user, Instant t, String url,
      Action action, ReasonCode reason) {
    return Arguments.of(step, s, user, t, url, action, reason);
  }

  static Stream<Arguments> steps() {
    String ketang = "http://ketang.test/lesson/1";
    List<Arguments> rows = new ArrayList<>();
    rows.add(row("0 unmapped host goes to the URL policy", filed(), STUDENT, TUESDAY_10AM,
        "http://other.test/", Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("0 unauthenticated where real-name login is required", filed().policy("allow", "auth-required", "banned", false),
        null, TUESDAY_10AM, ketang, Action.AUTH_REQUIRED, ReasonCode.AUTH_REQUIRED));
    rows.add(row("1 harmful category on an app's domain", filed(), TEACHER, TUESDAY_10AM,
        "http://casino.ketang.test/", Action.BLOCK, ReasonCode.CATEGORY_BLOCKED));
    rows.add(row("2a no provider filing", filed().app(a -> withFiling(a, null)), STUDENT, TUESDAY_10AM,
        ketang, Action.BLOCK, ReasonCode.APP_PROVIDER_NOT_FILED));
    rows.add(row("2a filing number unknown to the register", filed().providers(List.of()), STUDENT, TUESDAY_10AM,
        ketang, Action.BLOCK, ReasonCode.APP_PROVIDER_NOT_FILED));
    rows.add(row("2a self-developed with a confirmed school filing needs none",
        filed().app(a -> withFiling(a, null)).providers(List.of()).filing(f -> f.origin(FilingOrigin.SELF_DEVELOPED)),
        STUDENT, TUESDAY_10AM, ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("2b blacklisted provider", filed().provider(p -> p.status(FilingStatus.BLACKLISTED)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_PROVIDER_BLACKLISTED));
    rows.add(row("2b revoked filing", filed().provider(p -> p.status(FilingStatus.REVOKED)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_FILING_REVOKED));
    rows.add(row("2b cancelled filing", filed().provider(p -> p.status(FilingStatus.CANCELLED)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_FILING_REVOKED));
    rows.add(row("2b offline pending", filed().provider(p -> p.status(FilingStatus.OFFLINE_PENDING)),
        TEACHER, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_FILING_SUSPENDED));
    rows.add(row("2c ICP filing missing", filed().provider(p -> p.icp(null)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_PREREQ_MISSING));
    rows.add(row("2c graded-protection filing missing", filed().provider(p -> p.mlps(null, 0)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_PREREQ_MISSING));
    rows.add(row("2d on the province's black list",
        filed().provider(p -> p.provincialLists(Map.of("GD", ProvincialListing.BLACK))),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_PROVINCIAL_LIST));
    rows.add(row("2d white list required and not on it", filed().policy("allow", "guest", "banned", true),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_PROVINCIAL_LIST));
    rows.add(row("2d white list required and on it",
        filed().policy("allow", "guest", "banned", true).provider(p -> p.provincialLists(Map.of("GD", ProvincialListing.WHITE))),
        STUDENT, TUESDAY_10AM, ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("2d another province's black list does not apply",
        filed().provider(p -> p.provincialLists(Map.of("BJ", ProvincialListing.BLACK))),
        STUDENT, TUESDAY_10AM, ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("2e K-9 subject training without a licence",
        filed().provider(p -> p.category(AppCategory.SUBJECT_TRAINING_K9)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_SHUANGJIAN));
    rows.add(row("2e K-9 subject training with a licence",
        filed().provider(p -> p.category(AppCategory.SUBJECT_TRAINING_K9).trainingLicence("L-1")),
        STUDENT, TUESDAY_10AM, ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("2e preschool training", filed().provider(p -> p.category(AppCategory.PRESCHOOL_TRAINING)),
        TEACHER, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_SHUANGJIAN));
    rows.add(row("2e photo search", filed().provider(p -> p.features(Set.of(AppFeature.PHOTO_SEARCH))),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_SHUANGJIAN));
    rows.add(row("2f ads in a uniformly required app",
        filed().provider(p -> p.features(Set.of(AppFeature.ADS))).filing(f -> f.usage(UsageMode.UNIFORM_REQUIRED)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_UNIFORM_NONCOMPLIANT));
    rows.add(row("2f games in a uniformly required app",
        filed().provider(p -> p.features(Set.of(AppFeature.GAMES))).filing(f -> f.usage(UsageMode.UNIFORM_REQUIRED)),
        TEACHER, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_UNIFORM_NONCOMPLIANT));
    rows.add(row("2f ads in a recommended app are no reason to block",
        filed().provider(p -> p.features(Set.of(AppFeature.ADS))),
        STUDENT, TUESDAY_10AM, ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("3 no filing of the school", filed().filings(List.of()),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_SCHOOL_NOT_FILED));
    rows.add(row("3 only another school filed it",
        filed().filings(List.of(UserFiling.builder("UF9", "s9", "ketang").filingNumber("F1")
            .status(UserFilingStatus.CONFIRMED).effectiveFrom(REGISTERED).build())),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_SCHOOL_NOT_FILED));
    rows.add(row("3 submitted but not confirmed", filed().filing(f -> f.status(UserFilingStatus.SUBMITTED)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_SCHOOL_FILING_PENDING));
    rows.add(row("3 draft", filed().filing(f -> f.status(UserFilingStatus.DRAFT)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_SCHOOL_NOT_FILED));
    rows.add(row("3 withdrawn", filed().filing(f -> f.status(UserFilingStatus.WITHDRAWN)),
        TEACHER, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_SCHOOL_NOT_FILED));
    rows.add(row("3 rejected", filed().filing(f -> f.status(UserFilingStatus.REJECTED)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_SCHOOL_NOT_FILED));
    rows.add(row("3 confirmed but expired", filed().filing(f -> f.valid(LocalDate.of(2025, 9, 1), LocalDate.of(2026, 8, 31))),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_SCHOOL_NOT_FILED));
    rows.add(row("3 confirmed but not yet valid", filed().filing(f -> f.valid(LocalDate.of(2026, 12, 1), null)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_SCHOOL_NOT_FILED));
    rows.add(row("4 uniformly required and charging students",
        filed().filing(f -> f.usage(UsageMode.UNIFORM_REQUIRED).chargesStudents(true)),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_UNIFORM_CHARGES));
    rows.add(row("4 recommended and charging is the family's choice",
        filed().filing(f -> f.chargesStudents(true)),
        STUDENT, TUESDAY_10AM, ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("5 outside the filing's scope", filed().filing(f -> f.scope(Set.of("grade7"))),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_OUT_OF_SCOPE));
    rows.add(row("5 inside the filing's scope", filed().filing(f -> f.scope(Set.of("grade7"))),
        STUDENT_G7, TUESDAY_10AM, ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("5 guests are outside a scoped filing", filed().filing(f -> f.scope(Set.of("students", "teachers"))),
        null, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_OUT_OF_SCOPE));
    rows.add(row("5 outside the filing's windows", filed().filing(f -> f.windows("mon-fri 08:00-12:00")),
        STUDENT, at("2026-11-24T14:00"), ketang, Action.BLOCK, ReasonCode.OUTSIDE_SCHEDULE));
    rows.add(row("5 inside the filing's windows", filed().filing(f -> f.windows("mon-fri 08:00-12:00")),
        STUDENT, TUESDAY_10AM, ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("6 training after 21:00", filed().provider(p -> p.category(AppCategory.NON_SUBJECT_TRAINING)),
        STUDENT, at("2026-11-24T21:00"), ketang, Action.BLOCK, ReasonCode.APP_AFTER_2100));
    rows.add(row("6 training before 06:00", filed().provider(p -> p.category(AppCategory.NON_SUBJECT_TRAINING)),
        TEACHER, at("2026-11-25T05:59"), ketang, Action.BLOCK, ReasonCode.APP_AFTER_2100));
    rows.add(row("6 training at 20:59", filed().provider(p -> p.category(AppCategory.NON_SUBJECT_TRAINING)),
        STUDENT, at("2026-11-24T20:59"), ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("6 a teaching app after 21:00 is no training", filed(),
        STUDENT, at("2026-11-24T21:30"), ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("7 a game for a minor where the school bans games", game(filed()),
        STUDENT, at("2026-11-27T20:30"), "http://play.test/", Action.BLOCK, ReasonCode.MINOR_GAME_TIME));
    rows.add(row("7 a game for a teacher", game(filed()),
        TEACHER, TUESDAY_10AM, "http://play.test/", Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("7 legal hours: Friday 20:30", game(filed()).policy("allow", "guest", "legal-hours", false),
        STUDENT, at("2026-11-27T20:30"), "http://play.test/", Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("7 legal hours: Tuesday 20:30", game(filed()).policy("allow", "guest", "legal-hours", false),
        STUDENT, at("2026-11-24T20:30"), "http://play.test/", Action.BLOCK, ReasonCode.MINOR_GAME_TIME));
    rows.add(row("7 a learning app with games, for a minor",
        filed().provider(p -> p.features(Set.of(AppFeature.GAMES))),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.MINOR_GAME_TIME));
    rows.add(row("8 stale filing data fails closed for students", filed().lastUpdate(at("2026-10-20T00:00")),
        STUDENT, TUESDAY_10AM, ketang, Action.BLOCK, ReasonCode.APP_REGISTER_STALE));
    rows.add(row("8 stale filing data does not stop teachers", filed().lastUpdate(at("2026-10-20T00:00")),
        TEACHER, TUESDAY_10AM, ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("9 fully filed: the URL policy allows", filed(),
        STUDENT, TUESDAY_10AM, "http://static.ketang.test/app.js", Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("9 allow-list school: a confirmed filing is the school's allow entry",
        filed().policy("block", "guest", "banned", false),
        STUDENT, TUESDAY_10AM, ketang, Action.ALLOW, ReasonCode.ALLOWED));
    rows.add(row("9 allow-list school: unmapped hosts stay blocked",
        filed().policy("block", "guest", "banned", false),
        STUDENT, TUESDAY_10AM, "http://other.test/", Action.BLOCK, ReasonCode.NOT_ALLOWED));
    return rows.stream();
  }

  static App withFiling(App a, String number) {
    return new App(a.id(), a.name(), a.kind(), number, a.category(), a.features(), a.fingerprints());
  }

  static Scenario game(Scenario s) {
    return s.app(a -> new App("play", "Play", AppKind.GAME, null, AppCategory.OTHER, Set.of(),
        Fingerprints.ofDomains("play.test"))).filings(List.of());
  }

  @ParameterizedTest(name = "step {0}")
  @MethodSource("steps")
  void eachStepOfTheDecisionOrder(String step, Scenario scenario, UserIdentity user, Instant t, String url,
      Action action, ReasonCode reason) throws Exception {
    Decision d = scenario.snapshot().decide(RequestContext.builder().time(t).schoolId("s1").user(user)
        .url(url).build());
    assertThat(d.action()).as(step).isEqualTo(action);
    assertThat(d.reason()).as(step).isEqualTo(reason);
  }
}
