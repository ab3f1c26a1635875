package org.campusgate.policy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.campusgate.policy.document.PolicyDocumentParser;
import org.campusgate.policy.lists.CategoryList;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.url.UrlCanonicaliser;

/** A small school policy over hand-made lists, so every expected decision is plain to see. */
final class PolicyFixtures {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** Tuesday, a teaching morning. */
  static final Instant TUESDAY_10AM = at("2026-11-24T10:00");

  private PolicyFixtures() {}

  static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
  }

  static CategoryList list(String name, List<String> domains, List<String> urls, List<String> expressions) {
    return new CategoryList(name, Map.of("en", name), Map.of(), "black", domains, urls, expressions);
  }

  static ListSet lists() {
    TreeMap<String, CategoryList> m = new TreeMap<>();
    m.put("gambling", list("gambling", List.of("casino.com", "bet365.com", "1.2.3.4", "both.example"),
        List.of("astrolabio.net/casino/"), List.of()));
    m.put("vpn", list("vpn", List.of("nordvpn.com"), List.of(), List.of()));
    m.put("adult", list("adult", List.of(), List.of(), List.of("(^|[-/_.])porn([-/_.]|$)")));
    m.put("social", list("social", List.of("weibo.com"), List.of(), List.of()));
    m.put("edu", list("edu", List.of("smartedu.cn"), List.of(), List.of()));
    return new ListSet(m, Map.of("jeux", "gambling"));
  }

  static final String POLICY = """
      school: test-school
      version: 3
      timezone: Asia/Shanghai
      groups:
        students: 学生
        teachers: 教师
        guest: 访客
      schedules:
        lessons:
          weekly:
            - days: mon-fri
              times: ["08:00-12:00", "13:30-17:30"]
          exceptions:
            - dates: 2026-10-01..2026-10-07
              closed: true
            - dates: 2026-10-10
              times: ["08:00-12:00"]
        night:
          weekly:
            - days: daily
              times: ["22:00-06:00"]
        daytime:
          weekly:
            - days: daily
              times: ["05:00-23:30"]
      lists:
        own-allow:
          domains: [casino.edu.cn, good.casino.com]
        own-block:
          domains: [blocked.example, both.example]
          urls: [example.org/forbidden/]
      rules:
        - id: own
          allow: [own-allow]
          block: [own-block]
        - id: bypass
          block: [vpn]
        - id: young
          groups: [students, guest]
          allow: [edu]
          block: [jeux, adult]
        - id: awake
          groups: [students]
          when: daytime
          outside: block
        - id: social-in-lessons
          groups: [students]
          when: lessons
          block: [social]
        - id: social-at-night
          groups: [teachers]
          when: night
          block: [social]
      """;

  static PolicySnapshot snapshot() {
    return snapshot(POLICY);
  }

  static PolicySnapshot snapshot(String yaml) {
    try {
      return PolicyCompiler.compile(PolicyDocumentParser.parse(yaml, "test-policy.yaml"), lists());
    } catch (InvalidPolicyException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  static RequestContext request(String input, UserIdentity user, Instant time) {
    try {
      return RequestContext.builder().time(time).user(user).target(UrlCanonicaliser.canonicaliseInput(input)).build();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
