package org.campusgate.audit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.EvidenceBundle;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.SearchPage;
import org.campusgate.audit.SignedCheckpoint;
import org.campusgate.audit.SortOrder;
import org.campusgate.audit.StoredEvent;
import org.campusgate.audit.VerificationReport;
import org.campusgate.audit.integrity.CheckpointVerifier;
import org.campusgate.audit.integrity.EvidenceVerifier;
import org.campusgate.audit.journal.RecoveryReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway process dies by SIGKILL while it ingests; whatever it had acknowledged as durable
 * must be there, searchable, provable and verified when the store is opened again. Twice on the
 * same store, killed at different moments: the second run starts from the first recovery.
 */
class CrashRecoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final LocalDate DAY_ONE = LocalDate.of(2026, 9, 7);
  private static final Instant FROM = Instant.parse("2026-09-05T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-09-11T00:00:00Z");

  @TempDir Path dir;

  @Test
  void everyAcknowledgedEventSurvivesSigkillAndTheStoreVerifies() throws Exception {
    Path store = dir.resolve("audit");
    List<Ack> acks = new ArrayList<>();

    List<Ack> first = ingestUntilKilled(store, 1, DAY_ONE, 20_000);
    acks.addAll(first);
    long size = reopenAndCheck(store, acks);

    List<Ack> second = ingestUntilKilled(store, 2, DAY_ONE.plusDays(1), 7_000);
    // the writer went on exactly where recovery left the journal
    assertThat(second.get(0).firstSeq()).isEqualTo(size);
    acks.addAll(second);
    reopenAndCheck(store, acks);
  }

  /** One acknowledged batch: its seqs {@code [firstSeq, lastSeq]} and its event ids in order. */
  private record Ack(long lastSeq, List<UUID> ids) {
    long firstSeq() {
      return lastSeq - ids.size() + 1;
    }

    /** A complete ACK line, or null for anything else (a line cut by the kill). */
    static Ack parse(String line) {
      String[] t = line.split(" ");
      if (t.length < 4 || !t[0].equals("ACK") || !t[t.length - 1].equals("END")
          || t.length != Integer.parseInt(t[2]) + 4) {
        return null;
      }
      List<UUID> ids = new ArrayList<>(t.length - 4);
      for (int i = 3; i < t.length - 1; i++) {
        ids.add(UUID.fromString(t[i]));
      }
      return new Ack(Long.parseLong(t[1]), ids);
    }
  }

  /** Runs a {@link CrashIngester} until it acknowledged {@code atLeast} events, then SIGKILLs it. */
  private List<Ack> ingestUntilKilled(Path store, long seed, LocalDate day, int atLeast)
      throws Exception {
    Path stderr = Files.createTempFile(dir, "child", ".err");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-Xmx384m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), CrashIngester.class.getName(),
        store.toString(), Long.toString(seed), day.toString())
        .redirectError(stderr.toFile())
        .start();
    List<Ack> acks = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> enough = new CompletableFuture<>();
    Thread reader = new Thread(() -> readAcks(child, acks, atLeast, enough), "crash-child-stdout");
    reader.start();
    try {
      enough.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the child did not acknowledge " + atLeast + " events; stderr:\n"
          + Files.readString(stderr), e);
    } finally {
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close()
      assertThat(child.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      reader.join(WAIT.toMillis()); // every complete line written before death is read
    }
    assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    assertThat(acks.stream().mapToInt(a -> a.ids().size()).sum()).isGreaterThanOrEqualTo(atLeast);
    return List.copyOf(acks);
  }

  private static void readAcks(Process child, List<Ack> acks, int atLeast,
      CompletableFuture<Void> enough) {
    long count = 0;
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        Ack ack = Ack.parse(line);
        if (ack != null) {
          acks.add(ack);
          count += ack.ids().size();
          if (count >= atLeast) {
            enough.complete(null);
          }
        }
      }
      enough.completeExceptionally(new IllegalStateException("the child ended after " + count
          + " acknowledged events"));
    } catch (IOException | RuntimeException e) {
      enough.completeExceptionally(e);
    }
  }

  /** Reopens the store in this process and checks everything; returns its size. */
  private long reopenAndCheck(Path store, List<Ack> acks) throws Exception {
    long lastAcked = acks.get(acks.size() - 1).lastSeq();
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(CrashIngester.config(store))) {
      RecoveryReport recovery = s.recoveryReport();
      assertThat(recovery.damage()).isEmpty();
      assertThat(recovery.lastSeqKept()).isGreaterThanOrEqualTo(lastAcked);
      // at most a torn tail was cut, and only leftovers of an interrupted compression removed
      assertThat(recovery.bytesCut()).isLessThan(CrashIngester.config(store).segmentBytes());
      assertThat(recovery.removedFiles()).allMatch(n -> n.endsWith(".tmp") || n.endsWith(".seg"));
      long size = recovery.lastSeqKept() + 1;
      assertThat(StoreFiles.segments(store)).as("sealed segments").hasSizeGreaterThan(2);

      // every acknowledged event is there, under a seq of its own batch; nothing is there twice
      Map<UUID, StoredEvent> access = allAccessEvents(s);
      Set<UUID> identities = s.identityEvents(FROM, TO, null).stream()
          .map(IdentityEvent::eventId).collect(Collectors.toSet());
      assertThat(access.size() + identities.size()).isEqualTo(size);
      List<String> wrong = new ArrayList<>();
      for (Ack ack : acks) {
        for (UUID id : ack.ids()) {
          Long seq = access.containsKey(id) ? access.get(id).seq() : null;
          if (seq == null ? !identities.contains(id)
              : seq < ack.firstSeq() || seq > ack.lastSeq()) {
            wrong.add(id + (seq == null ? " missing" : " at seq " + seq + ", acknowledged in "
                + ack.firstSeq() + ".." + ack.lastSeq()));
          }
        }
      }
      assertThat(wrong).as("acknowledged events not found where acknowledged").isEmpty();

      // the newest acknowledged events are found by the filters a user types, and provable
      Ack newest = acks.get(acks.size() - 1);
      List<StoredEvent> latest = newest.ids().stream().filter(access::containsKey)
          .map(access::get).limit(3).toList();
      assertThat(latest).isNotEmpty();
      for (StoredEvent e : latest) {
        Instant at = e.event().timestamp();
        assertThat(ids(s.search(AuditQuery.between(at, at.plusMillis(1))
            .user(e.event().userId()).build()))).contains(e.event().eventId());
        assertThat(ids(s.search(AuditQuery.between(at, at.plusMillis(1))
            .host(e.event().host()).build()))).contains(e.event().eventId());
      }
      EvidenceBundle bundle = s.proof(latest.stream().map(e -> e.event().eventId()).toList());
      CheckpointVerifier checkpoints = new CheckpointVerifier(s.verifierKey());
      assertThat(new EvidenceVerifier(checkpoints).verify(bundle)).isEmpty();

      VerificationReport report = s.verify(FROM, TO);
      assertThat(report.problems()).isEmpty();
      assertThat(report.recordsChecked()).isEqualTo(size);
      assertThat(report.checkpointsChecked()).isPositive();

      // a checkpoint over the recovered size is signed and verifies with the public key alone;
      // the ones signed before the crash still verify too
      SignedCheckpoint now = s.checkpointNow();
      assertThat(now.checkpoint().treeSize()).isEqualTo(size);
      Checkpoint checked = checkpoints.verify(now.note());
      assertThat(checked.treeSize()).isEqualTo(size);
      assertThat(checked.rootHash()).isEqualTo(now.checkpoint().rootHash());
      for (SignedCheckpoint c : s.checkpoints(0)) {
        assertThat(checkpoints.verify(c.note()).treeSize()).isLessThanOrEqualTo(size);
      }
      return size;
    }
  }

  /** Every access event of the test's time range by id, read page by page. */
  private static Map<UUID, StoredEvent> allAccessEvents(EmbeddedAuditStore s) {
    Map<UUID, StoredEvent> out = new HashMap<>();
    AuditQuery query = AuditQuery.between(FROM, TO).order(SortOrder.OLDEST_FIRST)
        .limit(AuditQuery.MAX_LIMIT).build();
    for (String cursor = null; ; ) {
      SearchPage page = s.search(query.withCursor(cursor));
      page.events().forEach(e -> assertThat(out.put(e.event().eventId(), e)).isNull());
      if (page.next() == null) {
        return out;
      }
      cursor = page.next();
    }
  }

  private static List<UUID> ids(SearchPage page) {
    return page.events().stream().map(e -> e.event().eventId()).toList();
  }
}
