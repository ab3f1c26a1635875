package org.campusgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventIdsTest {
  private static final Instant T = Instant.parse("2026-11-23T08:00:00.123Z");

  @Test
  void idsAreVersion7CarryTheirMillisecondAndDifferAcrossThreads() throws Exception {
    EventIds ids = new EventIds();
    List<CompletableFuture<List<UUID>>> made = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      made.add(CompletableFuture.supplyAsync(() -> {
        List<UUID> out = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
          out.add(ids.next(T));
        }
        return out;
      }));
    }
    Set<UUID> all = new HashSet<>();
    for (CompletableFuture<List<UUID>> f : made) {
      for (UUID id : f.get(60, TimeUnit.SECONDS)) {
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(EventIds.timeOf(id)).isEqualTo(T);
        all.add(id);
      }
    }
    assertThat(all).hasSize(200_000);
  }

  @Test
  void aSeededSourceGivesRepeatableIds() {
    assertThat(new EventIds(new java.util.Random(7)).next(T))
        .isEqualTo(new EventIds(new java.util.Random(7)).next(T));
  }
}
