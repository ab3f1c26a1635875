package org.campusgate.audit.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.campusgate.audit.AccessEvent;

/**
 * One UTC day's Lucene index and roll-ups. The writer opens on the first add and closes when
 * the day is clean and idle; without a writer the day is searched through a read-only reader.
 *
 * <p>Locking: adds and searches take the read lock (they run concurrently; IndexWriter is
 * thread-safe); opening, committing and closing take the write lock, so a commit sees no add
 * in flight and the roll-up file matches the Lucene commit exactly.
 */
final class DayIndex implements Closeable {
  private final LocalDate day;
  private final Path path;
  private final IndexOptions options;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final AtomicLong maxAdded = new AtomicLong(-1);
  private volatile boolean dirty;
  private volatile long lastUsedMillis;

  // guarded by lock
  private Directory directory;
  private IndexWriter writer;
  private SearcherManager searchers;
  private HourlyRollups rollups;
  private CommitStamp committed = CommitStamp.EMPTY;
  private CommitStamp opening = CommitStamp.EMPTY;
  private DirectoryReader replayCheck;
  private boolean closed;

  DayIndex(LocalDate day, Path path, IndexOptions options) {
    this.day = day;
    this.path = path;
    this.options = options;
    this.lastUsedMillis = options.clock().millis();
  }

  LocalDate day() {
    return day;
  }

  boolean dirty() {
    return dirty;
  }

  long lastUsedMillis() {
    return lastUsedMillis;
  }

  boolean hasWriter() {
    lock.readLock().lock();
    try {
      return writer != null;
    } finally {
      lock.readLock().unlock();
    }
  }

  boolean hasReader() {
    lock.readLock().lock();
    try {
      return writer == null && (searchers != null || rollups != null);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Indexes one event unless it is already in this day's last commit (a replay after a crash).
   *
   * @return false when skipped as a duplicate
   */
  boolean add(long seq, AccessEvent e, EventDocument doc) throws IOException {
    while (true) {
      lock.readLock().lock();
      try {
        if (writer != null) {
          return addLocked(seq, e, doc);
        }
      } finally {
        lock.readLock().unlock();
      }
      lock.writeLock().lock();
      try {
        ensureOpen();
        if (writer == null) {
          openWriter();
        }
      } finally {
        lock.writeLock().unlock();
      }
    }
  }

  private boolean addLocked(long seq, AccessEvent e, EventDocument doc) throws IOException {
    if (seq <= opening.seq()) {
      return false;
    }
    if (seq <= opening.maxSeq() && replayCheck != null
        && EventIdLookup.find(replayCheck, e.eventId()) >= 0) {
      return false; // committed beyond the watermark by a concurrent add before the crash
    }
    writer.addDocument(doc.fill(seq, e));
    rollups.add(e);
    maxAdded.accumulateAndGet(seq, Math::max);
    dirty = true;
    lastUsedMillis = options.clock().millis();
    return true;
  }

  /** Makes what was added searchable (no-op without a writer). */
  void refresh() throws IOException {
    lock.readLock().lock();
    try {
      if (writer != null) {
        searchers.maybeRefreshBlocking();
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Commits this day if it has uncommitted events: roll-up file first, then the Lucene commit
   * with the same stamp (a crash between them leaves a stamp mismatch: roll-ups are rebuilt).
   */
  void commit(long uptoSeq) throws IOException {
    lock.writeLock().lock();
    try {
      if (!dirty || writer == null) {
        return;
      }
      CommitStamp stamp = new CommitStamp(
          uptoSeq, Math.max(uptoSeq, maxAdded.get()), committed.gen() + 1);
      RollupFile.write(path.resolve(RollupFile.NAME), stamp, rollups.snapshot());
      writer.setLiveCommitData(stamp.toUserData().entrySet());
      writer.commit();
      committed = stamp;
      dirty = false;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** A searcher over this day's current state, or null when the day has no index yet. */
  Acquired acquire() throws IOException {
    lock.readLock().lock();
    try {
      if (searchers != null) {
        return new Acquired(searchers, searchers.acquire());
      }
    } finally {
      lock.readLock().unlock();
    }
    lock.writeLock().lock();
    try {
      ensureOpen();
      if (searchers == null) {
        if (!openDirectory(false) || !DirectoryReader.indexExists(directory)) {
          return null;
        }
        searchers = new SearcherManager(directory, null);
      }
      lastUsedMillis = options.clock().millis();
      return new Acquired(searchers, searchers.acquire());
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** This day's roll-ups: live while writing, else loaded from the file (rebuilt if stale). */
  HourlyRollups rollups() throws IOException {
    lock.readLock().lock();
    try {
      if (rollups != null) {
        return rollups;
      }
    } finally {
      lock.readLock().unlock();
    }
    lock.writeLock().lock();
    try {
      ensureOpen();
      if (rollups == null) {
        if (!openDirectory(false) || !DirectoryReader.indexExists(directory)) {
          return new HourlyRollups();
        }
        CommitStamp stamp = CommitStamp.fromUserData(
            SegmentInfos.readLatestCommit(directory).getUserData().entrySet());
        try (DirectoryReader r = DirectoryReader.open(directory)) {
          rollups = loadRollups(stamp, r);
        }
      }
      lastUsedMillis = options.clock().millis();
      return rollups;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Closes the writer if everything is committed; returns whether it was closed. */
  boolean closeWriterIfClean() throws IOException {
    lock.writeLock().lock();
    try {
      if (writer == null || dirty) {
        return false;
      }
      closeSearchAndWrite();
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Releases the read-only reader and cached roll-ups of a day without a writer. */
  void dropReader() throws IOException {
    lock.writeLock().lock();
    try {
      if (writer == null) {
        closeSearchAndWrite();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Closes everything; uncommitted events are rolled back (the journal replays them). */
  @Override
  public void close() throws IOException {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closeSearchAndWrite();
      if (directory != null) {
        directory.close();
        directory = null;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void closeSearchAndWrite() throws IOException {
    try {
      if (replayCheck != null) {
        replayCheck.close();
      }
      if (searchers != null) {
        searchers.close();
      }
    } finally {
      replayCheck = null;
      searchers = null;
      rollups = null;
      IndexWriter w = writer;
      writer = null;
      dirty = false;
      if (w != null) {
        w.close(); // commitOnClose=false: rollback of anything uncommitted
      }
    }
  }

  private void openWriter() throws IOException {
    openDirectory(true);
    if (searchers != null) { // a read-only manager: replaced by an NRT one
      searchers.close();
      searchers = null;
    }
    rollups = null;
    IndexWriter w = new IndexWriter(directory, config());
    try {
      opening = CommitStamp.fromUserData(w.getLiveCommitData());
      committed = opening;
      maxAdded.accumulateAndGet(opening.maxSeq(), Math::max);
      SearcherManager sm = new SearcherManager(w, false, false, null);
      IndexSearcher s = sm.acquire();
      try {
        rollups = loadRollups(opening, s.getIndexReader());
      } finally {
        sm.release(s);
      }
      if (opening.maxSeq() > opening.seq()) {
        replayCheck = DirectoryReader.open(directory);
      }
      searchers = sm;
      writer = w;
    } finally {
      if (writer == null) {
        w.close();
      }
    }
  }

  private HourlyRollups loadRollups(CommitStamp stamp, IndexReader reader) throws IOException {
    Path file = path.resolve(RollupFile.NAME);
    try {
      RollupFile.Content c = RollupFile.read(file);
      if (c != null && c.stamp().equals(stamp)) {
        return HourlyRollups.of(c.rows());
      }
    } catch (IOException corrupt) {
      // derived data: fall through and recount from the index
    }
    HourlyRollups r = HourlyRollups.rebuild(reader);
    if (!stamp.equals(CommitStamp.EMPTY)) {
      RollupFile.write(file, stamp, r.snapshot());
    }
    return r;
  }

  private IndexWriterConfig config() {
    TieredMergePolicy merges = new TieredMergePolicy();
    // append-only daily index: tolerate more segments per tier, so fewer, larger merges
    merges.setSegmentsPerTier(20);
    merges.setFloorSegmentMB(32);
    ConcurrentMergeScheduler scheduler = new ConcurrentMergeScheduler();
    scheduler.setMaxMergesAndThreads(2, 1); // 2 shared cores: one merge thread
    return new IndexWriterConfig()
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setIndexSort(EventFields.OLDEST_FIRST)
        .setRAMBufferSizeMB(options.ramBufferMb())
        .setCommitOnClose(false)
        .setMergePolicy(merges)
        .setMergeScheduler(scheduler);
  }

  /**
   * Opens the directory if needed. When only reading ({@code create} false) a day that was
   * never written stays absent rather than becoming an empty directory.
   */
  private boolean openDirectory(boolean create) throws IOException {
    if (directory == null) {
      if (!create && !Files.isDirectory(path)) {
        return false;
      }
      directory = FSDirectory.open(path);
    }
    return true;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the index of " + day + " is closed");
    }
  }

  /** A searcher and the manager it must be released to. */
  record Acquired(SearcherManager manager, IndexSearcher searcher) {
    void release() throws IOException {
      manager.release(searcher);
    }
  }
}
