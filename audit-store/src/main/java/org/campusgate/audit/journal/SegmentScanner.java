package org.campusgate.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.campusgate.audit.IntegrityProblem;
import org.campusgate.audit.IntegrityProblem.Kind;

/**
 * Walks the raw frames of one segment file for verification, reporting every intact record and
 * every problem: {@link Kind#CORRUPT} (bad frame length or CRC, undecompressable block, bad
 * header or index), {@link Kind#TRUNCATED} (the file ends inside a frame, or a {@code .zseg}
 * footer is missing or short), {@link Kind#MISSING} (seqs skipped) and {@link Kind#REORDERED}
 * (a seq goes back or repeats). After a bad frame it resynchronises on the next valid frame, so
 * one damaged frame is reported once and the rest of the file is still checked.
 *
 * <p>It reads the file directly and does not need the journal to be open. A compressed twin may
 * replace a {@code .seg} while the journal runs: a vanished file then fails with
 * {@link java.nio.file.NoSuchFileException}; take a fresh {@link Journal#segments()} and retry.
 * Stateless and thread-safe.
 */
public final class SegmentScanner {
  private static final int WINDOW = 1 << 20;

  /** Scans a whole segment file. */
  public ScanSummary scan(Path segmentFile, long expectedFirstSeq, ScanListener listener)
      throws IOException {
    return scan(segmentFile, expectedFirstSeq, Long.MAX_VALUE, listener);
  }

  /**
   * Scans the first {@code lengthLimit} bytes of a segment; for the journal's active segment
   * pass its {@link SegmentInfo#sizeBytes()}, so a frame being written is not taken for a torn
   * one. The limit is ignored for a {@code .zseg}.
   */
  public ScanSummary scan(Path segmentFile, long expectedFirstSeq, long lengthLimit,
      ScanListener listener) throws IOException {
    Objects.requireNonNull(segmentFile, "segmentFile");
    Objects.requireNonNull(listener, "listener");
    if (expectedFirstSeq < 0 || lengthLimit < 0) {
      throw new IllegalArgumentException("negative expectedFirstSeq or lengthLimit");
    }
    String name = segmentFile.getFileName().toString();
    Walk walk = new Walk(name, expectedFirstSeq, listener);
    try (ReadChannel ch = new ReadChannel(segmentFile)) {
      if (name.endsWith(SegmentFormat.ZSEG)) {
        scanCompressed(ch, walk);
      } else {
        scanRaw(ch, Math.min(lengthLimit, ch.size()), walk);
      }
    }
    walk.finish();
    return new ScanSummary(walk.records, walk.expected, walk.problems);
  }

  private static boolean header(ReadChannel ch, long size, int magic, Walk walk)
      throws IOException {
    if (size < SegmentFormat.HEADER_SIZE) {
      walk.problem(Kind.TRUNCATED, walk.expected, 0,
          "the file has " + size + " bytes, not even a complete header");
      return false;
    }
    byte[] h = new byte[SegmentFormat.HEADER_SIZE];
    ch.readFully(ByteBuffer.wrap(h), 0);
    String problem = SegmentFormat.headerProblem(h, magic, walk.expected);
    if (problem != null) {
      walk.problem(Kind.CORRUPT, walk.expected, 0, "segment header: " + problem);
    }
    return true;
  }

  private static void scanRaw(ReadChannel ch, long size, Walk walk) throws IOException {
    if (!header(ch, size, SegmentFormat.SEG_MAGIC, walk)) {
      return;
    }
    walkFrames(new FrameCursor(ch, SegmentFormat.HEADER_SIZE, size, WINDOW), walk, -1);
  }

  private static void scanCompressed(ReadChannel ch, Walk walk) throws IOException {
    long size = ch.size();
    if (!header(ch, size, SegmentFormat.ZSEG_MAGIC, walk)) {
      return;
    }
    ZsegIndex index;
    try {
      index = ZsegIndex.read(ch, size);
    } catch (ZsegIndex.FooterException e) {
      walk.problem(e.truncated ? Kind.TRUNCATED : Kind.CORRUPT, walk.expected, size,
          "compressed segment footer: " + e.getMessage() + "; its records cannot be located");
      walk.unknownTail = true;
      return;
    }
    for (ZsegIndex.Block k : index.blocks()) {
      byte[] raw;
      try {
        raw = CompressedSegment.decompress(ch, k, walk.segment);
      } catch (CorruptSegmentException e) {
        walk.blockLost(k, e.getMessage());
        continue;
      }
      walkFrames(new FrameCursor(raw, 0, raw.length), walk, k.offset());
    }
  }

  private static void walkFrames(FrameCursor c, Walk walk, long blockOffset) throws IOException {
    while (true) {
      FrameCursor.Status st = c.next();
      if (st == FrameCursor.Status.END) {
        return;
      }
      if (st == FrameCursor.Status.FRAME) {
        walk.record(new ScannedRecord(walk.segment, c.frameOffset(), blockOffset, c.seq(),
            c.record()));
        continue;
      }
      long at = c.frameOffset();
      int declared = c.recordLength();
      boolean resynced = c.resync();
      if (!resynced && st == FrameCursor.Status.TORN && blockOffset < 0) {
        walk.truncated(at, declared);
        return;
      }
      walk.corrupt(at, blockOffset, describe(st, declared));
      if (!resynced) {
        return;
      }
    }
  }

  private static String describe(FrameCursor.Status st, int declared) {
    return switch (st) {
      case TORN -> "frame length " + declared + " runs past the end";
      case BAD_LENGTH -> "invalid frame length";
      case BAD_CRC -> "CRC32C mismatch over a record of " + declared + " bytes";
      case BAD_RECORD -> "frame checksum matches but it holds no valid record header";
      default -> st.toString();
    };
  }

  /** Tracks seqs across one segment and turns what it sees into problems. */
  private static final class Walk {
    private static final int MAX_GAPS = 1024;

    final String segment;
    final ScanListener listener;
    long expected;
    long records;
    int problems;
    boolean unknownTail;
    /** Skipped ranges [from, to) with the offset where the skip was seen; maybe filled later. */
    private final List<long[]> gaps = new ArrayList<>();
    private boolean pending;
    private long pendingOffset;
    private long pendingBlock;
    private String pendingWhat;

    Walk(String segment, long expectedFirstSeq, ScanListener listener) {
      this.segment = segment;
      this.expected = expectedFirstSeq;
      this.listener = listener;
    }

    void problem(Kind kind, long seq, long offset, String detail) {
      problems++;
      listener.onProblem(new IntegrityProblem(kind, segment, seq, offset, detail));
    }

    /** A bad frame; its extent is known once the next valid frame is found. */
    void corrupt(long offset, long blockOffset, String what) {
      if (pending) {
        resolvePending(-1);
      }
      pending = true;
      pendingOffset = offset;
      pendingBlock = blockOffset;
      pendingWhat = what;
    }

    private void resolvePending(long nextSeq) {
      pending = false;
      long firstAffected = expected;
      String where = pendingBlock < 0 ? " at byte " + pendingOffset
          : " at offset " + pendingOffset + " inside the block at byte " + pendingBlock;
      String lost;
      if (nextSeq < 0) {
        lost = "records from seq " + expected + " on are unreadable (no valid frame follows)";
      } else if (nextSeq > expected) {
        lost = "records " + expected + ".." + (nextSeq - 1) + " are unreadable";
        expected = nextSeq; // the gap is explained by this damage, not reported again
      } else {
        lost = "no record is lost (seq " + nextSeq + " follows)";
      }
      problem(Kind.CORRUPT, firstAffected, pendingBlock < 0 ? pendingOffset : pendingBlock,
          pendingWhat + where + "; " + lost);
    }

    void truncated(long offset, int declared) {
      if (pending) {
        resolvePending(-1);
      }
      problem(Kind.TRUNCATED, expected, offset, "the segment ends inside a frame at byte " + offset
          + (declared > 0 ? " (its length says " + declared + " bytes)" : "")
          + "; records from seq " + expected + " on are lost");
      unknownTail = true;
    }

    void blockLost(ZsegIndex.Block k, String message) {
      if (pending) {
        resolvePending(-1);
      }
      long last = k.firstSeq() + k.count() - 1;
      problem(Kind.CORRUPT, k.firstSeq(), k.offset(), message + "; records " + k.firstSeq()
          + ".." + last + " are unreadable");
      if (k.firstSeq() > expected) {
        gap(expected, k.firstSeq(), k.offset());
      }
      expected = Math.max(expected, last + 1);
    }

    void record(ScannedRecord r) {
      long seq = r.seq();
      long offset = r.blockOffset() < 0 ? r.offset() : r.blockOffset();
      if (pending) {
        long before = expected;
        resolvePending(seq);
        if (seq < before) {
          reorderedOrRepeated(seq, offset);
          emit(r);
          return;
        }
      }
      if (seq == expected) {
        expected++;
      } else if (seq > expected) {
        gap(expected, seq, offset);
        expected = seq + 1;
      } else {
        reorderedOrRepeated(seq, offset);
      }
      emit(r);
    }

    private void emit(ScannedRecord r) {
      records++;
      listener.onRecord(r);
    }

    private void gap(long from, long to, long offset) {
      if (gaps.size() >= MAX_GAPS) {
        reportGap(new long[] {from, to, offset});
      } else {
        gaps.add(new long[] {from, to, offset});
      }
    }

    private void reorderedOrRepeated(long seq, long offset) {
      for (int i = 0; i < gaps.size(); i++) {
        long[] g = gaps.get(i);
        if (seq >= g[0] && seq < g[1]) {
          gaps.remove(i);
          if (seq + 1 < g[1]) {
            gaps.add(i, new long[] {seq + 1, g[1], g[2]});
          }
          if (g[0] < seq) {
            gaps.add(i, new long[] {g[0], seq, g[2]});
          }
          problem(Kind.REORDERED, seq, offset, "seq " + seq + " comes after seq " + (expected - 1)
              + " (out of order)");
          return;
        }
      }
      problem(Kind.REORDERED, seq, offset, "seq " + seq + " repeats or goes back (after seq "
          + (expected - 1) + ")");
    }

    private void reportGap(long[] g) {
      problem(Kind.MISSING, g[0], g[2], (g[1] - g[0] == 1 ? "seq " + g[0] + " is"
          : "seqs " + g[0] + ".." + (g[1] - 1) + " are") + " missing (seq " + g[1]
          + " follows)");
    }

    void finish() {
      if (pending) {
        resolvePending(-1);
      }
      for (Iterator<long[]> it = gaps.iterator(); it.hasNext(); ) {
        reportGap(it.next());
        it.remove();
      }
    }
  }
}
