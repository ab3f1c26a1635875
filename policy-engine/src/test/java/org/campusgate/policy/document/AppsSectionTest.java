package org.campusgate.policy.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import org.campusgate.policy.InvalidPolicyException;
import org.campusgate.policy.PolicyError;
import org.campusgate.policy.apps.AppRules;
import org.junit.jupiter.api.Test;

/** The {@code apps:} section: the school's settings of the learning-app rules. */
class AppsSectionTest {
  static final String HEAD = """
      school: s1
      groups: [students, teachers, grade7]
      """;

  @Test
  void withoutTheSectionTheDefaultsApply() throws Exception {
    AppRules r = PolicyDocumentParser.parse(HEAD, "t").appRules();
    assertThat(r.minorGroups()).containsExactly("students");
    assertThat(r.trainingEnds()).isEqualTo(LocalTime.of(21, 0));
    assertThat(r.gamesBanned()).isTrue();
    assertThat(r.staleAfterDays()).isEqualTo(30);
    assertThat(r.province()).isNull();
  }

  @Test
  void readsEverySetting() throws Exception {
    AppRules r = PolicyDocumentParser.parse(HEAD + """
        apps:
          province: GD
          whitelist-required: true
          minors: [students, grade7]
          training-ends: "20:30"
          training-resumes: "07:00"
          games: legal-hours
          holidays: [2026-10-01..2026-10-07]
          make-up-workdays: [2026-10-09]
          stale-after-days: 7
        """, "t").appRules();
    assertThat(r.province()).isEqualTo("GD");
    assertThat(r.whitelistRequired()).isTrue();
    assertThat(r.minorGroups()).containsExactlyInAnyOrder("students", "grade7");
    assertThat(r.trainingEnds()).isEqualTo(LocalTime.of(20, 30));
    assertThat(r.trainingResumes()).isEqualTo(LocalTime.of(7, 0));
    assertThat(r.gamesBanned()).isFalse();
    assertThat(r.staleAfterDays()).isEqualTo(7);
    // National Day (a Thursday) is a holiday hour; the make-up Friday is a working day.
    assertThat(r.gameHours().isActive(Instant.parse("2026-10-01T12:30:00Z"))).isTrue();
    assertThat(r.gameHours().isActive(Instant.parse("2026-10-09T12:30:00Z"))).isFalse();
    assertThat(r.gameHours().isActive(Instant.parse("2026-10-16T12:30:00Z"))).as("an ordinary Friday 20:30").isTrue();
  }

  @Test
  void mistakesAreReportedWithTheirPathAndLine() {
    assertThatThrownBy(() -> PolicyDocumentParser.parse(HEAD + """
        apps:
          minors: [pupils]
          training-ends: "9pm"
          games: sometimes
          stale-after-days: -1
          colour: red
        """, "t"))
        .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.errors())
            .extracting(PolicyError::path, PolicyError::line)
            .contains(
                org.assertj.core.groups.Tuple.tuple("apps.minors[0]", 4),
                org.assertj.core.groups.Tuple.tuple("apps.training-ends", 5),
                org.assertj.core.groups.Tuple.tuple("apps.games", 6),
                org.assertj.core.groups.Tuple.tuple("apps.stale-after-days", 7)));
  }
}
