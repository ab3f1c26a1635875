package org.campusgate.console.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AppendTicket;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.AuditStoreFullException;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.audit.testing.HostCatalogue;
import org.campusgate.audit.testing.SyntheticEvents;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.register.RegisterDao;
import org.campusgate.console.register.RegisterService;
import org.campusgate.console.report.inspect.StepTimes;

/**
 * The monthly report at district scale: a calendar month (October 2026) of 20 million access
 * events (8 schools × ~1500 users, the full UT1 archive as hosts, seed 42) in an embedded store
 * with its default settings, then {@link MonthlyReports#make} for the whole district, timed
 * twice (first on a store just opened, then again), with the time of each step. Run by {@code
 * bench/report}; the store is built once and kept in {@code --out} when {@code --keep} is given.
 *
 * <pre>
 *   bench/report                                   20 M events, store in console/target/report-bench
 *   bench/report 2000000 --out /tmp/rb --keep      a trial at 2 M, kept for the next run
 * </pre>
 */
public final class ReportBenchmark {
  private static final Instant NOW = Instant.parse("2026-11-05T02:00:00Z");

  private ReportBenchmark() {}

  public static void main(String[] args) throws Exception {
    long events = 20_000_000;
    int schools = 8;
    int users = 1500;
    int cap = 10_000;
    Path out = Path.of("target/report-bench");
    boolean keep = false;
    String archive = System.getProperty("ut1.archive");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--keep" -> keep = true;
        case "--schools" -> schools = Integer.parseInt(args[++i]);
        case "--users" -> users = Integer.parseInt(args[++i]);
        case "--cap" -> cap = Integer.parseInt(args[++i]);
        default -> events = Long.parseLong(args[i].replace("_", ""));
      }
    }
    Path marker = out.resolve("complete.txt");
    Path filings = out.resolve("filings.txt");
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "JDK %s, %d CPUs, max heap %d MiB; store in %s%n",
        Runtime.version(), rt.availableProcessors(), rt.maxMemory() >> 20, out.toAbsolutePath());
    if (!Files.exists(marker)) {
      deleteTree(out);
      Files.createDirectories(out);
      ingest(out, events, schools, users, cap, archive, filings);
      Files.writeString(marker, events + "\n");
    } else {
      System.out.println("reusing the store in " + out + " (" + Files.readString(marker).strip()
          + " events asked)");
    }
    try {
      report(out, filings, schools);
    } finally {
      if (!keep) {
        deleteTree(out);
      }
    }
  }

  private static void ingest(Path out, long events, int schools, int users, int cap,
      String archive, Path filings) throws Exception {
    HostCatalogue catalogue = archive == null ? HostCatalogue.sample(cap)
        : HostCatalogue.fromTarGz(Path.of(archive), cap);
    SyntheticEvents.Builder b = SyntheticEvents.builder().seed(42)
        .start(PlantedMonth.MONTH.atDay(1)).days(PlantedMonth.MONTH.lengthOfMonth())
        .zone(PlantedMonth.ZONE).schools(schools).usersPerSchool(users).catalogue(catalogue);
    long perMillion = b.eventsPerDay(1_000_000).build().expectedAccessEvents();
    SyntheticEvents gen = b.eventsPerDay(Math.round(events * 1e6 / perMillion)).build();
    System.out.printf(Locale.ROOT, "workload: %,d access events expected in %s, %d schools x ~%d"
        + " users, %d UT1 categories (cap %d), seed 42%n", gen.expectedAccessEvents(),
        PlantedMonth.MONTH, schools, users, catalogue.categories().size(), cap);
    Map<String, Map<String, String>> filed = new TreeMap<>();
    gen.schoolIds().forEach(s -> filed.put(s, new TreeMap<>()));
    long t0 = System.nanoTime();
    long records = 0;
    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(config(out))) {
      Deque<AppendTicket> pending = new ArrayDeque<>();
      List<AuditRecord> batch = new ArrayList<>(500);
      for (AuditRecord r : gen) {
        if (r instanceof AccessEvent e && e.appId() != null && e.schoolFiling() != null) {
          filed.get(e.schoolId()).put(e.appId(), e.schoolFiling());
        }
        batch.add(r);
        if (batch.size() == 500) {
          append(store, batch, pending);
          records += batch.size();
          batch = new ArrayList<>(500);
          if (records % 2_000_000 == 0) {
            System.out.printf(Locale.ROOT, "  ingest: %,d records in %.0f s%n", records,
                (System.nanoTime() - t0) / 1e9);
          }
        }
      }
      if (!batch.isEmpty()) {
        append(store, batch, pending);
        records += batch.size();
      }
      for (AppendTicket t : pending) {
        t.awaitDurable(Duration.ofMinutes(5));
      }
      store.checkpointNow();
    }
    System.out.printf(Locale.ROOT, "ingest: %,d records (access + identity) in %.0f s%n", records,
        (System.nanoTime() - t0) / 1e9);
    List<String> lines = new ArrayList<>();
    filed.forEach((s, apps) -> apps.forEach((a, id) -> lines.add(s + " " + a + " " + id)));
    Files.write(filings, lines);
  }

  /** Appends; when the store refuses (fail-closed, queue full), waits for the oldest ticket. */
  private static void append(EmbeddedAuditStore store, List<AuditRecord> batch,
      Deque<AppendTicket> pending) throws Exception {
    while (true) {
      try {
        pending.addLast(store.append(batch));
        if (pending.size() > 50) {
          pending.removeFirst().awaitDurable(Duration.ofMinutes(5));
        }
        return;
      } catch (AuditStoreFullException full) {
        if (pending.isEmpty()) {
          throw full;
        }
        pending.removeFirst().awaitDurable(Duration.ofMinutes(5));
      }
    }
  }

  private static void report(Path out, Path filings, int schools) throws Exception {
    Map<String, Map<String, String>> filed = new TreeMap<>();
    for (String line : Files.readAllLines(filings)) {
      String[] p = line.split(" ");
      filed.computeIfAbsent(p[0], k -> new TreeMap<>()).put(p[1], p[2]);
    }
    Path dbDir = out.resolve("console");
    deleteTree(dbDir);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    long o0 = System.nanoTime();
    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(config(out))) {
      System.out.printf(Locale.ROOT, "store opened in %.1f s%n", (System.nanoTime() - o0) / 1e9);
      ConsoleDatabase db = ConsoleDatabase.open(ConsoleDatabase.embeddedUrl(dbDir), "sa", "", clock);
      try {
        for (int i = 1; i <= schools; i++) {
          db.schools().create(String.format(Locale.ROOT, "school-%02d", i), "School " + i);
        }
        AdminLog log = new AdminLog(db.adminLog(), new ObjectMapper().findAndRegisterModules());
        RegisterService register = new RegisterService(new RegisterDao(db.jdbi(), clock), log,
            PlantedMonth.ZONE, next -> { });
        PlantedMonth.fillRegister(register, filed);
        MonthlyReports reports = new MonthlyReports(() -> store, register, db.schools(),
            db.adminLog(), new InMemoryRectifications(), clock, PlantedMonth.ZONE, "bench");
        for (String pass : List.of("first", "again")) {
          StepTimes times = new StepTimes();
          long t0 = System.nanoTime();
          MonthlyReport r = reports.make(PlantedMonth.MONTH, null, "bench", times);
          double s = (System.nanoTime() - t0) / 1e9;
          System.out.printf(Locale.ROOT, "%n## report, %s pass: %.1f s for %,d events of %d"
              + " schools (%,d blocked), %d findings%n", pass, s, r.summary().events(),
              r.summary().schools(), r.summary().blocked(), r.findings().size());
          System.out.println("findings: " + r.findings().stream().collect(
              java.util.stream.Collectors.groupingBy(f -> f.kind().name(), java.util.TreeMap::new,
                  java.util.stream.Collectors.counting())));
          System.out.println("| step | s |\n|---|---|");
          times.steps().forEach((k, v) -> System.out.printf(Locale.ROOT, "| %s | %.2f |%n", k,
              v.toMillis() / 1000.0));
          System.out.printf(Locale.ROOT, "RESULT report.%s.s=%.1f%n", pass, s);
        }
      } finally {
        db.close();
      }
    }
  }

  private static EmbeddedStoreConfig config(Path out) {
    return EmbeddedStoreConfig.builder(out.resolve("audit"), "campusgate/bench/report")
        .zone(PlantedMonth.ZONE).build();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
