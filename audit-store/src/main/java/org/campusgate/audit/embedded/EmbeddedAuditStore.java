package org.campusgate.audit.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.campusgate.audit.AggregateResult;
import org.campusgate.audit.AppendTicket;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.AuditStoreFullException;
import org.campusgate.audit.EvidenceBundle;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.IpHolder;
import org.campusgate.audit.OverflowMode;
import org.campusgate.audit.SearchPage;
import org.campusgate.audit.SignedCheckpoint;
import org.campusgate.audit.StoredEvent;
import org.campusgate.audit.TimeBucket;
import org.campusgate.audit.VerificationReport;
import org.campusgate.audit.index.EventIndex;
import org.campusgate.audit.index.IdentityIndex;
import org.campusgate.audit.index.IndexHits;
import org.campusgate.audit.index.IndexOptions;
import org.campusgate.audit.integrity.CompactRange;
import org.campusgate.audit.integrity.MerkleHasher;
import org.campusgate.audit.integrity.TileBuilder;
import org.campusgate.audit.integrity.TileStore;
import org.campusgate.audit.integrity.TiledNodeSource;
import org.campusgate.audit.journal.Journal;
import org.campusgate.audit.journal.JournalOptions;
import org.campusgate.audit.journal.RecordCodec;
import org.campusgate.audit.journal.RecoveryReport;
import org.campusgate.audit.journal.SegmentInfo;

/**
 * The audit store of one gateway on one machine, with no server to install. How it works:
 *
 * <ol>
 *   <li>{@link #append} puts a batch into a bounded queue and returns a ticket.
 *   <li>One {@link JournalWriter} thread numbers the records, writes them to the journal (the
 *       record of truth), hashes them into the RFC 6962 tree (a tile hash every 1024 leaves),
 *       forces the journal once per batch and completes the tickets.
 *   <li>Indexer threads ({@link IndexFeeder}) add the records to the Lucene day indexes and the
 *       identity index; searches wait until everything durable is indexed ({@link IndexKeeper});
 *       a maintenance thread refreshes and commits the indexes and signs checkpoints ({@link
 *       Checkpointer}).
 *   <li>On open, a torn journal tail is cut, missing tiles are recomputed and the indexes
 *       replay what they had not committed: everything derived is rebuilt from the journal.
 * </ol>
 *
 * <p>Files under the configured directory: {@code journal/} segments, {@code tiles} (level-10
 * subtree hashes), {@code checkpoints} (signed notes), {@code keys/} (Ed25519), {@code index/}
 * and {@code identity/} (Lucene), {@code spool/} (overflow).
 */
public final class EmbeddedAuditStore implements AuditStore {
  private static final System.Logger LOG = System.getLogger(EmbeddedAuditStore.class.getName());

  private final EmbeddedStoreConfig config;
  private final Journal journal;
  private final TileStore tiles;
  private final IndexKeeper indexes;
  private final EventIndex events;
  private final IdentityIndex identities;
  private final IndexFeeder feeder;
  private final IngestQueue queue;
  private final Spool spool;
  private final JournalWriter writer;
  private final Thread writerThread;
  private final Checkpointer checkpointer;
  private final RetentionRule retention;
  private final ScheduledExecutorService maintenance;
  private final RecoveryReport recovery;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile DurableHead head;
  private volatile PrunedLeaves pruned;
  /** The newest removed record's time, or null when retention never removed any. */
  private volatile Instant removedThrough;
  /** Why the store opened read-only (damaged records under the tree head), or null. */
  private final RuntimeException openDamage;

  private EmbeddedAuditStore(EmbeddedStoreConfig config) throws IOException {
    this.config = config;
    this.retention = new RetentionRule(config.retentionDays(), config.zone());
    Path dir = config.directory();
    Files.createDirectories(dir);
    JournalOptions journalOptions = JournalOptions.defaults()
        .withMaxSegmentBytes(config.segmentBytes())
        .withCompressSealed(config.compressSealedSegments());
    this.journal = Journal.open(dir.resolve("journal"), journalOptions);
    this.recovery = journal.recoveryReport();
    long size = journal.nextSeq();

    MerkleHasher hasher = new MerkleHasher();
    this.pruned = PrunedLeaves.load(dir.resolve("pruned-leaves"));
    this.removedThrough = RemovedThrough.load(dir.resolve(RemovedThrough.FILE));
    this.tiles = TileStore.open(dir.resolve("tiles"));
    this.checkpointer = Checkpointer.open(config, dir, () -> head);
    CompactRange range;
    RuntimeException damage = null;
    try {
      TileBuilder.catchUp(tiles, size, leaves(), hasher);
      range = CompactRange.fromSource(hasher, size, new TiledNodeSource(tiles, leaves()));
      this.head = new DurableHead(size, range.root());
    } catch (UncheckedIOException | IllegalStateException e) {
      // Records the tree head needs are damaged: open for search and verify only, never sign
      // a head over bytes nobody can vouch for, and refuse appends (fail closed).
      damage = e;
      range = new CompactRange(hasher);
      this.head = checkpointer.latestHead()
          .orElse(new DurableHead(0, MerkleHasher.emptyRoot()));
    }
    this.openDamage = damage;

    IndexOptions indexOptions = IndexOptions.defaults();
    this.events = EventIndex.open(dir.resolve("index"), indexOptions);
    this.identities = IdentityIndex.open(dir.resolve("identity"));
    this.indexes = new IndexKeeper(events, identities, config.indexThreads());
    this.feeder = indexes.feeder();
    indexes.replay(journal, size);

    this.queue = new IngestQueue(config.queueCapacity());
    this.spool = config.overflowMode() == OverflowMode.SPOOL || Files.exists(dir.resolve("spool"))
        ? Spool.open(dir.resolve("spool"), journalOptions) : null;
    this.writer = new JournalWriter(queue, spool, journal, tiles, new TileBuilder(range), feeder,
        config.commitInterval(), config.groupCommitWindow(), h -> head = h);
    this.writerThread = new Thread(writer, "audit-writer");
    this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-maintenance");
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens (creating when needed) the store in the configured directory and starts its threads. */
  public static EmbeddedAuditStore open(EmbeddedStoreConfig config) throws IOException {
    EmbeddedAuditStore store = new EmbeddedAuditStore(Objects.requireNonNull(config, "config"));
    store.start();
    return store;
  }

  /**
   * Opens an existing store with default settings, for offline work (verification, evidence
   * export) while no gateway writes to it; its origin is read from its public key.
   */
  public static EmbeddedAuditStore openExisting(Path directory) throws IOException {
    Path publicKey = directory.resolve("keys").resolve("checkpoint.pub");
    if (!Files.exists(publicKey)) {
      throw new IOException(directory + " holds no audit store (no keys/checkpoint.pub)");
    }
    String origin = org.campusgate.audit.integrity.GatewayKeys.loadVerifierKey(publicKey).name();
    return open(EmbeddedStoreConfig.builder(directory, origin).build());
  }

  private void start() {
    feeder.start();
    if (openDamage == null) {
      writerThread.start();
    }
    long refresh = config.commitInterval().toMillis();
    maintenance.scheduleWithFixedDelay(indexes::refreshInBackground, refresh, refresh,
        TimeUnit.MILLISECONDS);
    long commit = config.indexCommitInterval().toMillis();
    maintenance.scheduleWithFixedDelay(indexes::commit, commit, commit, TimeUnit.MILLISECONDS);
    long tick = Math.min(config.checkpointInterval().toMillis(), 1000);
    maintenance.scheduleWithFixedDelay(this::checkpointWhenDue, tick, tick, TimeUnit.MILLISECONDS);
    maintenance.scheduleWithFixedDelay(this::retentionWhenDue, 1, 60, TimeUnit.MINUTES);
  }

  private void retentionWhenDue() {
    if (openDamage != null) {
      return; // a damaged store keeps everything for the investigation
    }
    try {
      List<String> removed = applyRetention(config.clock().instant());
      if (!removed.isEmpty()) {
        LOG.log(System.Logger.Level.INFO, "audit retention removed segments {0}", removed);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "audit retention failed; retried in an hour", e);
    }
  }

  /**
   * Deletes the derived indexes (Lucene day indexes, roll-ups, identity index) of a closed
   * store; the next open rebuilds them from the journal. For an index that was lost, damaged or
   * made by an older version.
   */
  public static void dropDerivedIndexes(Path directory) throws IOException {
    for (String derived : List.of("index", "identity")) {
      Path dir = directory.resolve(derived);
      if (!Files.exists(dir)) {
        continue;
      }
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private JournalLeaves leaves() {
    return new JournalLeaves(journal, pruned);
  }

  /** What opening found and repaired in the journal. */
  public RecoveryReport recoveryReport() {
    return recovery;
  }

  @Override
  public AppendTicket append(List<? extends AuditRecord> records) {
    Objects.requireNonNull(records, "records");
    records.forEach(r -> Objects.requireNonNull(r, "a record is null"));
    if (openDamage != null) {
      throw new AuditStoreFullException("the audit store cannot write: records the tree head "
          + "needs are damaged (run verify): " + openDamage.getMessage());
    }
    if (closed.get() || writer.failure() != null) {
      throw new AuditStoreFullException(writer.failure() == null ? "the audit store is closed"
          : "the audit store cannot write: " + writer.failure());
    }
    CompletableFuture<Long> durable = new CompletableFuture<>();
    if (records.isEmpty()) {
      durable.complete(head.size() - 1);
      return new AppendTicket(durable);
    }
    try {
      if (queue.offer(new IngestQueue.Pending(List.copyOf(records), durable))) {
        return new AppendTicket(durable);
      }
    } catch (IllegalStateException e) {
      throw new AuditStoreFullException("the audit store is closed");
    }
    if (spool == null || config.overflowMode() != OverflowMode.SPOOL) {
      throw new AuditStoreFullException("the audit queue is full (" + queue.capacity()
          + " records): refusing, as configured (fail-closed)");
    }
    try {
      spool.write(records);
      durable.complete(-1L);
      return new AppendTicket(durable);
    } catch (IOException e) {
      throw new AuditStoreFullException("the audit queue is full and the spool cannot be "
          + "written: " + e.getMessage());
    }
  }

  /** Records queued for or being written by the writer, and waiting in the spool. */
  public long backlog() {
    return queue.size() + (spool == null ? 0 : spool.backlog());
  }

  /** Waits until everything durable now is in the indexes and visible to searches. */
  private void awaitSearchable() {
    // a store opened read-only has replayed all it could: nothing more will come
    indexes.awaitSearchable(openDamage == null ? head.size() : feeder.indexedUpTo());
  }

  @Override
  public SearchPage search(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    awaitSearchable();
    try {
      IndexHits hits = events.search(query);
      RecordCodec codec = new RecordCodec();
      List<StoredEvent> out = new ArrayList<>(hits.seqs().size());
      for (long seq : hits.seqs()) {
        out.add(new StoredEvent(seq,
            (org.campusgate.audit.AccessEvent) codec.decode(journal.read(seq)).record()));
      }
      return new SearchPage(out, hits.next(), hits.total());
    } catch (IOException e) {
      throw new UncheckedIOException("search failed: " + e.getMessage(), e);
    }
  }

  @Override
  public AggregateResult aggregate(AuditQuery query, List<GroupField> groupBy, TimeBucket bucket,
      ZoneId zone) {
    awaitSearchable();
    try {
      return events.aggregate(query, groupBy, bucket, zone);
    } catch (IOException e) {
      throw new UncheckedIOException("aggregate failed: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<IpHolder> whoHad(String clientIp, Instant at) {
    awaitSearchable();
    try {
      return identities.whoHad(clientIp, at);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<IdentityEvent> identityEvents(Instant from, Instant to, String userId) {
    awaitSearchable();
    try {
      RecordCodec codec = new RecordCodec();
      List<IdentityEvent> out = new ArrayList<>();
      for (long seq : identities.seqs(from, to, userId, IdentityIndex.MAX_SEQS)) {
        out.add((IdentityEvent) codec.decode(journal.read(seq)).record());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public VerificationReport verify(Instant from, Instant to) {
    try {
      return new StoreVerifier(journal, tiles, checkpointer, leaves(), pruned.first())
          .verify(from, to);
    } catch (IOException e) {
      throw new UncheckedIOException("verification could not read the store: " + e.getMessage(),
          e);
    }
  }

  @Override
  public SignedCheckpoint checkpointNow() {
    try {
      return checkpointer.checkpointNow();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the checkpoint log", e);
    }
  }

  private void checkpointWhenDue() {
    if (openDamage != null) {
      return;
    }
    try {
      checkpointer.checkpointIfDue();
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot sign a checkpoint; retrying", e);
    }
  }

  @Override
  public String verifierKey() {
    return checkpointer.verifierKey();
  }

  @Override
  public List<SignedCheckpoint> checkpoints(long afterTreeSize) {
    try {
      return checkpointer.after(afterTreeSize);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public EvidenceBundle proof(List<UUID> eventIds) {
    Objects.requireNonNull(eventIds, "eventIds");
    if (eventIds.isEmpty() || eventIds.size() > 10_000) {
      throw new IllegalArgumentException("a proof covers 1..10000 events, not " + eventIds.size());
    }
    awaitSearchable();
    try {
      RecordCodec codec = new RecordCodec();
      List<Long> seqs = new ArrayList<>();
      for (UUID id : eventIds) {
        OptionalLong seq = events.seqOf(id);
        if (seq.isEmpty()) {
          seq = identities.seqOf(id); // a login or binding: the evidence of who held an address
        }
        // the index matches on the id's time and 32 of its bits: the journal has the whole id
        if (seq.isEmpty() || !id.equals(codec.decode(journal.read(seq.getAsLong()))
            .record().eventId())) {
          throw new IllegalArgumentException("no event " + id + " in the store");
        }
        seqs.add(seq.getAsLong());
      }
      long needed = seqs.stream().mapToLong(Long::longValue).max().orElseThrow() + 1;
      SignedCheckpoint cp = checkpointer.latestCovering(needed);
      return new EvidenceMaker(journal, tiles, leaves()).bundle(cp, checkpointer.keyName(), seqs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the evidence bundle: " + e.getMessage(), e);
    }
  }

  /**
   * Removes whole sealed journal segments and day indexes older than the retention period.
   * Nothing inside the legal floor (six calendar months before {@code now}) is ever removed;
   * the tiles stay, so proofs and checkpoints over the remaining history still verify.
   *
   * @return the names of the removed segments
   */
  public synchronized List<String> applyRetention(Instant now) throws IOException {
    Instant cutoff = retention.cutoff(now);
    // only a prefix of the journal goes, so what remains is one contiguous history
    List<SegmentInfo> expired = new ArrayList<>();
    for (SegmentInfo s : journal.segments()) {
      if (!s.sealed() || s.recordCount() == 0 || !s.maxTime().isBefore(cutoff)) {
        break;
      }
      expired.add(s);
    }
    List<String> removed = new ArrayList<>();
    if (!expired.isEmpty()) {
      SegmentInfo last = expired.get(expired.size() - 1);
      Instant newest = expired.stream().map(SegmentInfo::maxTime).max(Instant::compareTo)
          .orElseThrow();
      if (removedThrough != null && removedThrough.isAfter(newest)) {
        newest = removedThrough;
      }
      // written before the segments go: a crash in between overstates, never hides, a removal
      RemovedThrough.save(config.directory().resolve(RemovedThrough.FILE), newest);
      removedThrough = newest;
      pruned = PrunedLeaves.save(config.directory().resolve("pruned-leaves"),
          last.firstSeq() + last.recordCount(), leaves());
      for (SegmentInfo s : expired) {
        journal.deleteSegment(s.name());
        removed.add(s.name());
      }
    }
    LocalDate firstKeptDay = LocalDate.ofInstant(cutoff, ZoneOffset.UTC);
    events.deleteDaysBefore(firstKeptDay);
    identities.deleteBefore(cutoff);
    return removed;
  }

  @Override
  public Optional<Instant> removedThrough() {
    return Optional.ofNullable(removedThrough);
  }

  /**
   * Waits until every record appended so far, spooled ones included, is in the journal, for at
   * most {@code timeout}.
   *
   * @return whether the backlog drained in time
   */
  public boolean drain(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (backlog() > 0 && writer.failure() == null) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    return backlog() == 0;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    queue.close();
    try {
      writerThread.join(30_000);
      feeder.stop(Duration.ofSeconds(30));
      maintenance.shutdown();
      maintenance.awaitTermination(10, TimeUnit.SECONDS);
      indexes.commit();
      if (openDamage == null && writer.failure() == null
          && head.size() > checkpointer.latestSize()) {
        checkpointer.checkpointNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the audit store: " + e.getMessage(), e);
    } finally {
      closeQuietly(events);
      closeQuietly(identities);
      closeQuietly(spool);
      closeQuietly(checkpointer);
      closeQuietly(tiles);
      closeQuietly(journal);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (IOException e) {
      // closing: nothing more to do; the journal is already forced
    }
  }
}
