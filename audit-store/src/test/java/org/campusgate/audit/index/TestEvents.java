package org.campusgate.audit.index;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.EventIds;

/** Deterministic synthetic access events for the index tests. */
final class TestEvents {
  static final String[] SCHOOLS = {"school-1", "school-2"};
  static final String[] USERS = {"alice", "bob", "carol", "dave", null};
  static final String[] HOSTS = {"www.example.com", "a.b.example.com", "example.com",
      "video.example.org", "cdn.games.test"};
  static final String[] CATEGORIES = {"education", "games", "video", null};
  static final String[] APPS = {"wiki", "tube", null};
  static final String[] ACTIONS = {"ALLOW", "BLOCK", "AUTH_REQUIRED"};
  static final String[] REASONS = {"CATEGORY", "DEFAULT", "APP"};
  static final String[] RULES = {"r1", "r2", null};
  static final List<List<String>> GROUPS = List.of(List.of(), List.of("students"),
      List.of("staff", "teachers"), List.of("teachers", "students"));

  private final Random random;
  private final EventIds ids;

  TestEvents(long seed) {
    random = new Random(seed);
    ids = new EventIds(new Random(seed + 1));
  }

  /** {@code n} events spread evenly over [start, start + span). */
  List<AccessEvent> spread(Instant start, Duration span, int n) {
    List<AccessEvent> out = new ArrayList<>(n);
    long step = Math.max(1, span.toMillis() / n);
    for (int i = 0; i < n; i++) {
      out.add(random(start.plusMillis(i * step + random.nextInt((int) Math.min(step, 1000)))));
    }
    return out;
  }

  AccessEvent random(Instant at) {
    String host = pick(HOSTS);
    int ip = random.nextInt(6);
    return AccessEvent.builder()
        .eventId(ids.next(at))
        .timestamp(at)
        .schoolId(pick(SCHOOLS))
        .gatewayId("gw-1")
        .userId(pick(USERS))
        .groups(GROUPS.get(random.nextInt(GROUPS.size())))
        .clientIp(ip == 5 ? "2001:db8::" + ip : "10.0.0." + ip)
        .method("GET")
        .host(host)
        .port(443)
        .url(random.nextInt(5) == 0 ? null
            : "https://" + host + "/Path/" + random.nextInt(50) + (random.nextBoolean()
                ? "?q=a*b" : "/Index.HTML"))
        .bytesUp(random.nextInt(1000))
        .bytesDown(random.nextInt(100_000))
        .category(pick(CATEGORIES))
        .appId(pick(APPS))
        .action(pick(ACTIONS))
        .reason(pick(REASONS))
        .ruleId(pick(RULES))
        .build();
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}
