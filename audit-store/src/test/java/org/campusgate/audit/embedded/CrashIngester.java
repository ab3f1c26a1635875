package org.campusgate.audit.embedded;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.campusgate.audit.AppendTicket;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.testing.SyntheticEvents;

/**
 * The child process of {@link CrashRecoveryTest}: opens an embedded store and ingests generated
 * records until it is killed (or after {@value #MAX_EVENTS} records or {@link #MAX_TIME}).
 *
 * <p>Arguments: {@code <store dir> <seed> <first day>}. After each batch is durable it prints
 * one line, {@code ACK <seq of the batch's last record> <n> <event id> x n END}; a line cut by
 * the kill lacks its {@code END} or some ids and proves nothing. A few batches are kept in
 * flight, so the kill finds the writer busy.
 */
public final class CrashIngester {
  static final int BATCH = 300;
  static final int IN_FLIGHT = 4;
  static final long MAX_EVENTS = 2_000_000;
  static final Duration MAX_TIME = Duration.ofSeconds(60);

  private CrashIngester() {}

  /** The store's configuration, the same in the child and in the test that reopens it. */
  static EmbeddedStoreConfig config(Path dir) {
    return EmbeddedStoreConfig.builder(dir, "campusgate/test/crash")
        .commitInterval(Duration.ofMillis(10))
        .segmentBytes(1 << 20) // seal and compress segments while the kill can come
        .checkpointEveryRecords(5_000)
        .checkpointInterval(Duration.ofMillis(200))
        .indexCommitInterval(Duration.ofMillis(500)) // so reopening replays some, not all
        .build();
  }

  static SyntheticEvents events(long seed, LocalDate day) {
    return SyntheticEvents.builder().seed(seed).start(day).days(1).schools(2)
        .usersPerSchool(300).eventsPerDay(200_000).build();
  }

  private record Sent(List<AuditRecord> batch, AppendTicket ticket) {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Iterator<AuditRecord> records =
        events(Long.parseLong(args[1]), LocalDate.parse(args[2])).iterator();
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
        StandardCharsets.UTF_8);
    long deadline = System.nanoTime() + MAX_TIME.toNanos();
    long sent = 0;
    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(config(dir))) {
      ArrayDeque<Sent> inFlight = new ArrayDeque<>();
      while (true) {
        boolean more = records.hasNext() && sent < MAX_EVENTS && System.nanoTime() < deadline;
        if (more && inFlight.size() < IN_FLIGHT) {
          List<AuditRecord> batch = new ArrayList<>(BATCH);
          while (batch.size() < BATCH && records.hasNext()) {
            batch.add(records.next());
          }
          inFlight.add(new Sent(batch, store.append(batch)));
          sent += batch.size();
          continue;
        }
        Sent s = inFlight.poll();
        if (s == null) {
          break;
        }
        long last = s.ticket().awaitDurable(Duration.ofSeconds(30));
        StringBuilder line = new StringBuilder(40 * BATCH);
        line.append("ACK ").append(last).append(' ').append(s.batch().size());
        for (AuditRecord r : s.batch()) {
          line.append(' ').append(r.eventId());
        }
        out.print(line.append(" END\n"));
        out.flush();
      }
    }
    out.print("DONE\n");
    out.flush();
  }
}
