package org.campusgate.audit.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.index.EventIndex;
import org.campusgate.audit.index.IdentityIndex;
import org.campusgate.audit.journal.Journal;
import org.campusgate.audit.journal.RecordCodec;

/**
 * Keeps the derived indexes in step with the journal: replays what they had not committed when
 * the store opens, makes searches see everything durable (read-your-writes), refreshes readers
 * in the background and commits now and then.
 *
 * <p>Every search refreshes what it needs itself; the background refresh keeps readers fresh
 * while people are searching and runs rarely otherwise, because each refresh flushes a small
 * sorted segment, which costs indexing throughput when nobody looks.
 */
final class IndexKeeper {
  private static final System.Logger LOG = System.getLogger(IndexKeeper.class.getName());
  private static final Duration READ_YOUR_WRITES_WAIT = Duration.ofSeconds(10);
  /** Without searches for this long, background refreshes slow down to every 10 s. */
  private static final long IDLE_SEARCH_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final long IDLE_REFRESH_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final EventIndex events;
  private final IdentityIndex identities;
  private final IndexFeeder feeder;
  /** The indexed watermark at the last refresh: refresh only when it moved. */
  private volatile long refreshedUpTo = -1;
  private volatile long lastSearchNanos = System.nanoTime() - IDLE_SEARCH_NANOS;
  private volatile long lastRefreshNanos = System.nanoTime();

  IndexKeeper(EventIndex events, IdentityIndex identities, int threads) {
    this.events = Objects.requireNonNull(events, "events");
    this.identities = Objects.requireNonNull(identities, "identities");
    this.feeder = new IndexFeeder(events, identities, threads, replayFrom());
  }

  /** The first sequence number the indexes may not hold durably. */
  long replayFrom() {
    return Math.min(events.committedSeq(), identities.committedSeq()) + 1;
  }

  EventIndex events() {
    return events;
  }

  IdentityIndex identities() {
    return identities;
  }

  IndexFeeder feeder() {
    return feeder;
  }

  /**
   * Re-adds what the indexes had not committed, up to {@code to}. A damaged record is skipped
   * (verify reports it), so the rest of the history stays searchable.
   */
  void replay(Journal journal, long to) throws IOException {
    long from = replayFrom();
    RecordCodec codec = new RecordCodec();
    List<AuditRecord> batch = new ArrayList<>();
    long[] next = {from};
    try {
      journal.scan(from, to, (seq, bytes) -> {
        batch.add(codec.decode(bytes).record());
        if (batch.size() == JournalWriter.MAX_BATCH_RECORDS) {
          feeder.indexNow(next[0], batch);
          next[0] += batch.size();
          batch.clear();
        }
      });
      feeder.indexNow(next[0], batch);
    } catch (IOException | RuntimeException e) {
      feeder.indexNow(next[0], batch);
      for (long seq = next[0] + batch.size(); seq < to; seq++) {
        AuditRecord record = null;
        try {
          record = codec.decode(journal.read(seq)).record();
        } catch (IOException | RuntimeException unreadable) {
          // reported by verify with its position
        }
        feeder.indexNow(seq, record == null ? List.of() : List.of(record), 1);
      }
    }
    refresh();
  }

  /** Waits until everything below {@code durable} is indexed, then makes it visible. */
  void awaitSearchable(long durable) {
    lastSearchNanos = System.nanoTime();
    try {
      if (!feeder.awaitIndexed(durable, READ_YOUR_WRITES_WAIT)) {
        Throwable f = feeder.failure();
        if (f != null) {
          throw new IllegalStateException("the audit index failed: " + f, f);
        }
      }
      refresh();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the index", e);
    }
  }

  /** Makes what was indexed visible, unless nothing was indexed since the last time. */
  void refresh() {
    long upTo = feeder.indexedUpTo();
    if (upTo == refreshedUpTo) {
      return;
    }
    try {
      events.refresh();
      identities.refresh();
      refreshedUpTo = upTo;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot refresh the audit index: " + e.getMessage(), e);
    }
  }

  void refreshInBackground() {
    long now = System.nanoTime();
    if (now - lastSearchNanos > IDLE_SEARCH_NANOS && now - lastRefreshNanos < IDLE_REFRESH_NANOS) {
      return;
    }
    lastRefreshNanos = now;
    try {
      refresh();
    } catch (RuntimeException e) {
      // searches refresh again themselves and report a broken index to their caller
      LOG.log(System.Logger.Level.WARNING, "background refresh of the audit index failed", e);
    }
  }

  /** Commits what is indexed; what is not is replayed from the journal on the next open. */
  void commit() {
    try {
      long upTo = feeder.indexedUpTo() - 1;
      if (upTo >= 0) {
        events.commit(upTo);
        identities.commit(upTo);
      }
    } catch (IOException | RuntimeException e) {
      // what is not committed is replayed from the journal on the next open
      LOG.log(System.Logger.Level.WARNING, "commit of the audit index failed", e);
    }
  }
}
