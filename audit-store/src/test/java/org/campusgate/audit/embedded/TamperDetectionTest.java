package org.campusgate.audit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.IntegrityProblem;
import org.campusgate.audit.IntegrityProblem.Kind;
import org.campusgate.audit.VerificationReport;
import org.campusgate.audit.integrity.TileStore;
import org.campusgate.audit.journal.Journal;
import org.campusgate.audit.journal.JournalOptions;
import org.campusgate.audit.journal.RecordCodec;
import org.campusgate.audit.testing.SyntheticEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Someone with write access to the disk edits a closed store; reopening it and calling {@code
 * verify()} must name what was done and where. One store is built once (3000 records in small
 * uncompressed sealed segments, two complete tiles, checkpoints at 1100, 2200 and 3000 records)
 * and each test tampers with its own copy.
 */
class TamperDetectionTest {
  private static final int RECORDS = 3000;
  private static final long[] CHECKPOINTS = {1100, 2200, RECORDS};
  private static final Instant FROM = Instant.EPOCH;
  private static final Instant TO = Instant.parse("3000-01-01T00:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path template;
  @TempDir Path dir;

  private Path store;
  /** The sealed segment tampered with: inside the second tile and the second checkpoint. */
  private Path target;
  private List<StoreFiles.Frame> frames;
  /** A frame in the middle of the target segment, and its seq. */
  private StoreFiles.Frame middle;
  private long seq;

  @BeforeAll
  static void buildStore() throws Exception {
    List<AuditRecord> records = SyntheticEvents.builder().seed(11)
        .start(LocalDate.of(2026, 9, 7)).days(1).schools(2).usersPerSchool(60)
        .eventsPerDay(20_000).build().stream().limit(RECORDS).toList();
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(config(template, true))) {
      int at = 0;
      for (long cp : CHECKPOINTS) {
        for (; at < cp; at += 100) {
          s.append(records.subList(at, (int) Math.min(cp, at + 100))).awaitDurable(WAIT);
        }
        assertThat(s.checkpointNow().checkpoint().treeSize()).isEqualTo(cp);
      }
    }
  }

  private static EmbeddedStoreConfig config(Path dir, boolean uncompressed) {
    return EmbeddedStoreConfig.builder(dir.resolve("audit"), "campusgate/test/tamper")
        .commitInterval(Duration.ofMillis(20))
        .segmentBytes(64 << 10)
        .compressSealedSegments(!uncompressed)
        .checkpointEveryRecords(1_000_000)
        .checkpointInterval(Duration.ofHours(1))
        .build();
  }

  @BeforeEach
  void copyStore() throws IOException {
    StoreFiles.copyTree(template, dir);
    store = dir.resolve("audit");
    target = StoreFiles.segments(store).stream()
        .filter(p -> StoreFiles.firstSeqOf(p) <= 1500).reduce((a, b) -> b).orElseThrow();
    frames = StoreFiles.frames(target);
    middle = frames.get(frames.size() / 2);
    seq = middle.seq();
    // the tampered records lie in complete tiles, covered by the 2200 checkpoint and not the 1100
    assertThat(StoreFiles.firstSeqOf(target)).isGreaterThan(CHECKPOINTS[0]);
    assertThat(seq + frames.size()).isLessThan(2 * TileStore.LEAVES_PER_TILE);
  }

  private VerificationReport reopenAndVerify(boolean uncompressed) throws IOException {
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(config(dir, uncompressed))) {
      return s.verify(FROM, TO);
    }
  }

  private VerificationReport reopenAndVerify() throws IOException {
    Map<Path, byte[]> before = snapshotJournal();
    VerificationReport report = reopenAndVerify(true);
    // opening must not "repair" damage in the middle of the journal: it is the evidence
    assertThat(snapshotJournal()).allSatisfy((p, bytes) ->
        assertThat(bytes).as("%s after reopening", p.getFileName()).isEqualTo(before.get(p)));
    return report;
  }

  private Map<Path, byte[]> snapshotJournal() throws IOException {
    Map<Path, byte[]> out = new HashMap<>();
    for (Path p : StoreFiles.segments(store)) {
      out.put(p, Files.readAllBytes(p));
    }
    return out;
  }

  private String targetName() {
    return target.getFileName().toString();
  }

  @Test
  void anUntouchedStoreVerifiesClean() throws IOException {
    VerificationReport report = reopenAndVerify();
    assertThat(report.problems()).isEmpty();
    assertThat(report.recordsChecked()).isEqualTo(RECORDS);
    assertThat(report.checkpointsChecked()).isEqualTo(CHECKPOINTS.length);
  }

  @Test
  void oneChangedByteIsReportedAtItsSeqAndOffset() throws IOException {
    StoreFiles.flip(target, middle.offset() + middle.size() / 2);

    VerificationReport report = reopenAndVerify();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      // a checksum mismatch: the scanner calls it CORRUPT and says which records it cost
      assertThat(p.kind()).isIn(Kind.CORRUPT, Kind.CHANGED);
      assertThat(p.segment()).isEqualTo(targetName());
      assertThat(p.seq()).isEqualTo(seq);
      assertThat(p.offset()).isEqualTo(middle.offset());
    });
    assertThat(report.recordsChecked()).isEqualTo(RECORDS - 1);
  }

  @Test
  void aDeletedEventIsMissingAtItsSeq() throws IOException {
    List<byte[]> kept = new ArrayList<>();
    frames.stream().filter(f -> f != middle).forEach(f -> kept.add(f.record()));
    StoreFiles.writeFrames(target, kept);

    VerificationReport report = reopenAndVerify();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.MISSING);
      assertThat(p.segment()).isEqualTo(targetName());
      assertThat(p.seq()).isEqualTo(seq);
      assertThat(p.offset()).isEqualTo(middle.offset()); // where the next frame now sits
    });
  }

  @Test
  void twoSwappedEventsAreReordered() throws IOException {
    int i = frames.indexOf(middle);
    List<byte[]> swapped = new ArrayList<>(frames.stream().map(StoreFiles.Frame::record).toList());
    swapped.set(i, frames.get(i + 1).record());
    swapped.set(i + 1, frames.get(i).record());
    StoreFiles.writeFrames(target, swapped);

    VerificationReport report = reopenAndVerify();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.REORDERED);
      assertThat(p.segment()).isEqualTo(targetName());
      assertThat(p.seq()).isEqualTo(seq);
    });
    assertThat(report.recordsChecked()).isEqualTo(RECORDS);
  }

  @Test
  void aTruncatedSealedSegmentIsTruncated() throws IOException {
    byte[] bytes = Files.readAllBytes(target);
    StoreFiles.write(target, java.util.Arrays.copyOf(bytes, (int) middle.offset() + 30));

    VerificationReport report = reopenAndVerify();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.TRUNCATED);
      assertThat(p.segment()).isEqualTo(targetName());
      assertThat(p.seq()).isEqualTo(seq);
      assertThat(p.offset()).isEqualTo(middle.offset());
    });
  }

  @Test
  void aSegmentCutAtAFrameBoundaryReportsTheLostSeqs() throws IOException {
    byte[] bytes = Files.readAllBytes(target);
    StoreFiles.write(target, java.util.Arrays.copyOf(bytes, (int) middle.offset()));
    long lost = frames.get(frames.size() - 1).seq();

    VerificationReport report = reopenAndVerify();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isIn(Kind.TRUNCATED, Kind.MISSING);
      assertThat(p.seq()).isEqualTo(seq);
      assertThat(p.detail()).contains(seq + ".." + lost);
    });
  }

  @Test
  void aRehashedForgeryIsCaughtByTheSignedCheckpoint() throws IOException {
    // the forger changes who made one request, keeps every seq, fixes every CRC and the tile
    RecordCodec codec = new RecordCodec();
    StoreFiles.Frame victim = frames.stream().skip(frames.size() / 2)
        .filter(f -> codec.decode(f.record()).record() instanceof AccessEvent)
        .findFirst().orElseThrow();
    AccessEvent original = (AccessEvent) codec.decode(victim.record()).record();
    byte[] forged = codec.encode(victim.seq(),
        original.toBuilder().userId(original.userId() + "-x").build());
    List<byte[]> rewritten = new ArrayList<>();
    for (StoreFiles.Frame f : frames) {
      rewritten.add(f == victim ? forged : f.record());
    }
    StoreFiles.writeFrames(target, rewritten);
    List<byte[]> all = StoreFiles.allRecords(store);
    StoreFiles.rewriteTile(store, victim.seq() / TileStore.LEAVES_PER_TILE, all);

    VerificationReport report = reopenAndVerify();
    assertThat(report.problems()).isNotEmpty().allSatisfy(p -> {
      assertThat(p.kind()).isEqualTo(Kind.ROOT_MISMATCH);
      // every reported range holds the forged record: nobody is sent to look at clean records
      long[] range = rangeOf(p);
      assertThat(victim.seq()).isBetween(range[0], range[1]);
      assertThat(p.seq()).isEqualTo(range[0]);
    });
    IntegrityProblem first = report.problems().get(0);
    assertThat(rangeOf(first)).containsExactly(CHECKPOINTS[0], CHECKPOINTS[1] - 1);
    assertThat(first.segment() + " " + first.detail()).contains(targetName());
  }

  private static final Pattern RANGE = Pattern.compile("records (\\d+)\\.\\.(\\d+)");

  private static long[] rangeOf(IntegrityProblem p) {
    Matcher m = RANGE.matcher(p.detail());
    assertThat(m.find()).as("a seq range in: %s", p.detail()).isTrue();
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  @Test
  void aDamagedCheckpointLogEntryIsKeptAsideAndReportedEveryTime() throws IOException {
    List<StoreFiles.LogEntry> entries = StoreFiles.checkpointEntries(store);
    StoreFiles.LogEntry middle = entries.get(1);
    StoreFiles.flip(store.resolve("checkpoints"), middle.offset() + 20);

    for (int open = 0; open < 2; open++) {
      VerificationReport report = reopenAndVerify();
      assertThat(report.problems()).singleElement().satisfies(p -> {
        assertThat(p.kind()).isEqualTo(Kind.CORRUPT);
        assertThat(p.segment()).startsWith("checkpoints.damaged-");
      });
    }
  }

  @Test
  void aForgedCheckpointSignatureIsABadSignature() throws IOException {
    List<StoreFiles.LogEntry> entries = StoreFiles.checkpointEntries(store);
    assertThat(entries).hasSize(CHECKPOINTS.length);
    StoreFiles.forgeSignature(store, entries.get(1));

    VerificationReport report = reopenAndVerify();
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.BAD_SIGNATURE);
      assertThat(p.seq()).isEqualTo(CHECKPOINTS[1]);
    });
  }

  @Test
  void damageAfterTheLastCompleteTileStillLetsTheStoreOpenAndVerify() throws IOException {
    // opening recomputes the tree head from these records: it must not need them intact
    Path tail = StoreFiles.segments(store).stream()
        .filter(p -> StoreFiles.firstSeqOf(p) > 2 * TileStore.LEAVES_PER_TILE)
        .findFirst().orElseThrow();
    List<StoreFiles.Frame> tailFrames = StoreFiles.frames(tail);
    StoreFiles.Frame damaged = tailFrames.get(tailFrames.size() / 2);
    assertThat(StoreFiles.segments(store).indexOf(tail))
        .as("a sealed segment").isLessThan(StoreFiles.segments(store).size() - 1);
    StoreFiles.flip(tail, damaged.offset() + damaged.size() / 2);

    VerificationReport report = reopenAndVerify();
    assertThat(report.problems()).first().satisfies(p -> {
      assertThat(p.kind()).isIn(Kind.CORRUPT, Kind.CHANGED);
      assertThat(p.segment()).isEqualTo(tail.getFileName().toString());
      assertThat(p.seq()).isEqualTo(damaged.seq());
      assertThat(p.offset()).isEqualTo(damaged.offset());
    });
  }

  @Test
  void aChangedByteInACompressedSegmentIsReportedAtItsBlock() throws Exception {
    // compress the sealed segments the way a running store does, through the journal
    try (Journal j = Journal.open(StoreFiles.journal(store), JournalOptions.defaults()
        .withMaxSegmentBytes(64 << 10).withCompressSealed(true))) {
      assertThat(j.awaitCompression(WAIT)).isTrue();
    }
    Path zseg = StoreFiles.segments(store).stream()
        .filter(p -> p.toString().endsWith(".zseg") && StoreFiles.firstSeqOf(p) <= 1500)
        .reduce((a, b) -> b).orElseThrow();
    assertThat(reopenAndVerify(false).problems()).isEmpty();
    StoreFiles.Block block = StoreFiles.blocks(zseg).get(0);
    StoreFiles.flip(zseg, block.offset() + block.compressedLength() / 2);

    VerificationReport report = reopenAndVerify(false);
    assertThat(report.problems()).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.CORRUPT);
      assertThat(p.segment()).isEqualTo(zseg.getFileName().toString());
      assertThat(p.seq()).isEqualTo(block.firstSeq());
      assertThat(p.offset()).isEqualTo(block.offset());
    });
    assertThat(report.recordsChecked()).isEqualTo(RECORDS - block.count());
  }
}
