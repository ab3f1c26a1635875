package org.campusgate.audit.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.SignedCheckpoint;
import org.campusgate.audit.integrity.CheckpointLog;
import org.campusgate.audit.integrity.CheckpointSigner;
import org.campusgate.audit.integrity.CheckpointVerifier;
import org.campusgate.audit.integrity.GatewayKeys;
import org.campusgate.audit.integrity.HttpTimestampAuthority;
import org.campusgate.audit.integrity.TimestampAuthority;
import org.campusgate.audit.integrity.TimestampException;

/**
 * Signs checkpoints over the durable tree head, every N records or T seconds, and keeps them in
 * the checkpoint log. The gateway's Ed25519 key is created on first open ({@code keys/}, the
 * private half mode 0600) and never overwritten.
 *
 * <p>A configured time-stamp authority that cannot be reached does not stop checkpoints: the
 * checkpoint is signed and logged without a token, and {@link #timestampFailures()} counts it.
 */
final class Checkpointer implements Closeable {
  private final String origin;
  private final GatewayKeys keys;
  private final CheckpointSigner signer;
  private final CheckpointLog log;
  private final TimestampAuthority tsa;
  private final Supplier<DurableHead> head;
  private final java.time.Clock clock;
  private final long everyRecords;
  private final Duration interval;
  private long latestSize;
  private Instant latestTime;
  private long timestampFailures;

  private Checkpointer(EmbeddedStoreConfig config, GatewayKeys keys, CheckpointLog log,
      Supplier<DurableHead> head) throws IOException {
    this.origin = config.origin();
    this.keys = keys;
    this.signer = new CheckpointSigner(keys);
    this.log = log;
    this.tsa = config.timestampAuthorityUrl() == null ? null
        : new HttpTimestampAuthority(config.timestampAuthorityUrl(), Duration.ofSeconds(10));
    this.head = head;
    this.clock = config.clock();
    this.everyRecords = config.checkpointEveryRecords();
    this.interval = config.checkpointInterval();
    Optional<SignedCheckpoint> latest = log.latest();
    this.latestSize = latest.map(c -> c.checkpoint().treeSize()).orElse(0L);
    this.latestTime = latest.map(c -> c.checkpoint().time()).orElse(Instant.EPOCH);
  }

  static Checkpointer open(EmbeddedStoreConfig config, Path dir, Supplier<DurableHead> head)
      throws IOException {
    Path keyDir = dir.resolve("keys");
    Files.createDirectories(keyDir);
    Path privateKey = keyDir.resolve("checkpoint.key");
    GatewayKeys keys;
    if (Files.exists(privateKey)) {
      keys = GatewayKeys.load(privateKey);
    } else {
      keys = GatewayKeys.generate(config.origin());
      keys.savePrivateKey(privateKey);
    }
    Path publicKey = keyDir.resolve("checkpoint.pub");
    if (!Files.exists(publicKey)) {
      keys.saveVerifierKey(publicKey);
    }
    return new Checkpointer(config, keys, CheckpointLog.open(dir.resolve("checkpoints")), head);
  }

  /** Signs the durable head now, unless the latest checkpoint already covers it. */
  synchronized SignedCheckpoint checkpointNow() throws IOException {
    DurableHead h = head.get();
    Optional<SignedCheckpoint> latest = log.latest();
    if (latest.isPresent() && latest.get().checkpoint().treeSize() >= h.size()) {
      return latest.get();
    }
    Instant now = clock.instant();
    Checkpoint cp = new Checkpoint(origin, h.size(), h.root(), now);
    SignedCheckpoint signed = signer.sign(cp);
    if (tsa != null) {
      try {
        signed = signer.sign(cp, tsa);
      } catch (TimestampException e) {
        timestampFailures++;
      }
    }
    log.append(signed);
    latestSize = h.size();
    latestTime = now;
    return signed;
  }

  /** Signs when N records or T seconds have passed since the latest checkpoint. */
  void checkpointIfDue() throws IOException {
    DurableHead h = head.get();
    long since;
    Instant last;
    synchronized (this) {
      since = h.size() - latestSize;
      last = latestTime;
    }
    if (since > 0 && (since >= everyRecords
        || !clock.instant().isBefore(last.plus(interval)))) {
      checkpointNow();
    }
  }

  /** The latest checkpoint if it covers {@code treeSize} records, else a new one. */
  SignedCheckpoint latestCovering(long treeSize) throws IOException {
    Optional<SignedCheckpoint> latest = log.latest();
    if (latest.isPresent() && latest.get().checkpoint().treeSize() >= treeSize) {
      return latest.get();
    }
    SignedCheckpoint cp = checkpointNow();
    if (cp.checkpoint().treeSize() < treeSize) {
      throw new IllegalStateException("record " + (treeSize - 1) + " is not durable yet");
    }
    return cp;
  }

  /** The head the latest checkpoint signed, if any. */
  Optional<DurableHead> latestHead() throws IOException {
    return log.latest().map(c -> new DurableHead(c.checkpoint().treeSize(),
        c.checkpoint().rootHash()));
  }

  synchronized long latestSize() {
    return latestSize;
  }

  synchronized long timestampFailures() {
    return timestampFailures;
  }

  List<SignedCheckpoint> after(long treeSize) throws IOException {
    return log.after(treeSize);
  }

  /** Damaged copies of the checkpoint log that opening set aside. */
  List<Path> damagedLogs() throws IOException {
    return log.damagedCopies();
  }

  List<SignedCheckpoint> all() throws IOException {
    return log.readAll();
  }

  String verifierKey() {
    return keys.verifierKey().text();
  }

  String keyName() {
    return keys.name();
  }

  CheckpointVerifier verifier() {
    return new CheckpointVerifier(keys.verifierKey());
  }

  String origin() {
    return origin;
  }

  @Override
  public void close() throws IOException {
    log.close();
  }
}
