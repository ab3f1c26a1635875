package org.campusgate.audit.index;

import java.util.List;

/**
 * One page of a search: the journal sequence numbers of the matching events, in the query's
 * order; the store fetches the events from the journal.
 *
 * @param seqs the sequence numbers of this page
 * @param next the cursor of the following page, or null on the last page
 * @param total how many events match the query in all (exact)
 */
public record IndexHits(List<Long> seqs, String next, long total) {
  public IndexHits {
    seqs = List.copyOf(seqs);
    if (total < 0) {
      throw new IllegalArgumentException("negative total");
    }
  }
}
