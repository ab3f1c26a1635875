package org.campusgate.audit.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.EventIds;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A quick, opt-in local check of add() throughput and bytes per event on disk
 * ({@code -Dindex.throughput=true}); not a benchmark, and skipped in normal builds.
 */
class EventIndexThroughputCheck {
  @TempDir Path dir;

  @Test
  void addThroughputAndSize() throws IOException {
    Assumptions.assumeTrue(Boolean.getBoolean("index.throughput"), "opt-in");
    int n = Integer.getInteger("index.throughput.docs", 200_000);
    List<AccessEvent> events = realistic(n);
    try (EventIndex index = EventIndex.open(dir, IndexOptions.defaults())) {
      int warm = n / 4;
      for (int i = 0; i < warm; i++) {
        index.add(i, events.get(i));
      }
      long t0 = System.nanoTime();
      for (int i = warm; i < n; i++) {
        index.add(i, events.get(i));
      }
      long addNanos = System.nanoTime() - t0;
      long c0 = System.nanoTime();
      index.commit(n - 1);
      long commitNanos = System.nanoTime() - c0;
      index.refresh();
      long q0 = System.nanoTime();
      AuditQuery q = AuditQuery.between(events.get(0).timestamp(),
          events.get(n - 1).timestamp().plusSeconds(1)).user("user-17").build();
      long hits = index.search(q).total();
      long queryNanos = System.nanoTime() - q0;
      long bytes = size(dir);
      System.out.printf("add: %.0f docs/s (%.2f us/doc) over %d docs; commit %d ms;"
              + " disk %.1f B/doc; one-user query %d hits in %.1f ms%n",
          (n - warm) / (addNanos / 1e9), addNanos / 1e3 / (n - warm), n - warm,
          commitNanos / 1_000_000, (double) bytes / n, hits, queryNanos / 1e6);
      assertThat(hits).isPositive();
    }
  }

  /**
   * Events at 100k/s: 5,000 users on 4,096 addresses, 20,000 hosts (skewed towards the
   * popular ones), and URLs on 2 events of 3, nearly all distinct (the worst case for the
   * url terms).
   */
  static List<AccessEvent> realistic(int n) {
    Random r = new Random(5);
    String[] hosts = new String[20_000];
    for (int i = 0; i < hosts.length; i++) {
      hosts[i] = (i % 3 == 0 ? "www." : "cdn" + i % 7 + ".") + "site" + i + ".com";
    }
    EventIds ids = new EventIds(new Random(6));
    Instant start = Instant.parse("2026-06-01T09:00:00Z");
    List<AccessEvent> out = new ArrayList<>(n);
    String[] actions = {"ALLOW", "ALLOW", "ALLOW", "BLOCK"};
    for (int i = 0; i < n; i++) {
      Instant at = start.plus(Duration.ofNanos(i * 10_000L));
      String host = hosts[r.nextInt(r.nextInt(hosts.length) + 1)];
      out.add(AccessEvent.builder().eventId(ids.next(at)).timestamp(at).schoolId("school-1")
          .gatewayId("gw-1").userId("user-" + r.nextInt(5000))
          .groups(List.of("grade-" + r.nextInt(12), "students"))
          .clientIp("10." + r.nextInt(16) + ".0." + r.nextInt(256))
          .method("GET").host(host).port(443)
          .url(r.nextInt(3) == 0 ? null
              : "https://" + host + "/watch?v=" + Long.toString(r.nextLong() >>> 16, 36))
          .bytesUp(r.nextInt(2000)).bytesDown(r.nextInt(500_000))
          .category("cat-" + r.nextInt(80))
          .appId(r.nextInt(4) == 0 ? "app-" + r.nextInt(200) : null)
          .action(actions[r.nextInt(4)]).reason("R" + r.nextInt(10))
          .ruleId("rule-" + r.nextInt(40))
          .build());
    }
    return out;
  }

  static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
