package org.campusgate.audit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AppendTicket;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditStoreFullException;
import org.campusgate.audit.OverflowMode;
import org.campusgate.audit.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the writer cannot keep up, the configured mode applies and no event is lost silently. */
class BackPressureTest {
  private static final Instant DAY = Instant.parse("2026-10-12T00:00:00Z");
  private static final int OFFERED = 3000;

  @TempDir Path dir;
  private final TestEvents events = new TestEvents();

  private EmbeddedAuditStore open(OverflowMode mode) throws Exception {
    return EmbeddedAuditStore.open(EmbeddedStoreConfig.builder(dir.resolve("audit"), "test/gw")
        .queueCapacity(4).overflowMode(mode).commitInterval(Duration.ofMillis(20)).build());
  }

  private AccessEvent event(int i) {
    return events.access(DAY.plusMillis(i).toString(), "u" + i, "10.0.0.1", "h.example").build();
  }

  @Test
  void failClosedRefusesWhatItCannotTakeAndKeepsEverythingItTook() throws Exception {
    try (EmbeddedAuditStore store = open(OverflowMode.FAIL_CLOSED)) {
      List<AppendTicket> accepted = new ArrayList<>();
      int refused = 0;
      // one event per append, far faster than one fsync per batch can absorb with 4 slots
      for (int i = 0; i < OFFERED; i++) {
        try {
          accepted.add(store.append(List.of(event(i))));
        } catch (AuditStoreFullException e) {
          assertThat(e).hasMessageContaining("fail-closed");
          refused++;
        }
      }
      assertThat(refused).isPositive();
      for (AppendTicket t : accepted) {
        assertThat(t.awaitDurable(Duration.ofSeconds(10))).isNotNegative();
      }
      long stored = store.search(AuditQuery.between(DAY, DAY.plusSeconds(60)).build()).total();
      assertThat(stored).isEqualTo(accepted.size()).isEqualTo(OFFERED - refused);
    }
  }

  @Test
  void spoolTakesTheOverflowToDiskAndIngestsItLater() throws Exception {
    try (EmbeddedAuditStore store = open(OverflowMode.SPOOL)) {
      List<AppendTicket> tickets = new ArrayList<>();
      for (int i = 0; i < OFFERED; i++) {
        tickets.add(store.append(List.of(event(i))));
      }
      long spooled = 0;
      for (AppendTicket t : tickets) {
        if (t.awaitDurable(Duration.ofSeconds(10)) < 0) {
          spooled++;
        }
      }
      assertThat(spooled).as("events that went through the spool").isPositive();
      assertThat(store.drain(Duration.ofSeconds(30))).isTrue();
      assertThat(store.search(AuditQuery.between(DAY, DAY.plusSeconds(60)).build()).total())
          .isEqualTo(OFFERED);
      assertThat(store.verify(DAY, DAY.plusSeconds(60)).problems()).isEmpty();
    }
  }

  @Test
  void closingRightAfterAnOverflowStillIngestsEverySpooledEvent() throws Exception {
    int spooledBeforeClose;
    try (EmbeddedAuditStore store = open(OverflowMode.SPOOL)) {
      for (int i = 0; i < OFFERED; i++) {
        store.append(List.of(event(i)));
      }
      spooledBeforeClose = (int) store.backlog();
    }
    try (EmbeddedAuditStore store = open(OverflowMode.FAIL_CLOSED)) {
      assertThat(store.drain(Duration.ofSeconds(30))).isTrue();
      assertThat(store.search(AuditQuery.between(DAY, DAY.plusSeconds(60)).build()).total())
          .as("all %d offered, %d waiting at close", OFFERED, spooledBeforeClose)
          .isEqualTo(OFFERED);
    }
  }
}
