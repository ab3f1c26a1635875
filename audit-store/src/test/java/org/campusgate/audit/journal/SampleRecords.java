package org.campusgate.audit.journal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.IdentityEvent;

/** Records for the journal tests: full, sparse, and numbered series. */
final class SampleRecords {
  static final Instant T0 = Instant.parse("2025-03-04T08:15:30.123456789Z");

  private SampleRecords() {}

  static AccessEvent fullAccess() {
    return AccessEvent.builder()
        .eventId(new UUID(0x0195_5a1b_2c3d_7abcL, 0x8123_4567_89ab_cdefL))
        .timestamp(T0)
        .schoolId("school-1")
        .gatewayId("gw-1")
        .userId("élève.dupont")
        .groups(List.of("students", "grade-7", "日本語"))
        .authMethod("proxy-basic")
        .clientIp("10.1.2.3")
        .method("GET")
        .host("example.org")
        .port(443)
        .sni("example.org")
        .url("https://example.org/path?q=😀")
        .httpStatus(200)
        .bytesUp(1234)
        .bytesDown(Long.MAX_VALUE)
        .durationMillis(87)
        .category("education")
        .appId("wiki")
        .action("ALLOW")
        .reason("CATEGORY_ALLOWED")
        .ruleId("rule-12")
        .policyVersion(-7)
        .providerFiling("P-2024-001")
        .schoolFiling("S-9")
        .tlsInspected(true)
        .userAgent("Mozilla/5.0")
        .build();
  }

  static AccessEvent sparseAccess() {
    return AccessEvent.builder()
        .eventId(new UUID(0, 0))
        .timestamp(Instant.ofEpochSecond(-5, 0))
        .schoolId("")
        .gatewayId("g")
        .action("BLOCK")
        .reason("")
        .build();
  }

  static IdentityEvent fullIdentity() {
    return new IdentityEvent(new UUID(-1, -2), T0.plusSeconds(1), "school-1", "console",
        IdentityEvent.Kind.BINDING_ADDED, "teacher.kim", List.of("staff"), "10.1.2.0/24",
        "ip-binding", "admin.lee");
  }

  static IdentityEvent sparseIdentity() {
    return new IdentityEvent(new UUID(1, 2), T0, "school-1", "gw-1",
        IdentityEvent.Kind.LOGIN_FAILED, "nobody", null, "10.0.0.1", null, null);
  }

  /** A small access event numbered {@code i}, with a timestamp that moves with it. */
  static AuditRecord numbered(long i) {
    if (i % 10 == 7) {
      return new IdentityEvent(new UUID(7, i), T0.plusMillis(i), "school-1", "gw-1",
          IdentityEvent.Kind.LOGIN, "user" + (i % 13), List.of("students"), "10.0.0." + (i % 250),
          "proxy-basic", null);
    }
    return AccessEvent.builder()
        .eventId(new UUID(1, i))
        .timestamp(T0.plusMillis(i))
        .schoolId("school-1")
        .gatewayId("gw-1")
        .userId("user" + (i % 13))
        .groups(List.of("students"))
        .clientIp("10.0.0." + (i % 250))
        .method("GET")
        .host("host" + (i % 31) + ".example")
        .port(443)
        .url("https://host" + (i % 31) + ".example/page/" + i)
        .httpStatus(200)
        .bytesUp(i)
        .bytesDown(i * 3)
        .action("ALLOW")
        .reason("DEFAULT")
        .build();
  }
}
