package org.campusgate.policy.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.campusgate.policy.InvalidPolicyException;
import org.campusgate.policy.PolicyCompiler;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.document.PolicyDocumentParser;
import org.campusgate.policy.lists.ListFormatException;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.lists.Ut1Importer;

/**
 * What the benchmarks share: where the full UT1 archive is, and the school policy they compile.
 *
 * <p>The archive is not in the repository: {@code bench/jmh} passes {@code
 * -Dut1.archive=../shared/data/ut1-blacklists.tar.gz} (or {@code $UT1_ARCHIVE}) to the runner
 * and to every JMH fork. UT1 lists: Université Toulouse 1 Capitole, CC BY-SA 4.0.
 */
final class BenchFixtures {
  static final String ARCHIVE_PROPERTY = "ut1.archive";
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** Tuesday 10:00 in Shanghai: a lesson is on, so every student rule applies. */
  static final Instant TUESDAY_10AM = LocalDateTime.parse("2026-11-24T10:00").atZone(SHANGHAI).toInstant();

  /**
   * A middle school's policy: the school's own lists, bypass categories for everyone, ten UT1
   * categories blocked for students (two of them only in lessons), students offline at night,
   * and the security categories for teachers too. Category names in UT1's English aliases where
   * UT1 has them ({@code drugs} is {@code drogue}, {@code violence} is {@code agressif}).
   */
  static final String SCHOOL_POLICY = """
      school: bench-school
      name: 基准中学 Benchmark Middle School
      version: 7
      timezone: Asia/Shanghai
      default: allow
      unauthenticated: guest

      groups:
        students: 学生 Students
        teachers: 教师 Teachers
        guest: 访客 Guests

      schedules:
        lessons:
          weekly:
            - days: mon-fri
              times: ["08:00-12:00", "13:30-17:30"]
          exceptions:
            - name: 国庆节 National Day
              dates: 2026-10-01..2026-10-07
              closed: true
            - name: 调休上班 make-up working day
              dates: 2026-10-10
              times: ["08:00-12:00", "13:30-17:30"]
        daytime:
          weekly:
            - days: daily
              times: ["06:00-22:00"]

      lists:
        school-allow:
          description: Sites every group may always use
          domains: [bench-school.edu.cn, smartedu.cn, zxx.edu.cn, basic.smartedu.cn]
        school-block:
          description: Sites the school blocks for everyone
          domains: [blocked.example, game-cheats.example]
          urls: [example.org/forbidden/, video-share.example.com/live/]

      rules:
        - id: school-lists
          allow: [school-allow]
          block: [school-block]
        - id: no-bypass
          block: [vpn, doh, redirector]
        - id: protect-minors
          groups: [students, guest]
          block: [adult, gambling, dating, drugs, violence, warez, malware, phishing]
        - id: lessons-focus
          groups: [students]
          when: lessons
          block: [games, social_networks]
        - id: students-daytime-only
          groups: [students]
          when: daytime
          outside: block
        - id: security
          groups: [teachers]
          block: [malware, phishing]
      """;

  private BenchFixtures() {}

  /** The UT1 archive named by {@code -Dut1.archive}; fails with a hint when it is missing. */
  static Path ut1Archive() {
    String value = System.getProperty(ARCHIVE_PROPERTY);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("-D" + ARCHIVE_PROPERTY + "=<ut1-blacklists.tar.gz> is not set;"
          + " run the benchmarks through bench/jmh, which sets it (override with UT1_ARCHIVE)");
    }
    Path path = Path.of(value);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("UT1 archive not found: " + path.toAbsolutePath()
          + " (expected ../shared/data/ut1-blacklists.tar.gz beside the repository, or set UT1_ARCHIVE)");
    }
    return path;
  }

  /** Imports every category of the full UT1 archive. */
  static ListSet importUt1() {
    try {
      return Ut1Importer.importPath(ut1Archive());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ListFormatException e) {
      throw new IllegalStateException("UT1 archive rejected: " + e.getMessage(), e);
    }
  }

  /** Parses and compiles {@link #SCHOOL_POLICY} against {@code lists}. */
  static PolicySnapshot compileSchoolPolicy(ListSet lists) {
    try {
      return PolicyCompiler.compile(PolicyDocumentParser.parse(SCHOOL_POLICY, "bench-policy.yaml"), lists);
    } catch (InvalidPolicyException e) {
      throw new IllegalStateException("benchmark policy rejected: " + e.getMessage(), e);
    }
  }
}
