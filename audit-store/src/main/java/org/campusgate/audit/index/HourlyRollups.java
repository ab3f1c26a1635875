package org.campusgate.audit.index;

import static org.campusgate.audit.index.EventFields.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.Bits;
import org.campusgate.audit.AccessEvent;

/**
 * Counts and byte sums per UTC hour and (school, groups, category, app, action, reason), kept
 * beside one day's index so that long-range aggregates need not scan events. Thread-safe: two
 * threads may {@link #add} at once.
 */
public final class HourlyRollups {
  private final ConcurrentHashMap<RollupKey, Sums> rows = new ConcurrentHashMap<>();

  /** Counts one event. */
  public void add(AccessEvent e) {
    add(RollupKey.of(e), 1, e.bytesUp(), e.bytesDown());
  }

  void add(RollupKey key, long count, long up, long down) {
    rows.computeIfAbsent(key, k -> new Sums()).add(count, up, down);
  }

  /** A copy of the rows (weakly consistent while events are being added). */
  public Map<RollupKey, RollupSums> snapshot() {
    Map<RollupKey, RollupSums> out = new HashMap<>(rows.size() * 2);
    rows.forEach((k, s) -> out.put(k, s.get()));
    return out;
  }

  public int size() {
    return rows.size();
  }

  static HourlyRollups of(Map<RollupKey, RollupSums> rows) {
    HourlyRollups r = new HourlyRollups();
    rows.forEach((k, s) -> r.add(k, s.count(), s.bytesUp(), s.bytesDown()));
    return r;
  }

  /** Recounts the roll-ups of every live document of an index, from its doc values. */
  static HourlyRollups rebuild(IndexReader reader) throws IOException {
    HourlyRollups r = new HourlyRollups();
    for (LeafReaderContext leaf : reader.leaves()) {
      LeafReader lr = leaf.reader();
      Bits live = lr.getLiveDocs();
      NumericDocValues ts = DocValues.getNumeric(lr, TS);
      NumericDocValues up = DocValues.getNumeric(lr, BYTES_UP);
      NumericDocValues down = DocValues.getNumeric(lr, BYTES_DOWN);
      SortedDocValues school = DocValues.getSorted(lr, SCHOOL);
      SortedDocValues category = DocValues.getSorted(lr, CATEGORY);
      SortedDocValues app = DocValues.getSorted(lr, APP);
      SortedDocValues action = DocValues.getSorted(lr, ACTION);
      SortedDocValues reason = DocValues.getSorted(lr, REASON);
      SortedSetDocValues groups = DocValues.getSortedSet(lr, GROUPS);
      for (int doc = 0; doc < lr.maxDoc(); doc++) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        if (!ts.advanceExact(doc)) {
          continue;
        }
        long hour = Math.floorDiv(ts.longValue(), RollupKey.HOUR_MILLIS) * RollupKey.HOUR_MILLIS;
        List<String> gs = new ArrayList<>(2);
        if (groups.advanceExact(doc)) {
          for (int i = 0; i < groups.docValueCount(); i++) {
            gs.add(groups.lookupOrd(groups.nextOrd()).utf8ToString());
          }
        }
        RollupKey key = new RollupKey(hour, text(school, doc), gs, text(category, doc),
            text(app, doc), text(action, doc), text(reason, doc));
        r.add(key, 1, number(up, doc), number(down, doc));
      }
    }
    return r;
  }

  private static String text(SortedDocValues dv, int doc) throws IOException {
    return dv.advanceExact(doc) ? dv.lookupOrd(dv.ordValue()).utf8ToString() : "";
  }

  private static long number(NumericDocValues dv, int doc) throws IOException {
    return dv.advanceExact(doc) ? dv.longValue() : 0L;
  }

  /** Mutable sums of one row; synchronized because two adders may hit one row. */
  private static final class Sums {
    private long count;
    private long up;
    private long down;

    synchronized void add(long c, long u, long d) {
      count += c;
      up += u;
      down += d;
    }

    synchronized RollupSums get() {
      return new RollupSums(count, up, down);
    }
  }
}
