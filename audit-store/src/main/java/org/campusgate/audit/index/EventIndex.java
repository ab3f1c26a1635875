package org.campusgate.audit.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AggregateResult;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.EventIds;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.SortOrder;
import org.campusgate.audit.TimeBucket;

/**
 * The derived search index of access events: one Lucene index per UTC day
 * ({@code events-YYYY-MM-DD} under the directory) that maps queries to journal sequence
 * numbers, plus hourly roll-ups per day for long-range aggregates. Holds no event bodies (no
 * stored fields): the journal is the record of truth and the store fetches events by seq.
 *
 * <p>Durability: {@link #add} buffers; {@link #refresh} makes adds searchable; {@link #commit}
 * makes them durable up to a watermark, {@link #committedSeq}. After a crash the store replays
 * the journal from {@code committedSeq() + 1}; adds of events already committed are skipped,
 * so replay never duplicates. {@link #close} does not commit: uncommitted adds are rolled back.
 *
 * <p>Derived data: everything here can be rebuilt from the journal. To rebuild, close the
 * index, delete its directory, open it again and replay the journal from seq 0.
 *
 * <p>Thread-safety: {@code add} may be called from several threads at once; search, aggregate
 * and refresh may run concurrently with adds; commit, retention and close are serialized.
 */
public final class EventIndex implements Closeable {
  private static final String DAY_PREFIX = "events-";
  private static final String WATERMARK = "index.seq";
  private static final int MAX_GROUP_BY = GroupField.values().length;

  private final Path dir;
  private final IndexOptions options;
  private final ConcurrentHashMap<LocalDate, DayIndex> days = new ConcurrentHashMap<>();
  private final ThreadLocal<EventDocument> documents = ThreadLocal.withInitial(EventDocument::new);
  private final SeqFile watermark;
  private final Object commitLock = new Object();
  private volatile long committedSeq;
  private volatile boolean closed;

  private EventIndex(Path dir, IndexOptions options, long committedSeq) {
    this.dir = dir;
    this.options = options;
    this.watermark = new SeqFile(dir.resolve(WATERMARK));
    this.committedSeq = committedSeq;
  }

  /** Opens (or creates) the index under {@code dir}. */
  public static EventIndex open(Path dir, IndexOptions options) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    Files.createDirectories(dir);
    OptionalLong mark = new SeqFile(dir.resolve(WATERMARK)).read();
    long seq = mark.isPresent() ? mark.getAsLong() : safeWatermark(dir);
    return new EventIndex(dir, options, seq);
  }

  /**
   * Without the watermark file: the lowest day watermark is safe (replaying more is harmless,
   * each day skips what it already holds); -1 when no day was ever committed.
   */
  private static long safeWatermark(Path dir) throws IOException {
    long min = Long.MAX_VALUE;
    for (LocalDate day : listDays(dir)) {
      try (Directory d = FSDirectory.open(dir.resolve(dirName(day)))) {
        long s = -1;
        if (org.apache.lucene.index.DirectoryReader.indexExists(d)) {
          s = CommitStamp.fromUserData(
              SegmentInfos.readLatestCommit(d).getUserData().entrySet()).seq();
        }
        min = Math.min(min, s);
      }
    }
    return min == Long.MAX_VALUE ? -1 : min;
  }

  /**
   * Indexes an access event under its journal sequence number. Skips (and returns false for)
   * an event that this index already holds durably, as replay after a crash re-adds them.
   */
  public boolean add(long seq, AccessEvent event) throws IOException {
    ensureOpen();
    Objects.requireNonNull(event, "event");
    if (seq < 0) {
      throw new IllegalArgumentException("negative seq " + seq);
    }
    return day(LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC))
        .add(seq, event, documents.get());
  }

  /** Makes every event added so far visible to searches and scan aggregates. */
  public void refresh() throws IOException {
    ensureOpen();
    for (DayIndex d : days.values()) {
      d.refresh();
    }
  }

  /**
   * Makes every event added so far durable, with {@code uptoSeq} as the watermark: the caller
   * guarantees that every event with seq ≤ uptoSeq has been added. Blocks adds to a day while
   * that day commits (flush + fsync). Closes idle writers and surplus readers afterwards.
   */
  public void commit(long uptoSeq) throws IOException {
    synchronized (commitLock) {
      ensureOpen();
      if (uptoSeq < committedSeq) {
        throw new IllegalArgumentException(
            "the watermark cannot go back from " + committedSeq + " to " + uptoSeq);
      }
      for (DayIndex d : days.values()) {
        d.commit(uptoSeq);
      }
      watermark.write(uptoSeq);
      committedSeq = uptoSeq;
      closeIdle();
    }
  }

  /** The seq up to which every event is durably indexed; -1 when none. */
  public long committedSeq() {
    return committedSeq;
  }

  /** One page of the events matching a query: their seqs, the next cursor, the exact total. */
  public IndexHits search(AuditQuery q) throws IOException {
    ensureOpen();
    Objects.requireNonNull(q, "query");
    SearchCursor after = q.cursor() == null ? null : SearchCursor.decode(q.cursor(), q);
    Query query = EventQueries.of(q);
    Sort sort = q.order() == SortOrder.OLDEST_FIRST
        ? EventFields.OLDEST_FIRST : EventFields.NEWEST_FIRST;
    try (Snapshot snap = snapshot(q.from(), q.to())) {
      IndexSearcher searcher = snap.searcher();
      int maxDoc = searcher.getIndexReader().maxDoc();
      if (maxDoc == 0) {
        return new IndexHits(List.of(), null, 0);
      }
      long total = searcher.count(query);
      // the cursor's own event compares equal; a doc id no lower than any excludes it
      FieldDoc afterDoc = after == null ? null
          : new FieldDoc(maxDoc - 1, Float.NaN, new Object[] {after.ts(), after.seq()});
      TopFieldDocs top = searcher.searchAfter(afterDoc, query, q.limit() + 1, sort, false);
      ScoreDoc[] hits = top.scoreDocs;
      int n = Math.min(hits.length, q.limit());
      List<Long> seqs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        seqs.add((Long) ((FieldDoc) hits[i]).fields[1]);
      }
      String next = null;
      if (hits.length > q.limit()) {
        Object[] last = ((FieldDoc) hits[n - 1]).fields;
        next = new SearchCursor(q.order(), (Long) last[0], (Long) last[1]).encode();
      }
      return new IndexHits(seqs, next, total);
    }
  }

  /** The seq of an event by its id, looked up in the day of the id's time and the days beside. */
  public OptionalLong seqOf(UUID eventId) throws IOException {
    ensureOpen();
    LocalDate day = LocalDate.ofInstant(EventIds.timeOf(eventId), ZoneOffset.UTC);
    Instant from = day.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = day.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
    try (Snapshot snap = snapshot(from, to)) {
      long seq = EventIdLookup.find(snap.searcher().getIndexReader(), eventId);
      return seq < 0 ? OptionalLong.empty() : OptionalLong.of(seq);
    }
  }

  /** Aggregates, from the roll-ups when they can answer exactly, else by a scan. */
  public AggregateResult aggregate(AuditQuery q, List<GroupField> groupBy, TimeBucket bucket,
      ZoneId zone) throws IOException {
    return aggregate(q, groupBy, bucket, zone, true);
  }

  /**
   * Counts events and sums their bytes per (bucket start in {@code zone}, grouped values); an
   * event of several groups counts once in each group's row when grouping by GROUP. Rows come
   * by bucket start, then count (largest first), then values.
   *
   * @param allowRollups false forces the scan path (the roll-up path sees added events at
   *     once, the scan path after {@link #refresh})
   */
  public AggregateResult aggregate(AuditQuery q, List<GroupField> groupBy, TimeBucket bucket,
      ZoneId zone, boolean allowRollups) throws IOException {
    ensureOpen();
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(zone, "zone");
    List<GroupField> fields = List.copyOf(groupBy);
    if (fields.size() > MAX_GROUP_BY || EnumSet.copyOf(
        fields.isEmpty() ? EnumSet.noneOf(GroupField.class) : fields).size() != fields.size()) {
      throw new IllegalArgumentException("groupBy repeats a field: " + fields);
    }
    RowAccumulator rows = new RowAccumulator(fields);
    BucketClock clock = new BucketClock(bucket, zone);
    if (allowRollups && RollupAggregator.eligible(q, fields, bucket, zone)) {
      RollupAggregator agg = new RollupAggregator(q, fields, clock, rows);
      for (LocalDate day : daysIn(q.from(), q.to())) {
        agg.collect(day(day).rollups().snapshot());
      }
      return rows.result(true);
    }
    Query query = EventQueries.of(q);
    try (Snapshot snap = snapshot(q.from(), q.to())) {
      new ScanAggregator(fields, clock, rows).collect(snap.searcher(), query);
    }
    return rows.result(false);
  }

  /** Deletes whole days before {@code day} (retention; the store enforces the legal floor). */
  public void deleteDaysBefore(LocalDate day) throws IOException {
    Objects.requireNonNull(day, "day");
    synchronized (commitLock) {
      ensureOpen();
      for (LocalDate d : knownDays()) {
        if (d.isBefore(day)) {
          DayIndex index = days.remove(d);
          if (index != null) {
            index.close();
          }
          deleteTree(dir.resolve(dirName(d)));
        }
      }
    }
  }

  /** The days that have an index, oldest first. */
  public List<LocalDate> days() throws IOException {
    return List.copyOf(knownDays());
  }

  /** Closes every day; events added since the last commit are rolled back. */
  @Override
  public void close() throws IOException {
    synchronized (commitLock) {
      if (closed) {
        return;
      }
      closed = true;
      IOException first = null;
      for (DayIndex d : days.values()) {
        try {
          d.close();
        } catch (IOException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      days.clear();
      if (first != null) {
        throw first;
      }
    }
  }

  private void closeIdle() throws IOException {
    long now = options.clock().millis();
    long idle = options.idleAfter().toMillis();
    List<DayIndex> writers = new ArrayList<>();
    List<DayIndex> readers = new ArrayList<>();
    for (DayIndex d : days.values()) {
      if (d.hasWriter()) {
        if (now - d.lastUsedMillis() >= idle && d.closeWriterIfClean()) {
          readers.add(d);
        } else {
          writers.add(d);
        }
      } else if (d.hasReader()) {
        readers.add(d);
      }
    }
    writers.sort(Comparator.comparingLong(DayIndex::lastUsedMillis));
    for (int i = 0; i < writers.size() - options.maxOpenWriters(); i++) {
      writers.get(i).closeWriterIfClean();
    }
    readers.sort(Comparator.comparingLong(DayIndex::lastUsedMillis));
    for (int i = 0; i < readers.size() - options.maxOpenReaders(); i++) {
      readers.get(i).dropReader();
    }
  }

  private DayIndex day(LocalDate day) {
    return days.computeIfAbsent(day, d -> new DayIndex(d, dir.resolve(dirName(d)), options));
  }

  private List<LocalDate> daysIn(Instant from, Instant to) throws IOException {
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC);
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d : knownDays()) {
      if (!d.isBefore(first) && !d.isAfter(last)) {
        out.add(d);
      }
    }
    return out;
  }

  private TreeSet<LocalDate> knownDays() throws IOException {
    TreeSet<LocalDate> all = new TreeSet<>(listDays(dir));
    all.addAll(days.keySet());
    return all;
  }

  private static List<LocalDate> listDays(Path dir) throws IOException {
    List<LocalDate> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith(DAY_PREFIX) && Files.isDirectory(p)) {
          try {
            out.add(LocalDate.parse(name.substring(DAY_PREFIX.length())));
          } catch (DateTimeParseException notADay) {
            // a foreign directory: not ours
          }
        }
      }
    }
    return out;
  }

  private static String dirName(LocalDate day) {
    return DAY_PREFIX + day;
  }

  private Snapshot snapshot(Instant from, Instant to) throws IOException {
    List<DayIndex.Acquired> acquired = new ArrayList<>();
    try {
      for (LocalDate d : daysIn(from, to)) {
        DayIndex.Acquired a = day(d).acquire();
        if (a != null) {
          acquired.add(a);
        }
      }
      IndexReader[] readers = new IndexReader[acquired.size()];
      for (int i = 0; i < readers.length; i++) {
        readers[i] = acquired.get(i).searcher().getIndexReader();
      }
      return new Snapshot(new MultiReader(readers, false), acquired);
    } catch (IOException | RuntimeException e) {
      for (DayIndex.Acquired a : acquired) {
        a.release();
      }
      throw e;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the event index is closed");
    }
  }

  /** The days' current searchers as one reader; releases them on close. */
  private static final class Snapshot implements AutoCloseable {
    private final MultiReader reader;
    private final List<DayIndex.Acquired> acquired;
    private final IndexSearcher searcher;

    Snapshot(MultiReader reader, List<DayIndex.Acquired> acquired) {
      this.reader = reader;
      this.acquired = acquired;
      this.searcher = new IndexSearcher(reader);
    }

    IndexSearcher searcher() {
      return searcher;
    }

    @Override
    public void close() throws IOException {
      try {
        reader.close();
      } finally {
        for (DayIndex.Acquired a : acquired) {
          a.release();
        }
      }
    }
  }
}
