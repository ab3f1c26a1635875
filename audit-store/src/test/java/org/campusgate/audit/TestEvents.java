package org.campusgate.audit;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Small hand-made events for the contract tests: readable, each field chosen by the test. */
public final class TestEvents {
  private final EventIds ids = new EventIds(new Random(42));

  /** An allowed GET by {@code user} from {@code ip} to {@code url}'s host at {@code time}. */
  public AccessEvent.Builder access(String time, String user, String ip, String host) {
    Instant at = Instant.parse(time);
    return AccessEvent.builder()
        .eventId(ids.next(at))
        .timestamp(at)
        .schoolId("school-1")
        .gatewayId("gw-1")
        .userId(user)
        .groups(List.of("students"))
        .authMethod("proxy-basic")
        .clientIp(ip)
        .method("GET")
        .host(host)
        .port(80)
        .url("http://" + host + "/")
        .httpStatus(200)
        .bytesUp(100)
        .bytesDown(1000)
        .durationMillis(12)
        .action("ALLOW")
        .reason("ALLOWED")
        .policyVersion(3)
        .userAgent("Mozilla/5.0");
  }

  public IdentityEvent identity(String time, IdentityEvent.Kind kind, String user, String address) {
    Instant at = Instant.parse(time);
    return new IdentityEvent(ids.next(at), at, "school-1", "gw-1", kind, user,
        List.of("students"), address, "proxy-basic", null);
  }

  public UUID id(Instant at) {
    return ids.next(at);
  }
}
