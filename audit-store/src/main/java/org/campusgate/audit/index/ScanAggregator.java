package org.campusgate.audit.index;

import static org.campusgate.audit.index.EventFields.*;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.campusgate.audit.GroupField;

/**
 * The scan path of an aggregate: visits every matching document segment by segment and reads
 * its doc values. Ordinals are turned into strings once per segment and value.
 */
final class ScanAggregator {
  private final List<GroupField> groupBy;
  private final BucketClock clock;
  private final RowAccumulator rows;
  private final int groupIndex;

  ScanAggregator(List<GroupField> groupBy, BucketClock clock, RowAccumulator rows) {
    this.groupBy = groupBy;
    this.clock = clock;
    this.rows = rows;
    this.groupIndex = groupBy.indexOf(GroupField.GROUP);
  }

  void collect(IndexSearcher searcher, Query query) throws IOException {
    Weight weight = searcher.createWeight(
        searcher.rewrite(query), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer scorer = weight.scorer(leaf);
      if (scorer != null) {
        collectLeaf(leaf.reader(), scorer.iterator());
      }
    }
  }

  private void collectLeaf(LeafReader reader, DocIdSetIterator it) throws IOException {
    Bits live = reader.getLiveDocs();
    NumericDocValues ts = DocValues.getNumeric(reader, TS);
    NumericDocValues up = DocValues.getNumeric(reader, BYTES_UP);
    NumericDocValues down = DocValues.getNumeric(reader, BYTES_DOWN);
    KeyColumn[] columns = new KeyColumn[groupBy.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = i == groupIndex
          ? null : new KeyColumn(DocValues.getSorted(reader, field(groupBy.get(i))));
    }
    SortedSetDocValues groups = groupIndex < 0 ? null : DocValues.getSortedSet(reader, GROUPS);
    String[] groupNames = groups == null ? null : new String[(int) groups.getValueCount()];
    String[] values = new String[columns.length];
    List<String> valueList = Arrays.asList(values);
    for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
      if (live != null && !live.get(doc)) {
        continue;
      }
      long bucket = clock.start(ts.advanceExact(doc) ? ts.longValue() : 0L);
      long u = up.advanceExact(doc) ? up.longValue() : 0L;
      long d = down.advanceExact(doc) ? down.longValue() : 0L;
      for (int i = 0; i < columns.length; i++) {
        if (columns[i] != null) {
          values[i] = columns[i].value(doc);
        }
      }
      if (groups == null) {
        rows.add(bucket, valueList, 1, u, d);
      } else if (!groups.advanceExact(doc)) {
        values[groupIndex] = ""; // an event of no group is in the "" row
        rows.add(bucket, valueList, 1, u, d);
      } else {
        // each of the event's groups gets the event once
        for (int g = 0, n = groups.docValueCount(); g < n; g++) {
          int ord = (int) groups.nextOrd();
          if (groupNames[ord] == null) {
            groupNames[ord] = groups.lookupOrd(ord).utf8ToString();
          }
          values[groupIndex] = groupNames[ord];
          rows.add(bucket, valueList, 1, u, d);
        }
      }
    }
  }

  static String field(GroupField f) {
    return switch (f) {
      case SCHOOL -> SCHOOL;
      case GROUP -> GROUPS;
      case USER -> USER;
      case HOST -> HOST;
      case CATEGORY -> CATEGORY;
      case APP -> APP;
      case ACTION -> ACTION;
      case REASON -> REASON;
      case RULE -> RULE;
    };
  }

  /** One grouped keyword of a segment, with its ordinal → string cache. */
  private static final class KeyColumn {
    private final SortedDocValues dv;
    private final String[] names;

    KeyColumn(SortedDocValues dv) {
      this.dv = dv;
      this.names = new String[dv.getValueCount()];
    }

    String value(int doc) throws IOException {
      if (!dv.advanceExact(doc)) {
        return "";
      }
      int ord = dv.ordValue();
      String s = names[ord];
      if (s == null) {
        s = dv.lookupOrd(ord).utf8ToString();
        names[ord] = s;
      }
      return s;
    }
  }
}
