package org.campusgate.audit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.IdentityEvent;
import org.junit.jupiter.api.Test;

class IngestQueueTest {

  private static IngestQueue.Pending one() {
    AuditRecord r = new IdentityEvent(java.util.UUID.randomUUID(),
        Instant.parse("2026-11-02T08:00:00Z"), "s", "g", IdentityEvent.Kind.LOGIN, "u", List.of(),
        "10.0.0.1", "basic", null);
    return new IngestQueue.Pending(List.of(r), new CompletableFuture<>());
  }

  @Test
  void aWriterLingeringForAFullerBatchIsWokenAsSoonAsTheBatchIsFull() throws Exception {
    IngestQueue queue = new IngestQueue(100);
    queue.offer(one());
    CompletableFuture<List<IngestQueue.Pending>> drained = CompletableFuture.supplyAsync(() -> {
      try {
        // Would linger for a minute; a full batch of 3 must end that at once.
        return queue.drain(3, Duration.ofSeconds(5), System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    queue.offer(one());
    queue.offer(one());
    assertThat(drained.get(30, TimeUnit.SECONDS)).hasSize(3);
    assertThat(queue.size()).isEqualTo(3); // drained, not yet done
  }

  @Test
  void afterAQuietSpellTheFirstRecordIsTakenWithoutLingering() throws Exception {
    IngestQueue queue = new IngestQueue(100);
    queue.offer(one());
    long before = System.nanoTime();
    List<IngestQueue.Pending> batch = queue.drain(1000, Duration.ofSeconds(5), before - 1);
    assertThat(batch).hasSize(1);
  }

  @Test
  void closingEndsALinger() throws Exception {
    IngestQueue queue = new IngestQueue(100);
    queue.offer(one());
    CompletableFuture<List<IngestQueue.Pending>> drained = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.drain(50, Duration.ofSeconds(5), System.nanoTime() + TimeUnit.MINUTES.toNanos(1));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    queue.close();
    assertThat(drained.get(30, TimeUnit.SECONDS)).hasSize(1);
  }
}
