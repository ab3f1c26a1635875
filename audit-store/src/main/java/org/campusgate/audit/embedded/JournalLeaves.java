package org.campusgate.audit.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.campusgate.audit.integrity.LeafHashLookup;
import org.campusgate.audit.integrity.MerkleHasher;
import org.campusgate.audit.journal.Journal;

/**
 * Leaf hashes recomputed from the journal's bytes, for the few leaves a root or proof needs
 * beyond the stored tiles. Not thread-safe (it owns a hasher); make one per use.
 */
final class JournalLeaves implements LeafHashLookup {
  private final Journal journal;
  private final PrunedLeaves pruned;
  private final MerkleHasher hasher = new MerkleHasher();

  JournalLeaves(Journal journal) {
    this(journal, PrunedLeaves.none());
  }

  /** Leaves from the journal, and from {@code pruned} for records retention removed. */
  JournalLeaves(Journal journal, PrunedLeaves pruned) {
    this.journal = Objects.requireNonNull(journal, "journal");
    this.pruned = Objects.requireNonNull(pruned, "pruned");
  }

  @Override
  public byte[][] leafHashes(long from, long to) {
    byte[][] out = new byte[Math.toIntExact(to - from)][];
    long scanFrom = from;
    for (byte[] h; scanFrom < to && (h = pruned.get(scanFrom)) != null; scanFrom++) {
      out[(int) (scanFrom - from)] = h;
    }
    try {
      journal.scan(scanFrom, to, (seq, bytes) -> out[(int) (seq - from)] = hasher.leafHash(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read records " + from + ".." + to
          + " from the journal", e);
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        throw new IllegalStateException("record " + (from + i) + " is missing from the journal");
      }
    }
    return out;
  }
}
