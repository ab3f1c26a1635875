package org.campusgate.audit.embedded;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.integrity.MerkleHasher;
import org.campusgate.audit.integrity.TileBuilder;
import org.campusgate.audit.integrity.TileStore;
import org.campusgate.audit.journal.Journal;
import org.campusgate.audit.journal.RecordCodec;

/**
 * The single thread that gives records their sequence numbers, writes them to the journal, hashes
 * them into the Merkle tree and forces them to disk: one batch per loop (group commit), however
 * many callers contributed to it. Then it completes the callers' tickets and hands the records to
 * the indexers.
 *
 * <p>When a write fails the writer stops taking records: every waiting ticket fails, and the
 * store refuses appends from then on (fail closed), rather than losing some silently.
 */
final class JournalWriter implements Runnable {
  /** Records per group commit at most; bounds the batch's memory. */
  static final int MAX_BATCH_RECORDS = 16_384;

  private final IngestQueue queue;
  private final Spool spool;
  private final Journal journal;
  private final TileStore tiles;
  private final TileBuilder tree;
  private final IndexFeeder indexer;
  private final Duration pollInterval;
  private final long windowNanos;
  private final Consumer<DurableHead> onDurable;
  private final RecordCodec codec = new RecordCodec();
  private final MerkleHasher hasher = new MerkleHasher();
  private volatile Throwable failure;

  JournalWriter(IngestQueue queue, Spool spool, Journal journal, TileStore tiles, TileBuilder tree,
      IndexFeeder indexer, Duration pollInterval, Duration groupCommitWindow,
      Consumer<DurableHead> onDurable) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.spool = spool;
    this.journal = Objects.requireNonNull(journal, "journal");
    this.tiles = Objects.requireNonNull(tiles, "tiles");
    this.tree = Objects.requireNonNull(tree, "tree");
    this.indexer = Objects.requireNonNull(indexer, "indexer");
    this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    // Never longer than the commit interval: that is the durability promise.
    this.windowNanos = Math.min(groupCommitWindow.toNanos(), pollInterval.toNanos());
    this.onDurable = Objects.requireNonNull(onDurable, "onDurable");
  }

  /** Why the writer stopped, or null while it runs or after a clean stop. */
  Throwable failure() {
    return failure;
  }

  @Override
  public void run() {
    List<IngestQueue.Pending> batch = List.of();
    long lastCommit = System.nanoTime() - windowNanos;
    try {
      while (true) {
        batch = queue.drain(MAX_BATCH_RECORDS, pollInterval, lastCommit + windowNanos);
        if (batch.isEmpty()) {
          if (spool != null && spool.hasBacklog()) {
            writeSpooled();
            continue;
          }
          if (queue.isClosedAndEmpty()) {
            return;
          }
          continue;
        }
        lastCommit = System.nanoTime();
        write(batch);
        queue.done(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failAll(batch, e);
    } catch (Throwable e) {
      failAll(batch, e);
    }
  }

  private void write(List<IngestQueue.Pending> batch) throws IOException, InterruptedException {
    List<AuditRecord> records = new ArrayList<>();
    for (IngestQueue.Pending p : batch) {
      records.addAll(p.records());
    }
    long first = commit(records);
    long seq = first;
    for (IngestQueue.Pending p : batch) {
      seq += p.records().size();
      p.durable().complete(seq - 1);
    }
  }

  private void writeSpooled() throws IOException, InterruptedException {
    Spool.Backlog backlog = spool.peek(MAX_BATCH_RECORDS);
    commit(backlog.records());
    spool.consumed(backlog);
  }

  /** Writes, hashes, forces and indexes the records; returns the first one's sequence number. */
  private long commit(List<AuditRecord> records) throws IOException, InterruptedException {
    long first = journal.nextSeq();
    List<byte[]> encoded = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      byte[] bytes = codec.encode(first + i, records.get(i));
      encoded.add(bytes);
      byte[] tile = tree.append(hasher.leafHash(bytes));
      if (tile != null) {
        tiles.append(tile);
      }
    }
    journal.append(encoded);
    journal.force();
    // Tiles are derived from the journal and recomputed after a crash, so they need no force.
    onDurable.accept(new DurableHead(tree.range().size(), tree.range().root()));
    indexer.submit(first, records);
    return first;
  }

  private void failAll(List<IngestQueue.Pending> inFlight, Throwable e) {
    failure = e;
    queue.close();
    for (IngestQueue.Pending p : inFlight) {
      p.durable().completeExceptionally(e);
    }
    try {
      for (IngestQueue.Pending p : queue.drain(Integer.MAX_VALUE, Duration.ZERO)) {
        p.durable().completeExceptionally(e);
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }
}
