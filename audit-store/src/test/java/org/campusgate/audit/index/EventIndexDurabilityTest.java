package org.campusgate.audit.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AggregateResult;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.TimeBucket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventIndexDurabilityTest {
  static final Instant DAY1 = Instant.parse("2026-05-10T00:00:00Z");
  static final AuditQuery ALL = AuditQuery.between(DAY1.minus(Duration.ofDays(5)),
      DAY1.plus(Duration.ofDays(5))).limit(AuditQuery.MAX_LIMIT).build();

  @TempDir Path dir;
  final List<AccessEvent> journal =
      new TestEvents(3).spread(DAY1, Duration.ofDays(2), 400);

  long count(EventIndex index) throws IOException {
    index.refresh();
    return index.search(ALL).total();
  }

  int replay(EventIndex index, long from, int to) throws IOException {
    int added = 0;
    for (int s = (int) from; s < to; s++) {
      added += index.add(s, journal.get(s)) ? 1 : 0;
    }
    return added;
  }

  @Test
  void replayAfterCommitAndReopenDoesNotDuplicate() throws IOException {
    try (EventIndex index = EventIndex.open(dir, IndexOptions.defaults())) {
      assertThat(index.committedSeq()).isEqualTo(-1);
      replay(index, 0, 300);
      index.commit(299);
      assertThat(index.committedSeq()).isEqualTo(299);
    }
    try (EventIndex index = EventIndex.open(dir, IndexOptions.defaults())) {
      assertThat(index.committedSeq()).isEqualTo(299);
      assertThat(replay(index, 0, 300)).isZero(); // a replay from too early is harmless
      assertThat(replay(index, index.committedSeq() + 1, 400)).isEqualTo(100);
      assertThat(count(index)).isEqualTo(400);
      assertRollupsEqualScan(index);
    }
  }

  @Test
  void uncommittedAddsAreGoneAfterACrashAndRecoveredByReplay() throws IOException {
    try (EventIndex index = EventIndex.open(dir, IndexOptions.defaults())) {
      replay(index, 0, 200);
      index.commit(199);
      replay(index, 200, 400);
      index.refresh();
      assertThat(index.search(ALL).total()).isEqualTo(400);
    } // close without commit: IndexWriter.rollback, as a crash loses the buffer
    try (EventIndex index = EventIndex.open(dir, IndexOptions.defaults())) {
      assertThat(index.committedSeq()).isEqualTo(199);
      assertThat(count(index)).isEqualTo(200);
      assertThat(replay(index, index.committedSeq() + 1, 400)).isEqualTo(200);
      index.commit(399);
      assertThat(count(index)).isEqualTo(400);
      assertRollupsEqualScan(index);
    }
  }

  @Test
  void eventsCommittedAheadOfTheWatermarkAreNotAddedTwice() throws IOException {
    try (EventIndex index = EventIndex.open(dir, IndexOptions.defaults())) {
      replay(index, 0, 100);
      replay(index, 120, 130); // another thread was ahead when the commit came
      index.commit(99);
    }
    try (EventIndex index = EventIndex.open(dir, IndexOptions.defaults())) {
      assertThat(index.committedSeq()).isEqualTo(99);
      assertThat(replay(index, 100, 200)).isEqualTo(90);
      assertThat(count(index)).isEqualTo(200);
      assertRollupsEqualScan(index);
    }
  }

  @Test
  void missingOrStaleRollupFilesAreRebuiltFromTheIndex() throws IOException {
    try (EventIndex index = EventIndex.open(dir, IndexOptions.defaults())) {
      replay(index, 0, 400);
      index.commit(399);
    }
    List<Path> files;
    try (var walk = Files.walk(dir)) {
      files = walk.filter(p -> p.getFileName().toString().equals(RollupFile.NAME)).toList();
    }
    assertThat(files).hasSize(2);
    Files.delete(files.get(0));
    Files.write(files.get(1), new byte[] {1, 2, 3}); // corrupt
    try (EventIndex index = EventIndex.open(dir, IndexOptions.defaults())) {
      assertRollupsEqualScan(index);
    }
    assertThat(files).allMatch(Files::exists); // healed
  }

  @Test
  void concurrentAddsFromTwoThreadsAreAllIndexed() throws Exception {
    try (EventIndex index = EventIndex.open(dir, IndexOptions.defaults())) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
          int half = t;
          done.add(pool.submit(() -> {
            for (int s = half; s < journal.size(); s += 2) {
              index.add(s, journal.get(s));
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      index.commit(journal.size() - 1);
      assertThat(count(index)).isEqualTo(journal.size());
      assertRollupsEqualScan(index);
    }
  }

  @Test
  void idleWritersCloseAndDaysStaySearchable() throws IOException {
    AtomicReference<Instant> now = new AtomicReference<>(DAY1);
    InstantSource clock = now::get;
    IndexOptions options = IndexOptions.defaults().withClock(clock)
        .withIdleAfter(Duration.ofMinutes(1));
    try (EventIndex index = EventIndex.open(dir, options)) {
      replay(index, 0, 200);
      index.commit(199);
      now.set(DAY1.plus(Duration.ofMinutes(5)));
      index.commit(199); // closes the idle, clean writers
      assertThat(count(index)).isEqualTo(200);
      assertRollupsEqualScan(index);
      replay(index, 200, 400); // reopens the writers
      index.commit(399);
      assertThat(count(index)).isEqualTo(400);
    }
  }

  @Test
  void retentionDeletesWholeDays() throws IOException {
    try (EventIndex index = EventIndex.open(dir, IndexOptions.defaults())) {
      replay(index, 0, 400);
      index.commit(399);
      LocalDate first = LocalDate.ofInstant(DAY1, ZoneOffset.UTC);
      assertThat(index.days()).containsExactly(first, first.plusDays(1));
      long secondDay = journal.stream().filter(e -> !e.timestamp().isBefore(DAY1.plus(
          Duration.ofDays(1)))).count();
      index.deleteDaysBefore(first.plusDays(1));
      assertThat(index.days()).containsExactly(first.plusDays(1));
      assertThat(count(index)).isEqualTo(secondDay);
      assertThat(Files.exists(dir.resolve("events-" + first))).isFalse();
    }
  }

  static void assertRollupsEqualScan(EventIndex index) throws IOException {
    index.refresh();
    AuditQuery q = AuditQuery.between(DAY1.minus(Duration.ofDays(1)),
        DAY1.plus(Duration.ofDays(3))).build();
    List<GroupField> by = List.of(GroupField.SCHOOL, GroupField.GROUP, GroupField.CATEGORY);
    AggregateResult rolled = index.aggregate(q, by, TimeBucket.HOUR, ZoneOffset.UTC);
    AggregateResult scanned = index.aggregate(q, by, TimeBucket.HOUR, ZoneOffset.UTC, false);
    assertThat(rolled.fromRollups()).isTrue();
    assertThat(rolled.rows()).isNotEmpty().containsExactlyElementsOf(scanned.rows());
  }
}
