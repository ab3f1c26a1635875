package org.campusgate.audit.index;

import java.io.IOException;
import java.util.UUID;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.campusgate.audit.EventIds;

/**
 * Finds an event by id without indexing the id as a term (a unique term per event was the
 * single most expensive part of indexing): a version-7 id carries its event's time, so the
 * lookup reads the few documents of that millisecond (widening the window when the id was made
 * at another moment) and compares 32 bits of the id kept as doc values. The store confirms the
 * whole id against the journal.
 */
final class EventIdLookup {
  /** Windows around the id's time, in milliseconds, tried in turn. */
  private static final long[] WINDOWS = {0, 2_000, 3_600_000, 86_400_000};

  private EventIdLookup() {}

  /** The 32 id bits kept per document. */
  static long idBits(UUID id) {
    return id.getLeastSignificantBits() & 0xFFFF_FFFFL;
  }

  /** The seqs of documents whose id bits match, nearest window first; -1 when none. */
  static long find(IndexReader reader, UUID id) throws IOException {
    long at = EventIds.timeOf(id).toEpochMilli();
    for (long w : WINDOWS) {
      long seq = find(reader, LongPoint.newRangeQuery(EventFields.TS, at - w, at + w),
          idBits(id));
      if (seq >= 0) {
        return seq;
      }
    }
    return -1;
  }

  private static long find(IndexReader reader, Query window, long bits) throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    Weight weight = searcher.createWeight(searcher.rewrite(window),
        ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : reader.leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue;
      }
      NumericDocValues ids = DocValues.getNumeric(leaf.reader(), EventFields.EID_BITS);
      NumericDocValues seqs = DocValues.getNumeric(leaf.reader(), EventFields.SEQ);
      DocIdSetIterator it = scorer.iterator();
      for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
        if (ids.advanceExact(doc) && ids.longValue() == bits && seqs.advanceExact(doc)) {
          return seqs.longValue();
        }
      }
    }
    return -1;
  }
}
