package org.campusgate.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.campusgate.policy.PolicyCompiler;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppKind;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.Fingerprints;
import org.campusgate.policy.document.PolicyDocumentParser;
import org.campusgate.policy.lists.ListSet;
import org.junit.jupiter.api.Test;

class RegisterFreshnessCheckTest {
  static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

  static PolicySnapshot withRegisterUpdatedAt(Instant lastUpdate) throws Exception {
    AppRegister register = AppRegister.builder()
        .app(new App("ketang", "示范课堂", AppKind.LEARNING, null, null, Set.of(), Fingerprints.ofDomains("ketang.test")))
        .lastUpdate(lastUpdate).build();
    return PolicyCompiler.compile(PolicyDocumentParser.parse("school: s1\ngroups: [students, guest]\n", "t"),
        ListSet.EMPTY, register);
  }

  static RegisterFreshnessCheck check(Optional<PolicySnapshot> s) {
    return new RegisterFreshnessCheck(() -> s, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void freshDataIsHealthyAndSaysHowOldItIs() throws Exception {
    var result = check(Optional.of(withRegisterUpdatedAt(NOW.minusSeconds(86_400)))).execute();
    assertThat(result.isHealthy()).isTrue();
    assertThat(result.getMessage()).contains("2026-11-22T02:00:00Z").contains("30 days");
  }

  @Test
  void staleDataIsUnhealthyAndSaysStudentsAreBlocked() throws Exception {
    var result = check(Optional.of(withRegisterUpdatedAt(NOW.minusSeconds(31 * 86_400L)))).execute();
    assertThat(result.isHealthy()).isFalse();
    assertThat(result.getMessage()).contains("stale").contains("students are blocked");
  }

  @Test
  void noRegisterOrNoPolicyIsNothingToWarnAbout() {
    assertThat(check(Optional.empty()).execute().isHealthy()).isTrue();
  }
}
