package org.campusgate.policy.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import org.campusgate.policy.InvalidPolicyException;
import org.campusgate.policy.PolicyError;
import org.junit.jupiter.api.Test;

class PolicyDocumentParserTest {

  private static InvalidPolicyException rejected(String yaml) {
    try {
      PolicyDocumentParser.parse(yaml, "test.yaml");
    } catch (InvalidPolicyException e) {
      return e;
    }
    throw new AssertionError("the document was accepted:\n" + yaml);
  }

  @Test
  void readsACompleteDocument() throws Exception {
    PolicyDocument doc = PolicyDocumentParser.parse("""
        school: s1
        name: 第一中学
        version: 7
        timezone: Asia/Urumqi
        default: block
        unauthenticated: auth-required
        bypass-categories: [vpn]
        groups:
          students: 学生
          teachers:
        schedules:
          lessons:
            weekly:
              - days: mon-fri
                times: ["08:00-12:00", "13:30-17:30"]
            exceptions:
              - dates: 2026-10-01..2026-10-07
                closed: true
        lists:
          own:
            domains: [Example.COM, ｅｘａｍｐｌｅ．org]
            urls: [www.example.net/Path/]
            expressions: ['casino[0-9]+']
        rules:
          - id: r1
            groups: [students]
            when: lessons
            outside: allow
            allow: own
            block: [gambling, vpn]
            otherwise: block
          - block: [adult]
        """, "test.yaml");
    assertThat(doc.schoolId()).isEqualTo("s1");
    assertThat(doc.schoolName()).isEqualTo("第一中学");
    assertThat(doc.version()).isEqualTo(7);
    assertThat(doc.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
    assertThat(doc.defaultAllow()).isFalse();
    assertThat(doc.unauthenticatedGroup()).isNull();
    assertThat(doc.groups()).containsEntry("students", "学生").containsEntry("teachers", "teachers");
    assertThat(doc.schedules().get("lessons").zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
    assertThat(doc.lists().get(0).domains()).containsExactly("example.com", "example.org");
    assertThat(doc.lists().get(0).urls()).containsExactly("example.net/path/");
    RuleSpec r1 = doc.rules().get(0);
    assertThat(r1.id()).isEqualTo("r1");
    assertThat(r1.outside()).isEqualTo(Fallthrough.ALLOW);
    assertThat(r1.otherwise()).isEqualTo(Fallthrough.BLOCK);
    assertThat(r1.allow()).extracting(Ref::name).containsExactly("own");
    assertThat(r1.block()).extracting(Ref::name, Ref::path, Ref::line)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("gambling", "rules[0].block[0]", 30),
            org.assertj.core.groups.Tuple.tuple("vpn", "rules[0].block[1]", 30));
    RuleSpec second = doc.rules().get(1);
    assertThat(second.id()).isEqualTo("rule-2");
    assertThat(second.groups()).isEmpty();
    assertThat(second.otherwise()).isEqualTo(Fallthrough.CONTINUE);
  }

  @Test
  void reportsEveryShapeErrorWithItsPathAndLine() {
    InvalidPolicyException e = rejected("""
        school: s1
        timezone: Mars/Olympus
        default: maybe
        colour: blue
        schedules:
          lessons:
            weekly:
              - days: mon-fry
                times: ["08:00-25:00"]
            exceptions:
              - dates: 2026-02-30
                closed: true
              - dates: 2026-10-01
        lists:
          own:
            domains: ["not a domain"]
            expressions: ['(unclosed']
        rules:
          - id: r1
            otherwise: sometimes
            outside: block
        """);
    assertThat(e.errors()).extracting(PolicyError::path, PolicyError::line).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("colour", 4),
        org.assertj.core.groups.Tuple.tuple("timezone", 2),
        org.assertj.core.groups.Tuple.tuple("default", 3),
        org.assertj.core.groups.Tuple.tuple("schedules.lessons.weekly[0].days", 8),
        org.assertj.core.groups.Tuple.tuple("schedules.lessons.weekly[0].times[0]", 9),
        org.assertj.core.groups.Tuple.tuple("schedules.lessons.exceptions[0].dates", 11),
        org.assertj.core.groups.Tuple.tuple("schedules.lessons.exceptions[1]", 13),
        org.assertj.core.groups.Tuple.tuple("lists.own.domains[0]", 16),
        org.assertj.core.groups.Tuple.tuple("lists.own.expressions[0]", 17),
        org.assertj.core.groups.Tuple.tuple("rules[0].otherwise", 20),
        org.assertj.core.groups.Tuple.tuple("rules[0].outside", 21));
    assertThat(e.getMessage())
        .contains("line 4: colour: unknown key 'colour'")
        .contains("unknown time zone 'Mars/Olympus'")
        .contains("unknown day 'fry'")
        .contains("not a domain: 'not a domain'")
        .contains("must be one of allow, block, continue, not 'sometimes'")
        .contains("only makes sense with 'when'");
  }

  @Test
  void aYamlSyntaxErrorNamesItsLine() {
    InvalidPolicyException e = rejected("school: s1\nrules:\n  - id: [unclosed\n");
    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).line()).isGreaterThanOrEqualTo(3);
    assertThat(e.errors().get(0).message()).startsWith("not valid YAML");
  }

  @Test
  void missingSchoolAndEmptyDocumentsAreRejected() {
    assertThat(rejected("").getMessage()).contains("the document is empty");
    assertThat(rejected("version: 2\n").errors()).extracting(PolicyError::path).containsExactly("school");
    assertThat(rejected("- a\n- b\n").getMessage()).contains("expected a mapping");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThat(rejected("school: a\nschool: b\n").getMessage()).containsIgnoringCase("duplicate");
  }

  @Test
  void hugeDocumentsAndAliasBombsAreRejected() {
    String big = "school: s\n# " + "x".repeat(PolicyDocumentParser.MAX_DOCUMENT_CHARS) + "\n";
    assertThat(rejected(big).getMessage()).contains("larger than");
    StringBuilder bomb = new StringBuilder("school: s\na0: &a0 [x, x]\n");
    for (int i = 1; i < 30; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
    }
    assertThatThrownBy(() -> PolicyDocumentParser.parse(bomb.toString(), "bomb.yaml"))
        .isInstanceOf(InvalidPolicyException.class);
  }
}
