package org.campusgate.audit.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campusgate.audit.journal.JournalFixtures.appendRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.campusgate.audit.IntegrityProblem;
import org.campusgate.audit.IntegrityProblem.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentScannerTest {
  @TempDir Path dir;

  private Path seg;
  private List<JournalFixtures.Frame> frames;

  /** A sealed raw segment of 30 records (seqs 0..29) as a writable copy. */
  @BeforeEach
  void sealedSegment() throws IOException {
    Path jdir = dir.resolve("journal");
    try (Journal j = Journal.open(jdir, JournalOptions.defaults().withMaxSegmentBytes(30 * 130)
        .withCompressSealed(false))) {
      appendRange(j, 0, 120, 10);
      assertThat(j.segments().get(0).sealed()).isTrue();
      seg = JournalFixtures.copy(j.segments().get(0).path(), dir.resolve(SegmentFormat.segName(0)));
    }
    frames = JournalFixtures.frames(seg);
    assertThat(frames.size()).isGreaterThan(20);
  }

  @Test
  void reportsEveryRecordOfAnIntactSegmentWithItsOffset() throws IOException {
    Collected c = scan(seg, 0);
    assertThat(c.problems).isEmpty();
    assertThat(c.records).hasSize(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      ScannedRecord r = c.records.get(i);
      assertThat(r.seq()).isEqualTo(i);
      assertThat(r.offset()).isEqualTo(frames.get(i).offset());
      assertThat(r.blockOffset()).isEqualTo(-1);
      assertThat(r.bytes()).isEqualTo(JournalFixtures.record(i));
    }
    assertThat(c.summary.nextExpectedSeq()).isEqualTo(frames.size());
  }

  @Test
  void aFlippedByteAnywhereInARecordIsReportedOnceWithItsSeqAndOffset() throws IOException {
    JournalFixtures.Frame f = frames.get(5);
    for (int at : new int[] {0, 3, 4, 8, 9, 10, 30, f.size() - 1}) {
      Path copy = JournalFixtures.copy(seg, dir.resolve("flip" + at + ".seg"));
      JournalFixtures.flip(copy, f.offset() + at);
      Collected c = scan(copy, 0);
      assertThat(c.problems).as("flip at +%d", at).singleElement().satisfies(p -> {
        assertThat(p.kind()).isEqualTo(Kind.CORRUPT);
        assertThat(p.seq()).isEqualTo(5);
        assertThat(p.offset()).isEqualTo(f.offset());
        assertThat(p.segment()).isEqualTo(copy.getFileName().toString());
        assertThat(p.detail()).contains("records 5..5 are unreadable");
      });
      assertThat(c.records).extracting(ScannedRecord::seq)
          .as("flip at +%d", at).doesNotContain(5L).hasSize(frames.size() - 1);
    }
  }

  @Test
  void aDeletedFrameIsMissingWithItsSeq() throws IOException {
    JournalFixtures.Frame f = frames.get(9);
    byte[] b = Files.readAllBytes(seg);
    byte[] cut = new byte[b.length - f.size()];
    System.arraycopy(b, 0, cut, 0, (int) f.offset());
    System.arraycopy(b, (int) f.offset() + f.size(), cut, (int) f.offset(),
        b.length - (int) f.offset() - f.size());
    Files.write(seg, cut);
    Collected c = scan(seg, 0);
    assertThat(c.problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.MISSING);
      assertThat(p.seq()).isEqualTo(9);
      assertThat(p.offset()).isEqualTo(f.offset());
    });
  }

  @Test
  void swappedFramesAreReordered() throws IOException {
    JournalFixtures.Frame a = frames.get(3);
    JournalFixtures.Frame b = frames.get(4);
    byte[] file = Files.readAllBytes(seg);
    byte[] swapped = file.clone();
    System.arraycopy(file, (int) b.offset(), swapped, (int) a.offset(), b.size());
    System.arraycopy(file, (int) a.offset(), swapped, (int) a.offset() + b.size(), a.size());
    Files.write(seg, swapped);
    Collected c = scan(seg, 0);
    assertThat(c.problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.REORDERED);
      assertThat(p.seq()).isEqualTo(3);
    });
    assertThat(c.records).hasSize(frames.size());
  }

  @Test
  void aRepeatedFrameIsReordered() throws IOException {
    JournalFixtures.Frame a = frames.get(2);
    byte[] file = Files.readAllBytes(seg);
    byte[] dup = new byte[file.length + a.size()];
    System.arraycopy(file, 0, dup, 0, (int) a.offset() + a.size());
    System.arraycopy(file, (int) a.offset(), dup, (int) a.offset() + a.size(), file.length
        - (int) a.offset());
    Files.write(seg, dup);
    assertThat(scan(seg, 0).problems).extracting(IntegrityProblem::kind, IntegrityProblem::seq)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.REORDERED, 2L));
  }

  @Test
  void aTruncatedSealedSegmentIsTruncated() throws IOException {
    JournalFixtures.Frame f = frames.get(12);
    byte[] b = Files.readAllBytes(seg);
    Files.write(seg, Arrays.copyOf(b, (int) f.offset() + 15));
    Collected c = scan(seg, 0);
    assertThat(c.problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.TRUNCATED);
      assertThat(p.seq()).isEqualTo(12);
      assertThat(p.offset()).isEqualTo(f.offset());
    });
    assertThat(c.records).hasSize(12);
    Files.write(seg, Arrays.copyOf(b, 7));
    assertThat(scan(seg, 0).problems).extracting(IntegrityProblem::kind)
        .containsExactly(Kind.TRUNCATED);
  }

  @Test
  void unexpectedFirstSeqAndHeaderDamageAreReported() throws IOException {
    Collected c = scan(seg, 3);
    assertThat(c.problems).extracting(IntegrityProblem::kind).contains(Kind.CORRUPT);
    assertThat(c.problems.get(0).detail()).contains("expected 3");
    Path other = JournalFixtures.copy(seg, dir.resolve("x.seg"));
    JournalFixtures.flip(other, 1);
    assertThat(scan(other, 0).problems).singleElement()
        .satisfies(p -> assertThat(p.detail()).contains("magic"));
  }

  @Test
  void scansCompressedSegmentsAndReportsTheirDamage() throws Exception {
    Path jdir = dir.resolve("zjournal");
    Path zseg;
    try (Journal j = Journal.open(jdir, JournalOptions.defaults().withMaxSegmentBytes(64 << 10)
        .withBlockRawBytes(4096))) {
      appendRange(j, 0, 1000, 100);
      assertThat(j.awaitCompression(Duration.ofSeconds(30))).isTrue();
      SegmentInfo first = j.segments().get(0);
      assertThat(first.compressed()).isTrue();
      zseg = JournalFixtures.copy(first.path(), dir.resolve(first.name()));
    }
    Collected ok = scan(zseg, 0);
    assertThat(ok.problems).isEmpty();
    assertThat(ok.records).isNotEmpty();
    assertThat(ok.records.get(0).blockOffset()).isEqualTo(SegmentFormat.HEADER_SIZE);
    assertThat(ok.records.get(0).offset()).isZero();
    for (ScannedRecord r : ok.records) {
      assertThat(r.bytes()).isEqualTo(JournalFixtures.record(r.seq()));
    }
    long blockTwo = ok.records.stream().filter(r -> r.blockOffset() != SegmentFormat.HEADER_SIZE)
        .findFirst().orElseThrow().blockOffset();
    long firstOfTwo = ok.records.stream().filter(r -> r.blockOffset() == blockTwo)
        .findFirst().orElseThrow().seq();

    Path flipped = JournalFixtures.copy(zseg, dir.resolve("flipped.zseg"));
    JournalFixtures.flip(flipped, blockTwo + 20);
    Collected bad = scan(flipped, 0);
    assertThat(bad.problems).singleElement().satisfies(p -> {
      assertThat(p.kind()).isEqualTo(Kind.CORRUPT);
      assertThat(p.offset()).isEqualTo(blockTwo);
      assertThat(p.seq()).isEqualTo(firstOfTwo);
    });
    assertThat(bad.summary.nextExpectedSeq()).isEqualTo(ok.summary.nextExpectedSeq());

    Path cut = JournalFixtures.copy(zseg, dir.resolve("cut.zseg"));
    byte[] b = Files.readAllBytes(cut);
    Files.write(cut, Arrays.copyOf(b, b.length - 10));
    assertThat(scan(cut, 0).problems).singleElement()
        .satisfies(p -> assertThat(p.kind()).isEqualTo(Kind.TRUNCATED));
  }

  private static Collected scan(Path file, long first) throws IOException {
    Collected c = new Collected();
    c.summary = new SegmentScanner().scan(file, first, c);
    return c;
  }

  private static final class Collected implements ScanListener {
    final List<ScannedRecord> records = new ArrayList<>();
    final List<IntegrityProblem> problems = new ArrayList<>();
    ScanSummary summary;

    @Override
    public void onRecord(ScannedRecord record) {
      records.add(record);
    }

    @Override
    public void onProblem(IntegrityProblem problem) {
      problems.add(problem);
    }
  }
}
