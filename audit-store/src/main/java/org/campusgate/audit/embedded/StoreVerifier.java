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
  /** Whether the segment scans found records damaged or missing (reported where they are). */
  private boolean journalDamage;
  /** The last segment scanned: its first seq, the seq after it, whether its tail is lost. */
  private long scannedFirstSeq = -1;
  private long scannedUpTo = -1;
  private boolean scannedTailLost;

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
      checkGapBefore(s, all);
      checkSegment(s, all);
      firstSeq = firstSeq < 0 ? s.firstSeq() : firstSeq;
      endSeq = Math.max(endSeq, Math.max(s.firstSeq() + s.recordCount(), scannedUpTo));
    }
    long checkpoints = chosen.isEmpty() ? 0 : checkCheckpoints(firstSeq, endSeq, all);
    for (java.nio.file.Path damaged : checkpointer.damagedLogs()) {
      problems.add(new IntegrityProblem(Kind.CORRUPT, damaged.getFileName().toString(), -1, -1,
          "the checkpoint log was found damaged and set aside as this file; the entries that "
              + "were still valid continue in the log"));
    }
    return new VerificationReport(from, to, recordsChecked, checkpoints, problems);
  }

  /** Records missing between the previous segment and this one (a cut tail, a deleted file). */
  private void checkGapBefore(SegmentInfo segment, List<SegmentInfo> all) {
    int i = all.indexOf(segment);
    if (i <= 0) {
      return;
    }
    SegmentInfo before = all.get(i - 1);
    boolean scanned = scannedFirstSeq == before.firstSeq();
    if (scanned && scannedTailLost) {
      return; // the scan of the previous segment reported where its records stop
    }
    // the scan knows the previous segment's last seq; its readable record count does not when
    // records inside it are damaged or missing
    long expected = scanned ? scannedUpTo : before.firstSeq() + before.recordCount();
    if (segment.firstSeq() > expected) {
      journalDamage = true;
      problems.add(new IntegrityProblem(Kind.MISSING, segment.name(), expected, -1,
          "records " + expected + ".." + (segment.firstSeq() - 1) + " are missing between "
              + before.name() + " and " + segment.name()));
    }
  }

  private void checkSegment(SegmentInfo segment, List<SegmentInfo> all) throws IOException {
    TileCheck tileCheck = new TileCheck(segment.name());
    boolean[] tailLost = {false};
    ScanListener listener = new ScanListener() {
      @Override
      public void onRecord(ScannedRecord r) {
        recordsChecked++;
        tileCheck.add(r.seq(), hasher.leafHash(r.bytes()));
      }

      @Override
      public void onProblem(IntegrityProblem p) {
        problems.add(p);
        journalDamage = true;
        tailLost[0] |= p.kind() == Kind.TRUNCATED;
        tileCheck.broken();
      }
    };
    SegmentScanner scanner = new SegmentScanner();
    try {
      ScanSummary summary = segment.sealed()
          ? scanner.scan(segment.path(), segment.firstSeq(), listener)
          : scanner.scan(segment.path(), segment.firstSeq(), segment.sizeBytes(), listener);
      scannedFirstSeq = segment.firstSeq();
      scannedUpTo = summary.nextExpectedSeq();
      scannedTailLost = tailLost[0];
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
    Checkpoint lastGood = null; // the latest checkpoint whose root the history reproduces
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
      byte[] root;
      try {
        root = MerkleProofs.rootHash(signed.treeSize(), nodes);
      } catch (RuntimeException e) {
        unreadable(signed, segments, "cannot recompute the root for " + signed.treeSize()
            + " records: " + e.getMessage());
        continue;
      }
      if (!Arrays.equals(root, signed.rootHash())) {
        // the change lies after the last checkpoint that still matches, not after the previous
        // one: that may itself be a mismatch, and its records may be clean
        long after = lastGood == null ? 0 : lastGood.treeSize();
        problems.add(new IntegrityProblem(Kind.ROOT_MISMATCH,
            segmentOf(after, segments), after, -1, "the records " + after + ".."
                + (signed.treeSize() - 1) + " (" + segmentsIn(after, signed.treeSize(), segments)
                + ") do not hash to the root signed at " + signed.time() + " for "
                + signed.treeSize() + " records"));
        continue;
      }
      if (lastGood != null) {
        try {
          if (!MerkleProofs.verifyConsistency(lastGood.treeSize(), signed.treeSize(),
              lastGood.rootHash(), signed.rootHash(),
              MerkleProofs.consistencyProof(lastGood.treeSize(), signed.treeSize(), nodes))) {
            problems.add(new IntegrityProblem(Kind.INCONSISTENT_CHECKPOINTS, "checkpoints",
                lastGood.treeSize(), -1, "the checkpoints for " + lastGood.treeSize() + " and "
                    + signed.treeSize() + " records do not describe one append-only history"));
          }
        } catch (RuntimeException e) {
          unreadable(signed, segments, "cannot check that the checkpoints for "
              + lastGood.treeSize() + " and " + signed.treeSize() + " records are consistent: "
              + e.getMessage());
        }
      }
      lastGood = signed;
    }
    return checked;
  }

  /**
   * A checkpoint that cannot be checked because records it needs cannot be read. When the
   * segment scans found damage, that is why, and it is already reported where it is: saying it
   * again at the checkpoint would point at the wrong segment.
   */
  private void unreadable(Checkpoint signed, List<SegmentInfo> segments, String detail) {
    if (!journalDamage) {
      problems.add(new IntegrityProblem(Kind.CORRUPT, segmentOf(signed.treeSize() - 1,
          segments), signed.treeSize() - 1, -1, detail));
    }
  }

  /** The names of the segments holding seqs {@code [from, to)}, a few at most. */
  private static String segmentsIn(long from, long to, List<SegmentInfo> segments) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < segments.size(); i++) {
      long start = segments.get(i).firstSeq();
      long end = i + 1 < segments.size() ? segments.get(i + 1).firstSeq() : Long.MAX_VALUE;
      if (start < to && end > from) {
        names.add(segments.get(i).name());
      }
    }
    if (names.size() > 8) {
      return names.size() + " segments, " + names.get(0) + " to " + names.get(names.size() - 1);
    }
    return names.size() == 1 ? "segment " + names.get(0) : "segments " + String.join(", ", names);
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
