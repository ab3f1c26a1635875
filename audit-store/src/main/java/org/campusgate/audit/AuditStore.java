package org.campusgate.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where access and identity events live: durable, searchable and tamper-evident. The embedded
 * store (journal + Lucene, one school, one machine) and the distributed store (OpenSearch) both
 * implement it and both pass the same contract tests.
 *
 * <p>Appending never blocks the caller: records are handed to a bounded queue and written in
 * batches. A caller that must know a record is on disk waits on its {@link AppendTicket}. When
 * the queue is full the store's {@link OverflowMode} applies; nothing is ever dropped silently.
 */
public interface AuditStore extends AutoCloseable {

  /**
   * Hands records to the writer.
   *
   * @throws AuditStoreFullException when the store cannot take them (full queue in {@link
   *     OverflowMode#FAIL_CLOSED} mode, or closed); then none of them was taken
   */
  AppendTicket append(List<? extends AuditRecord> records);

  /** Searches access events; see {@link AuditQuery} for the filters. */
  SearchPage search(AuditQuery query);

  /**
   * Counts events and sums their bytes, grouped by keyword fields and time buckets. The query's
   * limit and cursor are ignored.
   *
   * @param zone the time zone calendar buckets (day, month) follow
   */
  AggregateResult aggregate(AuditQuery query, List<GroupField> groupBy, TimeBucket bucket,
      ZoneId zone);

  /** Which user held a client address at a moment, from the identity events. */
  Optional<IpHolder> whoHad(String clientIp, Instant at);

  /** The identity events (logins, bindings) of a range, oldest first, optionally of one user. */
  List<IdentityEvent> identityEvents(Instant from, Instant to, String userId);

  /**
   * Rechecks the integrity of everything recorded in a time range: rehashes the records,
   * rebuilds the Merkle tree, checks every signed checkpoint and the consistency between
   * consecutive ones.
   */
  VerificationReport verify(Instant from, Instant to);

  /**
   * Makes and signs a checkpoint over everything durable now (or returns the latest when nothing
   * was added since), appends it to the checkpoint log and returns it.
   */
  SignedCheckpoint checkpointNow();

  /**
   * The verifier key of the gateway's signing key, in the C2SP form {@code
   * <name>+<key id hex>+<base64 key>}: all anyone needs to check checkpoints and evidence.
   */
  String verifierKey();

  /** The signed checkpoints made after the one for {@code afterTreeSize} records, oldest first. */
  List<SignedCheckpoint> checkpoints(long afterTreeSize);

  /**
   * Access or identity events with inclusion proofs against the latest signed checkpoint (one
   * is made first when the latest does not cover them yet).
   *
   * @throws IllegalArgumentException when an id is not in the store
   */
  EvidenceBundle proof(List<UUID> eventIds);

  /**
   * The time of the newest record retention has removed, or empty when the store never removed
   * any: what tells a store that was pruned from one that is merely young when its oldest record
   * is younger than the legal floor. A store without retention need not override it.
   */
  default Optional<Instant> removedThrough() {
    return Optional.empty();
  }

  /** Stops taking records, writes and forces what is queued, and releases files. */
  @Override
  void close();
}
