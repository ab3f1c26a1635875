package org.campusgate.audit.embedded;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.IntegrityProblem;
import org.campusgate.audit.IntegrityProblem.Kind;
import org.campusgate.audit.SignedCheckpoint;
import org.campusgate.audit.VerificationReport;
import org.campusgate.audit.integrity.CheckpointException;
import org.campusgate.audit.integrity.CheckpointVerifier;
import org.campusgate.audit.integrity.CompactRange;
import org.campusgate.audit.integrity.LeafHashLookup;
import org.campusgate.audit.integrity.MerkleHasher;
import org.campusgate.audit.integrity.MerkleProofs;
import org.campusgate.audit.integrity.TileStore;
import org.campusgate.audit.integrity.TiledNodeSource;
import org.campusgate.audit.journal.Journal;
import org.campusgate.audit.journal.ScanListener;
import org.campusgate.audit.journal.ScanSummary;
import org.campusgate.audit.journal.ScannedRecord;
import org.campusgate.audit.journal.SegmentInfo;
import org.campusgate.audit.journal.SegmentScanner;

/**
 * Rechecks the journal segments of a time range from their bytes, in three layers:
 *
 * <ol>
 *   <li>framing: every record's checksum and the sequence from one record and one segment to
 *       the next (changed, missing, reordered, truncated records, with segment, seq and offset);
 *   <li>tiles: each complete run of 1024 records rehashed against the subtree hash written when
 *       they were appended (a change that kept the checksums valid);
 *   <li>signed checkpoints: each signature, each root recomputed from the history, and the
 *       consistency of consecutive checkpoints — which catches even a segment forged with its
 *       checksums and tiles rewritten, since the forger cannot sign.
 * </ol>
 */
final class StoreVerifier {
  private final Journal journal;
  private final TileStore tiles;
  private final Checkpointer checkpointer;
  private final LeafHashLookup leaves;
  private final long firstProvableLeaf;
  private final MerkleHasher hasher = new MerkleHasher();
  private final List<IntegrityProblem> problems = new ArrayList<>();
  private long recordsChecked;

  /**
   * @param leaves leaf hashes for the partial tiles roots and proofs need
   * @param firstProvableLeaf the first leaf those hashes reach (retention removed those before)
   */
  StoreVerifier(Journal journal, TileStore tiles, Checkpointer checkpointer,
      LeafHashLookup leaves, long firstProvableLeaf) {
    this.journal = journal;
    this.tiles = tiles;
    this.checkpointer = checkpointer;
    this.leaves = leaves;
    this.firstProvableLeaf = firstProvableLeaf;
  }

  VerificationReport verify(Instant from, Instant to) throws IOException {
    List<SegmentInfo> all = journal.segments();
    List<SegmentInfo> chosen = all.stream()
        .filter(s -> s.recordCount() > 0 && s.minTime().isBefore(to) && !s.maxTime().isBefore(from))
        .toList();
    long firstSeq = -1;
    long endSeq = -1;
    for (SegmentInfo s : chosen) {
      checkSegment(s, all);
      firstSeq = firstSeq < 0 ? s.firstSeq() : firstSeq;
      endSeq = s.firstSeq() + s.recordCount();
    }
    long checkpoints = chosen.isEmpty() ? 0 : checkCheckpoints(firstSeq, endSeq, all);
    return new VerificationReport(from, to, recordsChecked, checkpoints, problems);
  }

  private void checkSegment(SegmentInfo segment, List<SegmentInfo> all) throws IOException {
    int i = all.indexOf(segment);
    if (i > 0) {
      SegmentInfo before = all.get(i - 1);
      long expected = before.firstSeq() + before.recordCount();
      if (segment.firstSeq() > expected) {
        problems.add(new IntegrityProblem(Kind.MISSING, segment.name(), expected, -1,
            "records " + expected + ".." + (segment.firstSeq() - 1) + " are missing between "
                + before.name() + " and " + segment.name()));
      }
    }
    TileCheck tileCheck = new TileCheck(segment.name());
    ScanListener listener = new ScanListener() {
      @Override
      public void onRecord(ScannedRecord r) {
        recordsChecked++;
        tileCheck.add(r.seq(), hasher.leafHash(r.bytes()));
      }

      @Override
      public void onProblem(IntegrityProblem p) {
        problems.add(p);
        tileCheck.broken();
      }
    };
    SegmentScanner scanner = new SegmentScanner();
    try {
      ScanSummary summary = segment.sealed()
          ? scanner.scan(segment.path(), segment.firstSeq(), listener)
          : scanner.scan(segment.path(), segment.firstSeq(), segment.sizeBytes(), listener);
      if (segment.sealed() && summary.nextExpectedSeq() < segment.firstSeq()
          + segment.recordCount()) {
        problems.add(new IntegrityProblem(Kind.TRUNCATED, segment.name(),
            summary.nextExpectedSeq(), -1, "the segment held " + segment.recordCount()
                + " records when sealed; " + summary.records() + " remain"));
      }
    } catch (NoSuchFileException e) {
      // compressed in the meantime: check the compressed file instead
      for (SegmentInfo s : journal.segments()) {
        if (s.firstSeq() == segment.firstSeq() && !s.path().equals(segment.path())) {
          checkSegment(s, journal.segments());
          return;
        }
      }
      problems.add(new IntegrityProblem(Kind.MISSING, segment.name(), segment.firstSeq(), -1,
          "the segment file is gone"));
    }
  }

  /** Rehashes complete tiles of a segment and compares them with the stored tile hashes. */
  private final class TileCheck {
    private final String segment;
    private CompactRange range;
    private long start = -1;

    TileCheck(String segment) {
      this.segment = segment;
    }

    void add(long seq, byte[] leaf) {
      if (seq % TileStore.LEAVES_PER_TILE == 0) {
        range = new CompactRange(hasher);
        start = seq;
      }
      if (range == null || seq != start + range.size()) {
        range = null;
        return;
      }
      range.append(leaf);
      if (range.size() == TileStore.LEAVES_PER_TILE) {
        compare();
        range = null;
      }
    }

    void broken() {
      range = null; // the framing problem is already reported with its exact position
    }

    private void compare() {
      long tile = start / TileStore.LEAVES_PER_TILE;
      try {
        if (tile < tiles.count() && !Arrays.equals(tiles.get(tile), range.root())) {
          problems.add(new IntegrityProblem(Kind.CHANGED, segment, start, -1, "records "
              + start + ".." + (start + TileStore.LEAVES_PER_TILE - 1) + " do not hash to the "
              + "subtree hash recorded when they were written"));
        }
      } catch (IOException e) {
        problems.add(new IntegrityProblem(Kind.CORRUPT, "tiles", start, -1,
            "cannot read tile " + tile + ": " + e.getMessage()));
      }
    }
  }

  private long checkCheckpoints(long firstSeq, long endSeq, List<SegmentInfo> segments)
      throws IOException {
    CheckpointVerifier verifier = checkpointer.verifier();
    TiledNodeSource nodes = new TiledNodeSource(tiles, leaves);
    long available = journal.nextSeq();
    List<SignedCheckpoint> relevant = new ArrayList<>();
    for (SignedCheckpoint c : checkpointer.all()) {
      long size = c.checkpoint().treeSize();
      // a root needs the leaves of the partial tile it ends in; older ones were removed
      long partialTile = size - size % TileStore.LEAVES_PER_TILE;
      if (size > firstSeq && partialTile >= firstProvableLeaf) {
        relevant.add(c);
        if (size >= endSeq) {
          break; // the first checkpoint covering the whole range is the last one needed
        }
      }
    }
    long checked = 0;
    Checkpoint previous = null;
    for (SignedCheckpoint c : relevant) {
      checked++;
      Checkpoint signed;
      try {
        signed = verifier.verify(c.note());
      } catch (CheckpointException e) {
        problems.add(new IntegrityProblem(Kind.BAD_SIGNATURE, "checkpoints",
            c.checkpoint().treeSize(), -1, e.getMessage()));
        continue;
      }
      if (!signed.origin().equals(checkpointer.origin())) {
        problems.add(new IntegrityProblem(Kind.BAD_SIGNATURE, "checkpoints", signed.treeSize(),
            -1, "checkpoint of another log: " + signed.origin()));
        continue;
      }
      if (signed.treeSize() > available) {
        problems.add(new IntegrityProblem(Kind.TRUNCATED, segmentOf(available, segments),
            available, -1, "a signed checkpoint covers " + signed.treeSize()
                + " records but the journal ends at " + available));
        continue;
      }
      try {
        byte[] root = MerkleProofs.rootHash(signed.treeSize(), nodes);
        if (!Arrays.equals(root, signed.rootHash())) {
          long after = previous == null ? 0 : previous.treeSize();
          problems.add(new IntegrityProblem(Kind.ROOT_MISMATCH,
              segmentOf(after, segments), after, -1, "the records " + after + ".."
                  + (signed.treeSize() - 1) + " do not hash to the root signed at "
                  + signed.time() + " for " + signed.treeSize() + " records"));
        } else if (previous != null && !MerkleProofs.verifyConsistency(previous.treeSize(),
            signed.treeSize(), previous.rootHash(), signed.rootHash(),
            MerkleProofs.consistencyProof(previous.treeSize(), signed.treeSize(), nodes))) {
          problems.add(new IntegrityProblem(Kind.INCONSISTENT_CHECKPOINTS, "checkpoints",
              previous.treeSize(), -1, "the checkpoints for " + previous.treeSize() + " and "
                  + signed.treeSize() + " records do not describe one append-only history"));
        }
      } catch (RuntimeException e) {
        problems.add(new IntegrityProblem(Kind.CORRUPT, segmentOf(signed.treeSize() - 1,
            segments), signed.treeSize() - 1, -1, "cannot recompute the root for "
                + signed.treeSize() + " records: " + e.getMessage()));
      }
      previous = signed;
    }
    return checked;
  }

  private static String segmentOf(long seq, List<SegmentInfo> segments) {
    String name = null;
    for (SegmentInfo s : segments) {
      if (s.firstSeq() <= seq) {
        name = s.name();
      }
    }
    return name;
  }
}
