package org.campusgate.audit.embedded;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.campusgate.audit.AuditRecord;

/**
 * The bounded hand-off between callers of {@code append} and the single journal writer. Bounded
 * by records, not batches, so one huge batch cannot slip past the limit; a batch is taken whole
 * or not at all.
 */
final class IngestQueue {

  /** A caller's batch and the future its ticket waits on. */
  record Pending(List<? extends AuditRecord> records, CompletableFuture<Long> durable) {}

  private final int capacity;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private int queued;
  /** Records drained and not yet reported {@link #done}: still on their way to disk. */
  private int inFlight;
  private boolean closed;
  /** The writer waits for the first record: any offer wakes it. */
  private boolean writerWantsAny;
  /** The writer lingers for a fuller batch: only a full batch wakes it early. */
  private int writerWantsRecords = Integer.MAX_VALUE;

  IngestQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("queue capacity must be positive");
    }
    this.capacity = capacity;
  }

  /** Takes the batch when it fits whole; false when it does not (the overflow mode decides). */
  boolean offer(Pending pending) {
    int n = pending.records().size();
    if (n > capacity) {
      throw new IllegalArgumentException("a batch of " + n + " records is larger than the whole "
          + "queue (" + capacity + "); split it");
    }
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      if (queued + n > capacity) {
        return false;
      }
      queue.addLast(pending);
      queued += n;
      // Waking the writer for every record would cost a context switch each; wake it only when
      // it can act (see drain).
      if (writerWantsAny || queued >= writerWantsRecords) {
        notEmpty.signal();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Removes batches up to about {@code maxRecords} records, waiting up to {@code wait} for the
   * first one and then, while fewer than {@code maxRecords} are queued, until {@code
   * notBeforeNanos} (a {@link System#nanoTime} value) so that one force covers a fuller batch.
   * Returns an empty list on timeout, or when closed and empty.
   */
  List<Pending> drain(int maxRecords, Duration wait, long notBeforeNanos)
      throws InterruptedException {
    List<Pending> out = new ArrayList<>();
    lock.lock();
    try {
      long nanos = wait.toNanos();
      writerWantsAny = true;
      while (queue.isEmpty() && !closed && nanos > 0) {
        nanos = notEmpty.awaitNanos(nanos);
      }
      writerWantsAny = false;
      if (queue.isEmpty()) {
        return out;
      }
      writerWantsRecords = maxRecords;
      long left;
      while (!closed && queued < maxRecords
          && (left = notBeforeNanos - System.nanoTime()) > 0) {
        notEmpty.awaitNanos(left);
      }
      writerWantsRecords = Integer.MAX_VALUE;
      int taken = 0;
      while (!queue.isEmpty() && (taken == 0 || taken + queue.peekFirst().records().size()
          <= maxRecords)) {
        Pending p = queue.removeFirst();
        taken += p.records().size();
        out.add(p);
      }
      queued -= taken;
      inFlight += taken;
      return out;
    } finally {
      lock.unlock();
    }
  }

  /** {@link #drain(int, Duration, long)} without lingering. */
  List<Pending> drain(int maxRecords, Duration wait) throws InterruptedException {
    return drain(maxRecords, wait, Long.MIN_VALUE);
  }

  /** The writer has made these drained batches durable. */
  void done(List<Pending> batches) {
    int n = batches.stream().mapToInt(p -> p.records().size()).sum();
    lock.lock();
    try {
      inFlight -= n;
    } finally {
      lock.unlock();
    }
  }

  /** Records queued or drained and not yet done. */
  int size() {
    lock.lock();
    try {
      return queued + inFlight;
    } finally {
      lock.unlock();
    }
  }

  int capacity() {
    return capacity;
  }

  /** Refuses further offers; what is queued can still be drained. */
  void close() {
    lock.lock();
    try {
      closed = true;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  boolean isClosedAndEmpty() {
    lock.lock();
    try {
      return closed && queue.isEmpty();
    } finally {
      lock.unlock();
    }
  }
}
