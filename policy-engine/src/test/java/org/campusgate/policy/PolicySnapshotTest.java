package org.campusgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campusgate.policy.PolicyFixtures.TUESDAY_10AM;
import static org.campusgate.policy.PolicyFixtures.at;
import static org.campusgate.policy.PolicyFixtures.request;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicySnapshotTest {
  private static final PolicySnapshot POLICY = PolicyFixtures.snapshot();
  private static final UserIdentity STUDENT = UserIdentity.of("s1", "students");
  private static final UserIdentity TEACHER = UserIdentity.of("t1", "teachers");

  private static String decide(String input, UserIdentity user, Instant time) {
    Decision d = POLICY.decide(request(input, user, time));
    return d.action() + " " + d.reason() + " " + d.category() + " " + d.ruleId();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "http://casino.com/",
      "http://CASINO.COM/",
      "http://casino.com./",
      "http://..casino..com../",
      "http://www.casino.com:80/",
      "https://deep.sub.casino.com/a/b?c=d",
      "http://user:password@casino.com/",
      "http://www.example.org@casino.com/",
      "http://%63asino.com/",
      "http://%2563%2561sino.com/",
      "http://ｃａｓｉｎｏ．ｃｏｍ/",
      "http://casino。com/",
      "http://cas\tino.com/",
      "casino.com:443",
      "CASINO.com.:443",
      "http://1.2.3.4/",
      "http://0x01020304/",
      "http://16909060/",
      "http://01.02.03.04/",
      "http://0x1.0x2.0x3.0x4/",
      "http://1.2.772/",
      "http://[::ffff:1.2.3.4]/",
      "http://[::ffff:102:304]/",
      "1.2.3.4:443",
      "http://www.astrolabio.net/casino/games",
      "http://ASTROLABIO.net/Casino/",
  })
  void evasionFormsAreDecidedLikeThePlainForm(String input) {
    assertThat(decide(input, STUDENT, TUESDAY_10AM)).isEqualTo("BLOCK CATEGORY_BLOCKED gambling young");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "http://notcasino.com/",
      "http://casino.com.evil.net/",
      "http://casinoxcom.net/",
      "http://evil.net/?u=casino.com",
      "http://evil.net/casino.com/",
      "http://evil.net/#casino.com",
      "http://1.2.3.5/",
      "http://1.2.3.40/",
      "http://casino.co/",
      "http://astrolabio.net/casinos",
      "http://astrolabio.net/",
      "http://sub.astrolabio.net/casino/",
      "http://example.com/pornography",
  })
  void lookalikesDoNotMatch(String input) {
    assertThat(decide(input, STUDENT, TUESDAY_10AM)).startsWith("ALLOW ALLOWED ");
  }

  @ParameterizedTest(name = "{0} as {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      // school-wide lists come first, for everyone
      "http://blocked.example/        | student | BLOCK URL_BLOCKED own-block own",
      "http://blocked.example/        | teacher | BLOCK URL_BLOCKED own-block own",
      "http://example.org/forbidden/x | teacher | BLOCK URL_BLOCKED own-block own",
      "http://example.org/forbiddenx  | teacher | ALLOW ALLOWED null null",
      "http://good.casino.com/        | student | ALLOW ALLOWED_BY_EXCEPTION own-allow own",
      "http://x.good.casino.com/      | student | ALLOW ALLOWED_BY_EXCEPTION own-allow own",
      // a host in a school list and in a category: the school's list is what decided
      "http://both.example/           | student | BLOCK URL_BLOCKED own-block own",
      // bypass categories are reported as such
      "https://nordvpn.com/           | teacher | BLOCK BYPASS_BLOCKED vpn bypass",
      "nordvpn.com:443                | student | BLOCK BYPASS_BLOCKED vpn bypass",
      // expressions run over host/path?query, not over an authority
      "http://example.com/free/porn/  | student | BLOCK CATEGORY_BLOCKED adult young",
      "http://porn.example.com/       | student | BLOCK CATEGORY_BLOCKED adult young",
      "porn.example.com:443           | student | ALLOW ALLOWED null null",
      // exceptions for the group, categories for the group only
      "http://www.smartedu.cn/        | student | ALLOW ALLOWED_BY_EXCEPTION edu young",
      "http://casino.com/             | teacher | ALLOW ALLOWED gambling null",
      "http://casino.com/             | guest   | BLOCK CATEGORY_BLOCKED gambling young",
  })
  void rulesApplyInOrderWithTheRightReason(String input, String who, String expected) {
    UserIdentity user = switch (who) {
      case "student" -> STUDENT;
      case "teacher" -> TEACHER;
      default -> null;
    };
    assertThat(decide(input, user, TUESDAY_10AM)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      // lessons: Mon-Fri 08:00-12:00, 13:30-17:30
      "2026-11-24T07:59:59 | ALLOW ALLOWED social null",
      "2026-11-24T08:00    | BLOCK CATEGORY_BLOCKED social social-in-lessons",
      "2026-11-24T11:59:59 | BLOCK CATEGORY_BLOCKED social social-in-lessons",
      "2026-11-24T12:00    | ALLOW ALLOWED social null",
      "2026-11-24T13:30    | BLOCK CATEGORY_BLOCKED social social-in-lessons",
      "2026-11-28T10:00    | ALLOW ALLOWED social null",
      // National Day holiday: closed; the make-up Saturday has lessons in the morning only
      "2026-10-02T10:00    | ALLOW ALLOWED social null",
      "2026-10-10T10:00    | BLOCK CATEGORY_BLOCKED social social-in-lessons",
      "2026-10-10T14:00    | ALLOW ALLOWED social null",
      // outside daytime (05:00-23:30) students are off the network
      "2026-11-24T23:30    | BLOCK OUTSIDE_SCHEDULE social awake",
      "2026-11-25T04:59    | BLOCK OUTSIDE_SCHEDULE social awake",
      "2026-11-25T05:00    | ALLOW ALLOWED social null",
  })
  void studentSchedules(String localTime, String expected) {
    assertThat(decide("https://weibo.com/", STUDENT, at(localTime))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      // night: daily 22:00-06:00, crossing midnight and the week boundary
      "2026-11-27T21:59 | ALLOW ALLOWED social null",
      "2026-11-27T22:00 | BLOCK CATEGORY_BLOCKED social social-at-night",
      "2026-11-28T03:00 | BLOCK CATEGORY_BLOCKED social social-at-night",
      "2026-11-28T06:00 | ALLOW ALLOWED social null",
      "2026-11-29T23:30 | BLOCK CATEGORY_BLOCKED social social-at-night",
      "2026-11-30T00:30 | BLOCK CATEGORY_BLOCKED social social-at-night",
      "2026-11-30T05:59 | BLOCK CATEGORY_BLOCKED social social-at-night",
  })
  void teacherNightAcrossMidnightAndWeekBoundary(String localTime, String expected) {
    assertThat(decide("weibo.com:443", TEACHER, at(localTime))).isEqualTo(expected);
  }

  @Test
  void exceptionsOutrankTheExceptionAndSchoolListsOutrankTheSchedule() {
    // own-allow is checked before "awake": a school-listed site stays open at night
    assertThat(decide("http://casino.edu.cn/", STUDENT, at("2026-11-25T02:00")))
        .isEqualTo("ALLOW ALLOWED_BY_EXCEPTION own-allow own");
  }

  @Test
  void unidentifiedClientsGetTheGuestGroupOrMustAuthenticate() {
    assertThat(decide("http://casino.com/", null, TUESDAY_10AM)).isEqualTo("BLOCK CATEGORY_BLOCKED gambling young");
    PolicySnapshot strict = PolicyFixtures.snapshot(PolicyFixtures.POLICY.replace(
        "timezone: Asia/Shanghai", "timezone: Asia/Shanghai\nunauthenticated: auth-required"));
    Decision d = strict.decide(request("http://smartedu.cn/", null, TUESDAY_10AM));
    assertThat(d.action()).isEqualTo(Action.AUTH_REQUIRED);
    assertThat(d.reason()).isEqualTo(ReasonCode.AUTH_REQUIRED);
  }

  @Test
  void aUserInNoKnownGroupGetsOnlyTheRulesForEveryone() {
    UserIdentity visitor = UserIdentity.of("v1", "parents");
    assertThat(decide("http://casino.com/", visitor, TUESDAY_10AM)).isEqualTo("ALLOW ALLOWED gambling null");
    assertThat(decide("http://nordvpn.com/", visitor, TUESDAY_10AM)).isEqualTo("BLOCK BYPASS_BLOCKED vpn bypass");
  }

  @Test
  void allowListModeBlocksWhatNothingAllowed() {
    PolicySnapshot allowList = PolicyFixtures.snapshot("""
        school: kiosk
        default: block
        groups: [guest]
        rules:
          - id: only-edu
            allow: [edu]
        """);
    Decision blocked = allowList.decide(request("http://casino.com/", null, TUESDAY_10AM));
    assertThat(blocked.action()).isEqualTo(Action.BLOCK);
    assertThat(blocked.reason()).isEqualTo(ReasonCode.NOT_ALLOWED);
    assertThat(blocked.category()).isEqualTo("gambling");
    assertThat(blocked.ruleId()).isNull();
    assertThat(allowList.decide(request("http://smartedu.cn/", null, TUESDAY_10AM)).reason())
        .isEqualTo(ReasonCode.ALLOWED_BY_EXCEPTION);
  }

  @Test
  void everyDecisionRecordsThePolicyVersion() {
    assertThat(POLICY.version()).isEqualTo(3);
    assertThat(POLICY.decide(request("http://casino.com/", STUDENT, TUESDAY_10AM)).policyVersion()).isEqualTo(3);
    assertThat(POLICY.decide(request("http://x.org/", TEACHER, TUESDAY_10AM)).policyVersion()).isEqualTo(3);
  }

  @Test
  void everyLoadedCategoryIsCompiledSoDecisionsReportIt() {
    assertThat(POLICY.categories()).containsExactly("own-allow", "own-block", "adult", "edu", "gambling", "social", "vpn");
  }
}
