package org.campusgate.audit.embedded;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.index.EventIndex;
import org.campusgate.audit.index.IdentityIndex;

/**
 * The indexer threads: they take batches the writer has made durable and add them to the
 * Lucene indexes. Batches may finish out of order on several threads, so the feeder tracks the
 * highest sequence number below which everything is indexed: the watermark index commits
 * record, and what searches wait for.
 */
final class IndexFeeder {
  private record Batch(long first, List<AuditRecord> records) {}

  private static final Batch STOP = new Batch(-1, List.of());

  private final EventIndex events;
  private final IdentityIndex identities;
  /**
   * How far the index may fall behind the journal, in records: enough to ride out Lucene's
   * segment flushes (a few seconds at full speed) without holding up the journal writer, small
   * enough to bound memory (~200 MB of events). When it is reached the writer waits, the ingest
   * queue fills and the overflow mode applies.
   */
  static final int MAX_RECORDS_BEHIND = 262_144;

  private final BlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
  private final Semaphore room = new Semaphore(MAX_RECORDS_BEHIND);
  private final Thread[] threads;
  /** first seq → end seq (exclusive) of batches done beyond the watermark. */
  private final TreeMap<Long, Long> doneAhead = new TreeMap<>();
  private long indexedUpTo;
  private volatile Throwable failure;

  IndexFeeder(EventIndex events, IdentityIndex identities, int threadCount, long indexedUpTo) {
    this.events = Objects.requireNonNull(events, "events");
    this.identities = Objects.requireNonNull(identities, "identities");
    this.indexedUpTo = indexedUpTo;
    this.threads = new Thread[threadCount];
    for (int i = 0; i < threadCount; i++) {
      threads[i] = new Thread(this::work, "audit-indexer-" + i);
      threads[i].setDaemon(true);
    }
  }

  void start() {
    for (Thread t : threads) {
      t.start();
    }
  }

  /**
   * Hands a durable batch to the indexers; waits while they are too far behind. When an indexer
   * has failed, the batch is not indexed now (searches report the failure; the next open replays
   * it from the journal), so the journal keeps recording.
   */
  void submit(long first, List<AuditRecord> records) throws InterruptedException {
    int permits = Math.min(records.size(), MAX_RECORDS_BEHIND);
    while (!room.tryAcquire(permits, 1, TimeUnit.SECONDS)) {
      if (failure != null) {
        return;
      }
    }
    if (failure != null) {
      room.release(permits);
      return;
    }
    queue.put(new Batch(first, records));
  }

  /** Adds records synchronously, on the caller's thread (recovery replay). */
  void indexNow(long first, List<AuditRecord> records) throws IOException {
    indexNow(first, records, records.size());
  }

  /** As above, for {@code span} sequence numbers of which some records are missing. */
  void indexNow(long first, List<AuditRecord> records, int span) throws IOException {
    add(first, records);
    markDone(first, first + span);
  }

  private void work() {
    try {
      while (true) {
        Batch b = queue.take();
        if (b == STOP) {
          return;
        }
        try {
          add(b.first(), b.records());
          markDone(b.first(), b.first() + b.records().size());
        } finally {
          room.release(Math.min(b.records().size(), MAX_RECORDS_BEHIND));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      failure = e;
      synchronized (this) {
        notifyAll();
      }
    }
  }

  private void add(long first, List<AuditRecord> records) throws IOException {
    for (int i = 0; i < records.size(); i++) {
      AuditRecord r = records.get(i);
      if (r instanceof AccessEvent e) {
        events.add(first + i, e);
      } else if (r instanceof IdentityEvent e) {
        identities.add(first + i, e);
      }
    }
  }

  private synchronized void markDone(long first, long end) {
    doneAhead.put(first, end);
    Long next;
    while ((next = doneAhead.remove(indexedUpTo)) != null) {
      indexedUpTo = next;
    }
    notifyAll();
  }

  /** Everything below this sequence number is in the indexes (not yet necessarily visible). */
  synchronized long indexedUpTo() {
    return indexedUpTo;
  }

  /** Waits until everything below {@code seq} is indexed; false on timeout or failure. */
  synchronized boolean awaitIndexed(long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (indexedUpTo < seq && failure == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return indexedUpTo >= seq;
  }

  Throwable failure() {
    return failure;
  }

  /** Lets the threads finish what is queued, then stops them. */
  void stop(Duration timeout) throws InterruptedException {
    for (int i = 0; i < threads.length; i++) {
      if (!queue.offer(STOP, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        break;
      }
    }
    for (Thread t : threads) {
      t.join(timeout.toMillis());
    }
  }
}
