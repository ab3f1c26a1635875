package org.campusgate.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.campusgate.policy.document.PolicyDocument;
import org.campusgate.policy.document.PolicyDocumentParser;
import org.campusgate.policy.lists.ListSet;
import org.junit.jupiter.api.Test;

class PolicyCompilerTest {

  private static InvalidPolicyException rejected(String yaml) throws Exception {
    PolicyDocument doc = PolicyDocumentParser.parse(yaml, "p.yaml");
    try {
      PolicyCompiler.compile(doc, PolicyFixtures.lists());
    } catch (InvalidPolicyException e) {
      return e;
    }
    throw new AssertionError("compiled:\n" + yaml);
  }

  @Test
  void reportsEveryBadReferenceWithItsPath() throws Exception {
    InvalidPolicyException e = rejected("""
        school: s
        unauthenticated: visitors
        groups: [students]
        lists:
          gambling:
            domains: [x.example]
        rules:
          - id: a
            groups: [studnets]
            when: lesons
            block: [gamblin, social]
          - id: a
            allow: [nothing]
        """);
    assertThat(e.errors()).extracting(PolicyError::toString).containsExactlyInAnyOrder(
        "lists.gambling: a list may not have the name of an imported category",
        "line 11: rules[0].block[0]: unknown category or list 'gamblin'",
        "line 13: rules[1].allow[0]: unknown category or list 'nothing'",
        "unauthenticated: unknown group 'visitors' (define it under groups, or say auth-required)",
        "line 9: rules[0].groups[0]: unknown group 'studnets' (defined: students)",
        "line 10: rules[0].when: unknown schedule 'lesons' (none defined)",
        "line 12: rules[1].id: duplicate rule id 'a'");
  }

  @Test
  void categoriesNeedLoadedLists() throws Exception {
    PolicyDocument doc = PolicyDocument.blocking(java.util.List.of("gambling"));
    assertThatThrownBy(() -> PolicyCompiler.compile(doc, ListSet.EMPTY))
        .isInstanceOf(InvalidPolicyException.class)
        .hasMessageContaining("unknown category or list 'gambling' (no category lists are loaded)");
  }

  @Test
  void theAdHocBlockingPolicyBlocksForEveryone() throws Exception {
    PolicySnapshot s = PolicyCompiler.compile(PolicyDocument.blocking(java.util.List.of("gambling", "vpn")), PolicyFixtures.lists());
    assertThat(s.decide(PolicyFixtures.request("http://casino.com/", null, PolicyFixtures.TUESDAY_10AM)).reason())
        .isEqualTo(ReasonCode.CATEGORY_BLOCKED);
    assertThat(s.decide(PolicyFixtures.request("nordvpn.com:443", UserIdentity.of("t", "teachers"), PolicyFixtures.TUESDAY_10AM)).reason())
        .isEqualTo(ReasonCode.BYPASS_BLOCKED);
    assertThat(s.decide(PolicyFixtures.request("http://weibo.com/", null, PolicyFixtures.TUESDAY_10AM)).action())
        .isEqualTo(Action.ALLOW);
  }
}
