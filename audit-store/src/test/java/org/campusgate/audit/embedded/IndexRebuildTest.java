package org.campusgate.audit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.TimeBucket;
import org.campusgate.audit.testing.SyntheticEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The indexes are derived: dropped, they come back from the journal with the same answers. */
class IndexRebuildTest {
  @TempDir Path dir;

  @Test
  void droppedIndexesAreRebuiltFromTheJournal() throws Exception {
    EmbeddedStoreConfig config = EmbeddedStoreConfig.builder(dir.resolve("audit"), "test/gw")
        .build();
    List<AuditRecord> records = SyntheticEvents.builder().seed(7).days(2).schools(2)
        .usersPerSchool(40).eventsPerDay(6_000).build().stream().toList();
    Instant from = records.get(0).timestamp();
    Instant to = records.get(records.size() - 1).timestamp().plusSeconds(1);
    AuditQuery all = AuditQuery.between(from, to).build();
    AuditQuery blocks = AuditQuery.between(from, to).action("BLOCK").build();
    long total;
    long blocked;
    Object byCategory;
    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(config)) {
      for (int i = 0; i < records.size(); i += 1000) {
        store.append(records.subList(i, Math.min(records.size(), i + 1000)));
      }
      store.append(List.of()).awaitDurable(Duration.ofSeconds(30));
      assertThat(store.drain(Duration.ofSeconds(30))).isTrue();
      total = store.search(all).total();
      blocked = store.search(blocks).total();
      byCategory = store.aggregate(all, List.of(GroupField.CATEGORY), TimeBucket.DAY,
          ZoneId.of("Asia/Shanghai")).rows();
    }
    assertThat(total).isPositive();

    EmbeddedAuditStore.dropDerivedIndexes(config.directory());
    assertThat(config.directory().resolve("index")).doesNotExist();
    assertThat(Files.exists(config.directory().resolve("journal"))).isTrue();

    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(config)) {
      assertThat(store.search(all).total()).isEqualTo(total);
      assertThat(store.search(blocks).total()).isEqualTo(blocked);
      assertThat(store.aggregate(all, List.of(GroupField.CATEGORY), TimeBucket.DAY,
          ZoneId.of("Asia/Shanghai")).rows()).isEqualTo(byCategory);
    }
  }
}
