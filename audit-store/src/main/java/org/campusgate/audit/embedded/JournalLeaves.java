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
  private final MerkleHasher hasher = new MerkleHasher();

  JournalLeaves(Journal journal) {
    this.journal = Objects.requireNonNull(journal, "journal");
  }

  @Override
  public byte[][] leafHashes(long from, long to) {
    byte[][] out = new byte[Math.toIntExact(to - from)][];
    try {
      journal.scan(from, to, (seq, bytes) -> out[(int) (seq - from)] = hasher.leafHash(bytes));
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
