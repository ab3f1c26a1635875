package org.campusgate.audit.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.campusgate.audit.journal.JournalFixtures.appendRange;
import static org.campusgate.audit.journal.JournalFixtures.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  private static final JournalOptions TINY_RAW =
      JournalOptions.defaults().withMaxSegmentBytes(4096).withCompressSealed(false);
  private static final JournalOptions TINY_COMPRESSED =
      JournalOptions.defaults().withMaxSegmentBytes(16384).withBlockRawBytes(4096);

  @TempDir Path dir;

  @Test
  void appendsReadsAndScansAcrossRolledSegments() throws IOException {
    try (Journal j = Journal.open(dir, TINY_RAW)) {
      assertThat(j.nextSeq()).isZero();
      appendRange(j, 0, 500, 7);
      assertThat(j.nextSeq()).isEqualTo(500);
      for (long s = 0; s < 500; s++) {
        assertThat(j.read(s)).isEqualTo(record(s));
      }
      assertWholeScan(j, 500);
      List<byte[]> middle = new ArrayList<>();
      j.scan(123, 321, (seq, r) -> middle.add(r));
      assertThat(middle).hasSize(198);
      assertThat(middle.get(0)).isEqualTo(record(123));

      List<SegmentInfo> segs = j.segments();
      assertThat(segs).hasSizeGreaterThan(5);
      long expectFirst = 0;
      for (int i = 0; i < segs.size(); i++) {
        SegmentInfo s = segs.get(i);
        assertThat(s.firstSeq()).isEqualTo(expectFirst);
        assertThat(s.name()).isEqualTo(String.format("%020d.seg", s.firstSeq()));
        assertThat(s.sealed()).isEqualTo(i < segs.size() - 1);
        assertThat(s.compressed()).isFalse();
        assertThat(s.minTime()).isEqualTo(SampleRecords.T0.plusMillis(s.firstSeq()));
        assertThat(s.maxTime())
            .isEqualTo(SampleRecords.T0.plusMillis(s.firstSeq() + s.recordCount() - 1));
        assertThat(s.sizeBytes()).isEqualTo(Files.size(s.path()));
        if (s.sealed()) {
          assertThat(s.sizeBytes()).isLessThanOrEqualTo(4096);
          assertThat(Files.getPosixFilePermissions(s.path()))
              .doesNotContain(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
        expectFirst += s.recordCount();
      }
      assertThat(expectFirst).isEqualTo(500);
      assertThatThrownBy(() -> j.read(500)).isInstanceOf(NoSuchElementException.class);
      assertThatThrownBy(() -> j.scan(0, 501, (s, r) -> { }))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aRecordLargerThanTheSegmentLimitGetsASegmentOfItsOwn() throws IOException {
    RecordCodec codec = new RecordCodec();
    try (Journal j = Journal.open(dir, JournalOptions.defaults().withMaxSegmentBytes(1024)
        .withCompressSealed(false))) {
      byte[] big = codec.encode(0, SampleRecords.fullAccess().toBuilder()
          .userAgent("u".repeat(5000)).build());
      j.append(List.of(big, record(1)));
      assertThat(j.read(0)).isEqualTo(big);
      assertThat(j.segments()).extracting(SegmentInfo::recordCount).containsExactly(1L, 1L);
    }
  }

  @Test
  void checksSeqContinuityAndRecordValidityBeforeWritingAnything() throws IOException {
    try (Journal j = Journal.open(dir, TINY_RAW)) {
      appendRange(j, 0, 3, 3);
      assertThatThrownBy(() -> j.append(List.of(record(3), record(5))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("record 1 has seq 5, expected 4");
      assertThatThrownBy(() -> j.append(List.of(record(2))))
          .hasMessageContaining("expected 3");
      assertThatThrownBy(() -> j.append(List.of(new byte[] {9, 9, 9})))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a journal record");
      assertThat(j.nextSeq()).isEqualTo(3);
      j.append(List.of(record(3)));
      assertThat(j.read(3)).isEqualTo(record(3));
    }
  }

  @Test
  void compressesSealedSegmentsAndReadsStayCorrectDuringAndAfter() throws Exception {
    int total = 3000;
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    try (Journal j = Journal.open(dir, TINY_COMPRESSED)) {
      Thread reader = new Thread(() -> {
        long i = 0;
        while (!done.get()) {
          long next = j.nextSeq();
          if (next == 0) {
            continue;
          }
          long seq = (i++ * 7919) % next;
          try {
            if (!Arrays.equals(j.read(seq), record(seq))) {
              failures.add(new AssertionError("wrong bytes for seq " + seq));
            }
          } catch (Throwable t) {
            failures.add(t);
          }
        }
      });
      reader.start();
      appendRange(j, 0, total, 50);
      assertThat(j.awaitCompression(Duration.ofSeconds(30))).isTrue();
      done.set(true);
      reader.join();
      assertThat(failures).isEmpty();

      List<SegmentInfo> segs = j.segments();
      assertThat(segs).hasSizeGreaterThan(3);
      for (SegmentInfo s : segs.subList(0, segs.size() - 1)) {
        assertThat(s.compressed()).as(s.name()).isTrue();
        assertThat(s.name()).endsWith(".zseg");
        assertThat(s.sizeBytes()).isLessThan(16384 / 2);
        assertThat(s.minTime()).isEqualTo(SampleRecords.T0.plusMillis(s.firstSeq()));
      }
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .filteredOn(n -> n.endsWith(".seg")).hasSize(1);
      }
      for (long s = 0; s < total; s += 13) {
        assertThat(j.read(s)).isEqualTo(record(s));
      }
      assertWholeScan(j, total);
    }
    try (Journal j = Journal.open(dir, TINY_COMPRESSED)) {
      assertThat(j.recoveryReport().clean()).isTrue();
      assertThat(j.nextSeq()).isEqualTo(total);
      assertWholeScan(j, total);
    }
  }

  @Test
  void reopensAfterCloseAndContinues() throws IOException {
    try (Journal j = Journal.open(dir, TINY_RAW)) {
      appendRange(j, 0, 100, 10);
    }
    try (Journal j = Journal.open(dir, TINY_RAW)) {
      RecoveryReport r = j.recoveryReport();
      assertThat(r.clean()).isTrue();
      assertThat(r.lastSeqKept()).isEqualTo(99);
      assertThat(j.nextSeq()).isEqualTo(100);
      appendRange(j, 100, 150, 10);
      assertWholeScan(j, 150);
    }
    try (Journal j = Journal.open(dir, TINY_RAW)) {
      assertWholeScan(j, 150);
    }
  }

  @Test
  void cutsATornTailAtEveryPositionInsideTheLastFrame() throws IOException {
    Path origin = dir.resolve("origin");
    try (Journal j = Journal.open(origin, TINY_RAW.withMaxSegmentBytes(1 << 20))) {
      appendRange(j, 0, 20, 5);
    }
    Path seg = origin.resolve(SegmentFormat.segName(0));
    byte[] whole = Files.readAllBytes(seg);
    List<JournalFixtures.Frame> frames = JournalFixtures.frames(seg);
    JournalFixtures.Frame last = frames.get(frames.size() - 1);
    for (long cut = last.offset() + 1; cut < whole.length; cut++) {
      Path d = dir.resolve("cut" + cut);
      Files.createDirectories(d);
      Files.write(d.resolve(seg.getFileName()), Arrays.copyOf(whole, (int) cut));
      try (Journal j = Journal.open(d, TINY_RAW)) {
        RecoveryReport r = j.recoveryReport();
        assertThat(r.bytesCut()).as("cut at %d", cut).isEqualTo(cut - last.offset());
        assertThat(r.truncatedSegment()).isEqualTo(seg.getFileName().toString());
        assertThat(r.lastSeqKept()).isEqualTo(18);
        assertThat(r.damage()).isEmpty();
        assertThat(j.nextSeq()).isEqualTo(19);
        assertThat(j.read(18)).isEqualTo(record(18));
        j.append(List.of(record(19)));
        assertWholeScan(j, 20);
      }
    }
  }

  @Test
  void cutsABadFinalFrameButNeverDamageInTheMiddle() throws IOException {
    try (Journal j = Journal.open(dir, TINY_RAW.withMaxSegmentBytes(1 << 20))) {
      appendRange(j, 0, 20, 5);
    }
    Path seg = dir.resolve(SegmentFormat.segName(0));
    List<JournalFixtures.Frame> frames = JournalFixtures.frames(seg);
    JournalFixtures.Frame middle = frames.get(7);
    JournalFixtures.flip(seg, middle.offset() + 30);
    JournalFixtures.Frame last = frames.get(19);
    JournalFixtures.flip(seg, last.offset() + 40);
    long size = Files.size(seg);
    try (Journal j = Journal.open(dir, TINY_RAW)) {
      RecoveryReport r = j.recoveryReport();
      assertThat(r.bytesCut()).isEqualTo(last.size());
      assertThat(r.lastSeqKept()).isEqualTo(18);
      assertThat(r.damage()).singleElement().asString()
          .contains("BAD_CRC", "byte " + middle.offset());
      assertThat(Files.size(seg)).isEqualTo(size - last.size());
      assertThatThrownBy(() -> j.read(7))
          .isInstanceOf(CorruptSegmentException.class)
          .hasMessageContaining("CRC32C mismatch");
      assertThat(j.read(6)).isEqualTo(record(6));
      assertThat(j.read(8)).isEqualTo(record(8));
      assertThat(j.read(18)).isEqualTo(record(18));
      List<Long> seen = new ArrayList<>();
      assertThatThrownBy(() -> j.scan(0, 19, (s, b) -> seen.add(s)))
          .isInstanceOf(CorruptSegmentException.class);
      assertThat(seen).hasSize(7);
      j.append(List.of(record(19)));
    }
    try (Journal j = Journal.open(dir, TINY_RAW)) {
      assertThat(j.recoveryReport().bytesCut()).isZero();
      assertThat(j.recoveryReport().damage()).hasSize(1);
      assertThat(j.read(19)).isEqualTo(record(19));
    }
  }

  @Test
  void removesTempFilesAndALeftoverSegWhoseCompressedTwinIsComplete() throws Exception {
    try (Journal j = Journal.open(dir, TINY_COMPRESSED)) {
      appendRange(j, 0, 1500, 50);
      assertThat(j.awaitCompression(Duration.ofSeconds(30))).isTrue();
    }
    // as if the process died after the rename but before deleting the .seg
    Path zseg = dir.resolve(SegmentFormat.zsegName(0));
    assertThat(zseg).exists();
    try (Journal j = Journal.open(dir, TINY_RAW)) {
      // rebuild the .seg from the records, the way the writer wrote it
      Path d2 = dir.resolveSibling(dir.getFileName() + "-raw");
      try (Journal raw = Journal.open(d2, TINY_COMPRESSED.withCompressSealed(false))) {
        appendRange(raw, 0, 1500, 50);
      }
      Files.copy(d2.resolve(SegmentFormat.segName(0)), dir.resolve(SegmentFormat.segName(0)));
    }
    Files.write(dir.resolve(SegmentFormat.zsegName(99) + ".tmp"), new byte[] {1, 2, 3});
    try (Journal j = Journal.open(dir, TINY_COMPRESSED)) {
      assertThat(j.recoveryReport().removedFiles()).containsExactlyInAnyOrder(
          SegmentFormat.segName(0), SegmentFormat.zsegName(99) + ".tmp");
      assertThat(dir.resolve(SegmentFormat.segName(0))).doesNotExist();
      assertWholeScan(j, 1500);
    }
  }

  @Test
  void deletesSealedSegmentsButNeverTheActiveOne() throws Exception {
    try (Journal j = Journal.open(dir, TINY_COMPRESSED)) {
      appendRange(j, 0, 1500, 50);
      j.awaitCompression(Duration.ofSeconds(30));
      List<SegmentInfo> segs = j.segments();
      SegmentInfo first = segs.get(0);
      SegmentInfo activeSeg = segs.get(segs.size() - 1);
      assertThatThrownBy(() -> j.deleteSegment(activeSeg.name()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("active");
      assertThatThrownBy(() -> j.deleteSegment("nope.seg"))
          .isInstanceOf(IllegalArgumentException.class);
      j.deleteSegment(first.name());
      assertThat(first.path()).doesNotExist();
      assertThat(j.segments()).hasSize(segs.size() - 1);
      assertThatThrownBy(() -> j.read(0)).isInstanceOf(NoSuchElementException.class);
      long kept = segs.get(1).firstSeq();
      assertThat(j.read(kept)).isEqualTo(record(kept));
    }
  }

  private static void assertWholeScan(Journal j, long count) throws IOException {
    long[] next = {0};
    j.scan(0, count, (seq, bytes) -> {
      assertThat(seq).isEqualTo(next[0]);
      assertThat(bytes).isEqualTo(record(seq));
      next[0]++;
    });
    assertThat(next[0]).isEqualTo(count);
  }
}
