package org.campusgate.audit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.EvidenceBundle;
import org.campusgate.audit.TestEvents;
import org.campusgate.audit.integrity.CheckpointVerifier;
import org.campusgate.audit.integrity.EvidenceVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Old segments go; the legal six months never do; what remains still verifies and proves.
 */
class RetentionTest {
  private static final Instant NOW = Instant.parse("2026-11-23T04:00:00Z");
  private static final Instant OLD = NOW.minus(Duration.ofDays(300));
  private static final Instant JUST_INSIDE_FLOOR = Instant.parse("2026-05-24T00:00:00Z");

  @TempDir Path dir;
  private final TestEvents events = new TestEvents();

  private List<AccessEvent> day(Instant start, int n, String user) {
    List<AccessEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(events.access(start.plusSeconds(i).toString(), user, "10.0.0.1", "h.example")
          .build());
    }
    return out;
  }

  @Test
  void removesOnlyWholeSegmentsOlderThanRetentionAndTheRestStillVerifies() throws Exception {
    EmbeddedStoreConfig config = EmbeddedStoreConfig.builder(dir.resolve("audit"), "test/gw")
        .segmentBytes(64 * 1024).compressSealedSegments(false)
        .commitInterval(Duration.ofMillis(20)).build();
    List<AccessEvent> recent = day(NOW.minus(Duration.ofDays(2)), 1500, "recent");
    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(config)) {
      store.append(day(OLD, 1500, "old")).awaitDurable(Duration.ofSeconds(10));
      store.checkpointNow();
      store.append(day(JUST_INSIDE_FLOOR, 1500, "floor")).awaitDurable(Duration.ofSeconds(10));
      store.append(recent).awaitDurable(Duration.ofSeconds(10));
      store.checkpointNow();

      assertThat(store.removedThrough()).as("nothing removed yet").isEmpty();
      List<String> removed = store.applyRetention(NOW);

      assertThat(removed).isNotEmpty();
      assertThat(store.removedThrough()).as("the newest removed record is an old one")
          .hasValueSatisfying(t -> assertThat(t).isBetween(OLD, JUST_INSIDE_FLOOR));
      Instant epoch = Instant.parse("2025-01-01T00:00:00Z");
      AuditQuery old = AuditQuery.between(epoch, OLD.plus(Duration.ofDays(1))).user("old").build();
      assertThat(store.search(old).total()).isZero();
      AuditQuery floor = AuditQuery.between(epoch, NOW).user("floor").build();
      assertThat(store.search(floor).total()).as("inside the six-month floor").isEqualTo(1500);
      assertThat(store.verify(JUST_INSIDE_FLOOR, NOW).problems()).isEmpty();

      EvidenceBundle bundle = store.proof(List.of(recent.get(0).eventId(),
          recent.get(1499).eventId()));
      assertThat(new EvidenceVerifier(new CheckpointVerifier(store.verifierKey()))
          .verify(bundle)).isEmpty();
    }
    // and after a restart, with the removed prefix gone for good
    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(config)) {
      assertThat(store.removedThrough()).as("kept across a restart")
          .hasValueSatisfying(t -> assertThat(t).isBetween(OLD, JUST_INSIDE_FLOOR));
      assertThat(store.verify(JUST_INSIDE_FLOOR, NOW).problems()).isEmpty();
      store.append(day(NOW, 10, "later")).awaitDurable(Duration.ofSeconds(10));
      assertThat(store.checkpointNow().checkpoint().treeSize()).isEqualTo(4510);
    }
  }

  @Test
  void nothingInsideTheFloorIsRemovedWhateverTheClockSays() throws Exception {
    EmbeddedStoreConfig config = EmbeddedStoreConfig.builder(dir.resolve("audit"), "test/gw")
        .segmentBytes(16 * 1024).compressSealedSegments(false).build();
    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(config)) {
      store.append(day(JUST_INSIDE_FLOOR, 2000, "floor")).awaitDurable(Duration.ofSeconds(10));
      assertThat(store.applyRetention(NOW)).isEmpty();
      assertThat(store.applyRetention(JUST_INSIDE_FLOOR.plus(Duration.ofDays(183)))).isEmpty();
      assertThat(store.removedThrough()).isEmpty();
      assertThat(store.search(AuditQuery.between(JUST_INSIDE_FLOOR, NOW).build()).total())
          .isEqualTo(2000);
    }
  }
}
