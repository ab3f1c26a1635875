package org.campusgate.audit.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.campusgate.audit.AggregateResult;
import org.campusgate.audit.AggregateRow;
import org.campusgate.audit.GroupField;

/** Sums per (bucket start, key values), bounded, and their ordering into a result. */
final class RowAccumulator {
  /** More rows than this is not an aggregate a person reads: narrow the query. */
  static final int MAX_ROWS = 200_000;

  private final List<GroupField> groupBy;
  private final Map<Key, long[]> rows = new HashMap<>();

  RowAccumulator(List<GroupField> groupBy) {
    this.groupBy = List.copyOf(groupBy);
  }

  void add(long bucketStart, List<String> values, long count, long up, long down) {
    long[] s = rows.get(new Key(bucketStart, values));
    if (s == null) {
      if (rows.size() >= MAX_ROWS) {
        throw new IllegalArgumentException("the aggregate has more than " + MAX_ROWS
            + " rows; narrow the query, group by fewer fields or use a coarser bucket");
      }
      s = new long[3];
      rows.put(new Key(bucketStart, List.copyOf(values)), s);
    }
    s[0] += count;
    s[1] += up;
    s[2] += down;
  }

  /** Rows by bucket start, then count (largest first), then key values for a stable order. */
  AggregateResult result(boolean fromRollups) {
    List<Map.Entry<Key, long[]>> entries = new ArrayList<>(rows.entrySet());
    entries.sort(Comparator.<Map.Entry<Key, long[]>>comparingLong(e -> e.getKey().bucket())
        .thenComparing(e -> -e.getValue()[0])
        .thenComparing((a, b) -> compare(a.getKey().values(), b.getKey().values())));
    List<AggregateRow> out = new ArrayList<>(entries.size());
    for (Map.Entry<Key, long[]> e : entries) {
      Map<GroupField, String> keys = new EnumMap<>(GroupField.class);
      for (int i = 0; i < groupBy.size(); i++) {
        keys.put(groupBy.get(i), e.getKey().values().get(i));
      }
      long b = e.getKey().bucket();
      out.add(new AggregateRow(b == BucketClock.NONE ? null : Instant.ofEpochMilli(b), keys,
          e.getValue()[0], e.getValue()[1], e.getValue()[2]));
    }
    return new AggregateResult(out, fromRollups);
  }

  private static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private record Key(long bucket, List<String> values) {}
}
