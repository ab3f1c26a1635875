package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.campusgate.audit.AccessEvent;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy that requires identification: unidentified clients get 407 with the realm. */
class ProxyAuthTest {
  static final String POLICY = """
      school: auth-school
      name: Auth School
      version: 3
      timezone: Asia/Shanghai
      default: allow
      unauthenticated: auth-required
      groups:
        students: Students
      rules:
        - id: students-gambling
          groups: [students]
          block: [gambling]
      """;

  @Test
  void unidentifiedClientGets407(@TempDir Path dir) throws Exception {
    try (Harness h = new Harness(dir, TestPolicies.of(POLICY),
        GatewayConfig.builder().schoolId("auth-school").realm("Auth School"))) {
      Harness.Result r = h.curl("-v", "-w", "|%{http_code}", h.originUrl("/hello"));
      assertThat(r.out()).endsWith("|407");
      assertThat(r.err()).containsIgnoringCase("Proxy-Authenticate: Basic realm=\"Auth School\"");
      AccessEvent e = h.nextEvent();
      assertThat(e.action()).isEqualTo("AUTH_REQUIRED");
      assertThat(e.httpStatus()).isEqualTo(407);
      assertThat(e.policyVersion()).isEqualTo(3);
      assertThat(e.schoolId()).isEqualTo("auth-school");
    }
  }
}
