package org.campusgate.audit.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AggregateResult;
import org.campusgate.audit.AppendTicket;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.AuditStoreFullException;
import org.campusgate.audit.EvidenceBundle;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.SearchPage;
import org.campusgate.audit.TimeBucket;
import org.campusgate.audit.VerificationReport;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.audit.testing.HostCatalogue;
import org.campusgate.audit.testing.SyntheticEvents;

/**
 * Sustained-load benchmark of the {@link EmbeddedAuditStore}: ingest, disk, queries, integrity.
 * Not JMH: one long run against one store, as the gateway would use it. Run it with {@code
 * bench/audit-store} (which builds the {@code benchmarks} profile); method and figures are in
 * BENCHMARKS.md, section "Audit store".
 *
 * <pre>
 * bench/audit-store [events] [--days 30] [--schools 8] [--users 1500] [--batch 500]
 *                   [--rate EVENTS_PER_S] [--cap 10000] [--seed 42] [--out target/audit-bench]
 *                   [--keep] [--queue N] [--index-threads N]
 * </pre>
 *
 * <ul>
 *   <li>{@code events} (default 20,000,000): the access events to generate, spread over {@code
 *       days} local days (Asia/Shanghai) from Monday 2026-09-07 with {@link SyntheticEvents}'
 *       realistic mix (weekdays carry the load, weekends about 6 % of a weekday; users in groups
 *       and schools with log-normal activity; UT1 hosts with Zipf popularity; school hours;
 *       identity events on top, a few percent).
 *   <li>{@code --schools}, {@code --users}: schools and average users per school.
 *   <li>{@code --batch}: records per {@code append} (default 500).
 *   <li>{@code --rate}: pace the producer at this many records/s (open loop) instead of
 *       appending as fast as the store takes them (default: as fast as possible).
 *   <li>{@code --cap}: UT1 hosts kept per category from the archive given by {@code
 *       -Dut1.archive} (the script passes it).
 *   <li>{@code --out}: the store's directory, wiped at the start (only when empty or made by an
 *       earlier run: it holds a {@code .audit-bench} marker); {@code --keep} leaves the store
 *       there at the end, otherwise it is deleted.
 *   <li>{@code --queue}, {@code --index-threads}: override the store's queue capacity (default
 *       200,000 records) and indexer threads (default 2); otherwise the store runs with its
 *       defaults (zone Asia/Shanghai).
 * </ul>
 *
 * <p>Phases:
 *
 * <ol>
 *   <li><b>Ingest.</b> One producer thread generates records and appends batches; it never
 *       blocks except when the store refuses (fail-closed {@link AuditStoreFullException}): then
 *       it waits for the oldest outstanding ticket and retries, counting refusals. Every batch's
 *       append → durable latency is taken by a callback on its ticket. Throughput runs from the
 *       first append to the last ticket durable; index lag is the time from then until a search
 *       over the whole range counts every access event. CPU is process CPU time / wall time,
 *       split by thread.
 *   <li><b>Disk.</b> Waits (bounded) until the background compressor has turned every sealed
 *       {@code .seg} into {@code .zseg}, closes the store (indexes commit) and sums each part.
 *   <li><b>Queries</b> after reopening: one user's day; one domain over the whole range; 30-day
 *       aggregates by category per day (whole district and per school; from roll-ups?) and a scan
 *       aggregate by host over one day. Each set runs twice: first after the reopen ("cold":
 *       readers not yet open; the OS page cache is warm) and again ("warm").
 *   <li><b>Integrity.</b> {@code verify()} over one weekday and over the whole range, and
 *       {@code proof()} of 100 events.
 * </ol>
 *
 * <p>Output: markdown tables, then one {@code RESULT key=value} line per figure.
 */
public final class StoreBenchmark {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalDate START = LocalDate.of(2026, 9, 7); // a Monday
  private static final String MARKER = ".audit-bench";
  private static final int USER_DAY_PAIRS = 200;
  private static final int DOMAINS = 50;
  private static final int PROOF_EVENTS = 100;

  private final Options opt;
  private final Map<String, String> results = new LinkedHashMap<>();
  private final StringBuilder report = new StringBuilder();

  private StoreBenchmark(Options opt) {
    this.opt = opt;
  }

  public static void main(String[] args) throws Exception {
    Options opt;
    try {
      opt = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("StoreBenchmark: " + e.getMessage());
      System.err.println("usage: [events] [--days N] [--schools N] [--users N] [--batch N] "
          + "[--rate N] [--cap N] [--seed N] [--out DIR] [--keep]   (-Dut1.archive=...)");
      System.exit(2);
      return;
    }
    new StoreBenchmark(opt).run();
  }

  // ---------------------------------------------------------------- options

  private record Options(long events, int days, int schools, int users, int batch, double rate,
      int cap, long seed, Path out, boolean keep, Path ut1, int queue, int indexThreads) {

    static Options parse(String[] args) {
      long events = 20_000_000;
      int days = 30;
      int schools = 8;
      int users = 1500;
      int batch = 500;
      double rate = 0;
      int cap = 10_000;
      long seed = 42;
      Path out = Path.of("target", "audit-bench");
      boolean keep = false;
      int queue = 0;
      int indexThreads = 0;
      String ut1 = System.getProperty("ut1.archive");
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--days" -> days = Integer.parseInt(value(args, ++i, a));
          case "--schools" -> schools = Integer.parseInt(value(args, ++i, a));
          case "--users" -> users = Integer.parseInt(value(args, ++i, a));
          case "--batch" -> batch = Integer.parseInt(value(args, ++i, a));
          case "--rate" -> rate = Double.parseDouble(value(args, ++i, a));
          case "--cap" -> cap = Integer.parseInt(value(args, ++i, a));
          case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
          case "--out" -> out = Path.of(value(args, ++i, a));
          case "--ut1" -> ut1 = value(args, ++i, a);
          case "--keep" -> keep = true;
          case "--queue" -> queue = Integer.parseInt(value(args, ++i, a));
          case "--index-threads" -> indexThreads = Integer.parseInt(value(args, ++i, a));
          default -> {
            if (a.startsWith("-") || i > 0) {
              throw new IllegalArgumentException("unknown argument " + a);
            }
            events = Long.parseLong(a.replace("_", "").replace(",", ""));
          }
        }
      }
      if (events < 1000 || days < 2 || batch < 1 || batch > 16_384) {
        throw new IllegalArgumentException("need events >= 1000, days >= 2, batch 1..16384");
      }
      if (ut1 == null || !Files.isRegularFile(Path.of(ut1))) {
        throw new IllegalArgumentException("UT1 archive not found (-Dut1.archive): " + ut1);
      }
      return new Options(events, days, schools, users, batch, rate, cap, seed, out, keep,
          Path.of(ut1), queue, indexThreads);
    }

    private static String value(String[] args, int i, String name) {
      if (i >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      return args[i];
    }
  }

  // ---------------------------------------------------------------- what ingest remembers

  /** Samples taken from the stream while ingesting, for the query and proof phases. */
  private static final class Samples {
    final SplittableRandom random;
    final String[] pairUser = new String[USER_DAY_PAIRS];
    final LocalDate[] pairDay = new LocalDate[USER_DAY_PAIRS];
    final UUID[] proofIds = new UUID[PROOF_EVENTS];
    final HashMap<String, long[]> hostCounts = new HashMap<>();
    long userEvents;
    long accessEvents;
    long identityEvents;

    Samples(long seed) {
      random = new SplittableRandom(seed);
    }

    void see(AuditRecord r) {
      if (!(r instanceof AccessEvent e)) {
        identityEvents++;
        return;
      }
      accessEvents++;
      long n = accessEvents;
      hostCounts.computeIfAbsent(e.host(), h -> new long[1])[0]++;
      if (n <= PROOF_EVENTS) {
        proofIds[(int) n - 1] = e.eventId();
      } else {
        long k = random.nextLong(n);
        if (k < PROOF_EVENTS) {
          proofIds[(int) k] = e.eventId();
        }
      }
      if (e.userId() != null) {
        long m = ++userEvents;
        int slot = m <= USER_DAY_PAIRS ? (int) m - 1 : (int) random.nextLong(m);
        if (slot < USER_DAY_PAIRS) {
          pairUser[slot] = e.userId();
          pairDay[slot] = LocalDate.ofInstant(e.timestamp(), ZONE);
        }
      }
    }
  }

  // ---------------------------------------------------------------- run

  private void run() throws Exception {
    Path dir = opt.out().toAbsolutePath();
    prepare(dir);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    line("# Audit store benchmark");
    line("");
    line(String.format(Locale.ROOT, "JDK %s (%s), %d CPUs, max heap %d MiB; store in %s",
        System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
        os.getAvailableProcessors(), Runtime.getRuntime().maxMemory() >> 20, dir));

    long t0 = System.nanoTime();
    HostCatalogue catalogue = HostCatalogue.fromTarGz(opt.ut1(), opt.cap());
    int ut1Hosts = catalogue.categories().stream().mapToInt(c -> catalogue.hosts(c).size()).sum();
    SyntheticEvents.Builder gen = SyntheticEvents.builder()
        .seed(opt.seed()).gatewayId("gw-bench").start(START).days(opt.days()).zone(ZONE)
        .schools(opt.schools()).usersPerSchool(opt.users()).catalogue(catalogue);
    long probe = 1_000_000;
    double perProbe = gen.eventsPerDay(probe).build().expectedAccessEvents();
    long perWeekday = Math.max(1, Math.round(probe * opt.events() / perProbe));
    SyntheticEvents events = gen.eventsPerDay(perWeekday).build();
    line(String.format(Locale.ROOT, "Workload: %,d access events expected over %d days from %s "
            + "(%,d per school weekday in all, weekends ~6 %%), %d schools x ~%d users, UT1 %d "
            + "categories, %,d hosts (cap %d), seed %d, batches of %d, %s; set-up %.1f s",
        events.expectedAccessEvents(), opt.days(), START, perWeekday, opt.schools(), opt.users(),
        catalogue.categories().size(), ut1Hosts, opt.cap(), opt.seed(), opt.batch(),
        opt.rate() > 0 ? String.format(Locale.ROOT, "paced at %,.0f records/s", opt.rate())
            : "as fast as the store takes them",
        (System.nanoTime() - t0) / 1e9));
    results.put("events.expected", Long.toString(events.expectedAccessEvents()));

    EmbeddedStoreConfig.Builder cb = EmbeddedStoreConfig.builder(dir,
        "bench.campusgate.example/audit").zone(ZONE);
    if (opt.queue() > 0) {
      cb.queueCapacity(opt.queue());
    }
    if (opt.indexThreads() > 0) {
      cb.indexThreads(opt.indexThreads());
    }
    EmbeddedStoreConfig config = cb.build();
    line(String.format(Locale.ROOT, "Store: defaults except zone Asia/Shanghai: queue %,d records "
            + "(%s), commit interval %d ms, %d indexer threads, segments %d MiB, compression %s",
        config.queueCapacity(), config.overflowMode(), config.commitInterval().toMillis(),
        config.indexThreads(), config.segmentBytes() >> 20, config.compressSealedSegments()));
    Samples samples = new Samples(opt.seed());
    Instant from = START.atStartOfDay(ZONE).toInstant();
    Instant to = START.plusDays(opt.days()).atStartOfDay(ZONE).toInstant();

    EmbeddedAuditStore store = EmbeddedAuditStore.open(config);
    try {
      ingest(store, events, samples, from, to, os);
      awaitCompression(dir.resolve("journal"), Duration.ofMinutes(15));
    } finally {
      long c0 = System.nanoTime();
      store.close();
      results.put("close.s", secs(System.nanoTime() - c0));
    }
    disk(dir, samples);

    long o0 = System.nanoTime();
    store = EmbeddedAuditStore.open(config);
    try {
      results.put("reopen.s", secs(System.nanoTime() - o0));
      queries(store, samples, from, to);
      integrity(store, samples, from, to);
    } finally {
      store.close();
    }

    System.out.println(report);
    System.out.println("```");
    results.forEach((k, v) -> System.out.println("RESULT " + k + "=" + v));
    System.out.println("```");
    if (!opt.keep()) {
      deleteTree(dir);
    }
  }

  // ---------------------------------------------------------------- phase 1: ingest

  private void ingest(EmbeddedAuditStore store, SyntheticEvents events, Samples samples,
      Instant from, Instant to, OperatingSystemMXBean os) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    CpuSampler sampler = new CpuSampler(threads);
    long gc0 = gcMillis();
    long cpu0 = os.getProcessCpuTime();
    long producerCpu0 = threads.getCurrentThreadCpuTime();

    int maxBatches = (int) Math.min(Integer.MAX_VALUE - 8,
        events.expectedAccessEvents() * 11 / 10 / opt.batch() + 1000);
    long[] latency = new long[Math.max(1024, maxBatches)];
    AtomicLong lastDurable = new AtomicLong();
    ArrayDeque<CompletableFuture<Long>> outstanding = new ArrayDeque<>();
    List<AuditRecord> batch = new ArrayList<>(opt.batch());
    Iterator<AuditRecord> it = events.iterator();
    long refusals = 0;
    long refusedWaitNanos = 0;
    long pacedBehind = 0;
    long records = 0;
    int batches = 0;
    long progressAt = 0;
    double load0 = os.getSystemLoadAverage();
    progress("ingest");
    long start = System.nanoTime();
    while (it.hasNext()) {
      batch.clear();
      while (batch.size() < opt.batch() && it.hasNext()) {
        AuditRecord r = it.next();
        samples.see(r);
        batch.add(r);
      }
      if (opt.rate() > 0) {
        long due = start + (long) (records / opt.rate() * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        } else if (wait < -1_000_000_000L) {
          pacedBehind++;
        }
      }
      AppendTicket ticket;
      long appended;
      while (true) {
        appended = System.nanoTime();
        try {
          ticket = store.append(batch);
          break;
        } catch (AuditStoreFullException full) {
          refusals++;
          long w0 = System.nanoTime();
          CompletableFuture<Long> oldest;
          while ((oldest = outstanding.peekFirst()) != null && oldest.isDone()) {
            outstanding.pollFirst();
          }
          if (oldest == null) {
            Thread.sleep(1); // the writer has taken everything: the queue is just full
          } else {
            oldest.join();
          }
          refusedWaitNanos += System.nanoTime() - w0;
        }
      }
      final int index = batches++;
      final long t = appended;
      if (index >= latency.length) {
        throw new IllegalStateException("more batches than expected: " + index);
      }
      CompletableFuture<Long> durable = ticket.durable();
      durable.whenComplete((seq, e) -> {
        long now = System.nanoTime();
        latency[index] = e == null ? now - t : -1;
        lastDurable.accumulateAndGet(now, Math::max);
      });
      outstanding.addLast(durable);
      while (!outstanding.isEmpty() && outstanding.peekFirst().isDone()) {
        outstanding.pollFirst();
      }
      records += batch.size();
      if (records - progressAt >= 1_000_000) {
        progressAt = records;
        double s = (System.nanoTime() - start) / 1e9;
        System.err.printf(Locale.ROOT, "  ingest: %,d records in %.0f s (%,.0f/s), backlog %,d,"
            + " refusals %,d%n", records, s, records / s, store.backlog(), refusals);
      }
    }
    long producerCpu = threads.getCurrentThreadCpuTime() - producerCpu0;
    for (CompletableFuture<Long> f : outstanding) {
      f.join();
    }
    long end = lastDurable.get();
    long cpu = os.getProcessCpuTime() - cpu0;
    long gc = gcMillis() - gc0;
    Map<String, Long> byName = sampler.stop();
    long wallIngest = end - start;
    double load1 = os.getSystemLoadAverage();

    // index lag: from the last durable ticket until a search counts every access event
    AuditQuery all = AuditQuery.between(from, to).limit(1).build();
    long searchable;
    long total;
    int polls = 0;
    while (true) {
      total = store.search(all).total();
      polls++;
      searchable = System.nanoTime();
      if (total >= samples.accessEvents || searchable - end > 600_000_000_000L) {
        break;
      }
      Thread.sleep(10);
    }
    long lag = searchable - end;
    long q0 = System.nanoTime();
    store.search(all);
    long countQuery = System.nanoTime() - q0;

    long[] lat = Arrays.stream(latency, 0, batches).filter(x -> x >= 0).sorted().toArray();
    long failed = Arrays.stream(latency, 0, batches).filter(x -> x < 0).count();
    // the second half of the run: past JIT warm-up and the store's first day indexes
    long[] warm = Arrays.stream(latency, batches / 2, batches).filter(x -> x >= 0).sorted()
        .toArray();
    double eps = records / (wallIngest / 1e9);
    double cores = cpu / (double) wallIngest;
    results.put("ingest.records", Long.toString(records));
    results.put("ingest.access_events", Long.toString(samples.accessEvents));
    results.put("ingest.identity_events", Long.toString(samples.identityEvents));
    results.put("ingest.seconds", secs(wallIngest));
    results.put("ingest.records_per_s", String.format(Locale.ROOT, "%.0f", eps));
    double endToEnd = records / ((searchable - start) / 1e9);
    results.put("ingest.searchable_records_per_s", String.format(Locale.ROOT, "%.0f", endToEnd));
    results.put("ingest.batches", Integer.toString(batches));
    results.put("ingest.ticket_ms.p50", ms(pct(lat, 50)));
    results.put("ingest.ticket_ms.p99", ms(pct(lat, 99)));
    results.put("ingest.ticket_ms.max", ms(lat.length == 0 ? 0 : lat[lat.length - 1]));
    results.put("ingest.tickets_over_1s", Long.toString(
        Arrays.stream(lat).filter(x -> x > 1_000_000_000L).count()));
    results.put("ingest.tickets_failed", Long.toString(failed));
    results.put("ingest.warm_ticket_ms.p50", ms(pct(warm, 50)));
    results.put("ingest.warm_ticket_ms.p99", ms(pct(warm, 99)));
    results.put("ingest.warm_ticket_ms.max", ms(warm.length == 0 ? 0 : warm[warm.length - 1]));
    results.put("ingest.refusals", Long.toString(refusals));
    results.put("ingest.refused_wait_s", secs(refusedWaitNanos));
    if (opt.rate() > 0) {
      results.put("ingest.paced_batches_over_1s_late", Long.toString(pacedBehind));
    }
    results.put("ingest.index_lag_ms", ms(lag));
    results.put("ingest.index_lag_polls", Integer.toString(polls));
    results.put("ingest.searchable_total", Long.toString(total));
    results.put("ingest.count_all_query_ms", ms(countQuery));
    results.put("ingest.cpu_cores_used", String.format(Locale.ROOT, "%.2f", cores));
    results.put("ingest.gc_ms", Long.toString(gc));
    results.put("ingest.producer_cpu_s", secs(producerCpu));

    progress("ingest done; measuring disk");
    line("");
    line("## 1. Ingest (one producer thread, " + opt.batch() + " records per append)");
    line("");
    line("| figure | value |");
    line("|---|---|");
    row("records (access + identity)", String.format(Locale.ROOT, "%,d (%,d + %,d)", records,
        samples.accessEvents, samples.identityEvents));
    row("first append → last ticket durable", secs(wallIngest) + " s");
    row("**throughput until durable**", String.format(Locale.ROOT, "**%,.0f records/s**", eps));
    row("end to end: first append → all searchable", String.format(Locale.ROOT,
        "%s s, %,.0f records/s", secs(searchable - start), endToEnd));
    row("ticket latency append → durable, p50 / p99 / max",
        ms(pct(lat, 50)) + " / " + ms(pct(lat, 99)) + " / "
            + ms(lat.length == 0 ? 0 : lat[lat.length - 1]) + " ms (" + lat.length + " batches; "
            + results.get("ingest.tickets_over_1s") + " over 1 s)");
    row("the same over the second half of the run (warm)",
        ms(pct(warm, 50)) + " / " + ms(pct(warm, 99)) + " / "
            + ms(warm.length == 0 ? 0 : warm[warm.length - 1]) + " ms");
    row("refusals (queue full, fail-closed)", String.format(Locale.ROOT,
        "%,d; producer waited %s s in all", refusals, secs(refusedWaitNanos)));
    row("index lag at the end (last durable → all searchable)", ms(lag) + " ms ("
        + String.format(Locale.ROOT, "%,d", total) + " access events counted)");
    row("CPU: process CPU / wall", String.format(Locale.ROOT, "%.2f cores of %d", cores,
        os.getAvailableProcessors()));
    row("machine load average (1 min) at start / end of ingest", String.format(Locale.ROOT,
        "%.1f / %.1f", load0, load1));
    results.put("ingest.loadavg_start", String.format(Locale.ROOT, "%.1f", load0));
    results.put("ingest.loadavg_end", String.format(Locale.ROOT, "%.1f", load1));
    row("GC time (collector MXBeans)", String.format(Locale.ROOT, "%,d ms", gc));
    StringBuilder split = new StringBuilder();
    long javaThreads = 0;
    for (long v : byName.values()) {
      javaThreads += v;
    }
    byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .filter(e -> e.getValue() > wallIngest / 100)
        .forEach(e -> {
          split.append(String.format(Locale.ROOT, "%s %.2f, ", e.getKey(),
              e.getValue() / (double) wallIngest));
          results.put("ingest.cpu_cores." + e.getKey().replaceAll("[^A-Za-z0-9#-]", "_"),
              String.format(Locale.ROOT, "%.2f", e.getValue() / (double) wallIngest));
        });
    split.append(String.format(Locale.ROOT, "other (GC, JIT, VM) %.2f",
        Math.max(0, cpu - javaThreads) / (double) wallIngest));
    row("CPU by thread (cores; the producer, `main`, includes generating)", split.toString());
  }

  /**
   * CPU time per thread name (trailing digits folded), sampled every 100 ms so that short-lived
   * threads (Lucene merges) are counted too; a thread's CPU after its last sample is lost.
   */
  private static final class CpuSampler implements Runnable {
    private final ThreadMXBean threads;
    private final Map<Long, Long> base = new HashMap<>();
    private final Map<Long, Long> last = new HashMap<>();
    private final Map<Long, String> names = new HashMap<>();
    private final Thread thread;
    private volatile boolean stop;

    CpuSampler(ThreadMXBean threads) {
      this.threads = threads;
      sample(true);
      thread = new Thread(this, "bench-cpu-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void run() {
      while (!stop) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
        sample(false);
      }
    }

    private synchronized void sample(boolean first) {
      for (long id : threads.getAllThreadIds()) {
        long t = threads.getThreadCpuTime(id);
        if (t < 0) {
          continue;
        }
        if (!names.containsKey(id)) {
          ThreadInfo info = threads.getThreadInfo(id);
          if (info == null) {
            continue;
          }
          names.put(id, info.getThreadName().replaceAll("\\d+$", "#"));
          base.put(id, first ? t : 0L);
        }
        last.put(id, t);
      }
    }

    Map<String, Long> stop() throws InterruptedException {
      stop = true;
      thread.join();
      sample(false);
      Map<String, Long> out = new TreeMap<>();
      synchronized (this) {
        for (Map.Entry<Long, Long> e : last.entrySet()) {
          String name = names.get(e.getKey());
          if (!name.equals("bench-cpu-sampler")) {
            out.merge(name, e.getValue() - base.get(e.getKey()), Long::sum);
          }
        }
      }
      return out;
    }
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  // ---------------------------------------------------------------- phase 2: disk

  private void awaitCompression(Path journal, Duration timeout) throws Exception {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    long raw;
    while ((raw = countFiles(journal, ".seg")) > 1 && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    results.put("disk.compression_wait_s", secs(System.nanoTime() - t0));
    results.put("disk.uncompressed_sealed_segments", Long.toString(Math.max(0, raw - 1)));
  }

  private void disk(Path dir, Samples samples) throws IOException {
    long records = samples.accessEvents + samples.identityEvents;
    long zseg = sizeOf(dir.resolve("journal"), ".zseg");
    long seg = sizeOf(dir.resolve("journal"), ".seg");
    long journalAll = sizeOf(dir.resolve("journal"), "");
    Map<String, Long> parts = new LinkedHashMap<>();
    parts.put("journal", journalAll);
    parts.put("index", sizeOf(dir.resolve("index"), ""));
    parts.put("identity", sizeOf(dir.resolve("identity"), ""));
    parts.put("tiles", sizeOf(dir.resolve("tiles"), ""));
    parts.put("checkpoints", sizeOf(dir.resolve("checkpoints"), ""));
    long everything = sizeOf(dir, "");
    long named = parts.values().stream().mapToLong(Long::longValue).sum();
    parts.put("other (keys, spool, marker)", everything - named);

    line("");
    line("## 2. Disk (after compression, store closed)");
    line("");
    line(String.format(Locale.ROOT, "Per record: %,d records (%,d access + %,d identity). "
            + "Journal: %,d B compressed (.zseg) + %,d B raw (.seg: the active segment, %s "
            + "sealed ones left uncompressed). Compression wait %s s.", records,
        samples.accessEvents, samples.identityEvents, zseg, seg,
        results.get("disk.uncompressed_sealed_segments"), results.get("disk.compression_wait_s")));
    line("");
    line("| part | bytes | bytes per record |");
    line("|---|---|---|");
    parts.forEach((k, v) -> {
      line(String.format(Locale.ROOT, "| %s | %,d | %.1f |", k, v, v / (double) records));
      results.put("disk." + k.replaceAll(" .*", "") + ".bytes_per_record",
          String.format(Locale.ROOT, "%.2f", v / (double) records));
    });
    line(String.format(Locale.ROOT, "| **total** | %,d | **%.1f** |", everything,
        everything / (double) records));
    results.put("disk.total_bytes", Long.toString(everything));
    results.put("disk.bytes_per_record", String.format(Locale.ROOT, "%.2f",
        everything / (double) records));
    results.put("disk.journal_zseg_bytes", Long.toString(zseg));
    results.put("disk.journal_seg_bytes", Long.toString(seg));
  }

  private static long countFiles(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
    }
  }

  private static long sizeOf(Path root, String suffix) throws IOException {
    if (!Files.exists(root)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().endsWith(suffix))
          .mapToLong(p -> {
            try {
              return Files.size(p);
            } catch (IOException e) {
              return 0; // vanished meanwhile
            }
          }).sum();
    }
  }

  // ---------------------------------------------------------------- phase 3: queries

  private void queries(EmbeddedAuditStore store, Samples samples, Instant from, Instant to) {
    List<AuditQuery> userDay = new ArrayList<>();
    for (int i = 0; i < USER_DAY_PAIRS && samples.pairUser[i] != null; i++) {
      LocalDate d = samples.pairDay[i];
      userDay.add(AuditQuery.between(d.atStartOfDay(ZONE).toInstant(),
          d.plusDays(1).atStartOfDay(ZONE).toInstant()).user(samples.pairUser[i]).limit(100)
          .build());
    }
    // domains from the most to the least visited host, at geometrically spaced ranks
    List<Map.Entry<String, long[]>> hosts = new ArrayList<>(samples.hostCounts.entrySet());
    hosts.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
        .thenComparing(Map.Entry::getKey));
    List<String> domains = new ArrayList<>();
    List<Long> domainCounts = new ArrayList<>();
    int last = -1;
    for (int i = 0; i < DOMAINS; i++) {
      int rank = (int) Math.round(Math.pow(hosts.size(), i / (double) (DOMAINS - 1))) - 1;
      rank = Math.min(hosts.size() - 1, Math.max(rank, last + 1));
      if (rank >= hosts.size()) {
        break;
      }
      last = rank;
      domains.add(hosts.get(rank).getKey());
      domainCounts.add(hosts.get(rank).getValue()[0]);
    }
    List<AuditQuery> domainQueries = domains.stream()
        .map(d -> AuditQuery.between(from, to).domain(d).limit(100).build()).toList();
    AuditQuery district = AuditQuery.between(from, to).build();
    List<AuditQuery> perSchool = new ArrayList<>();
    for (int s = 1; s <= opt.schools(); s++) {
      perSchool.add(AuditQuery.between(from, to)
          .school(String.format(Locale.ROOT, "school-%02d", s)).build());
    }
    List<AuditQuery> scanDays = new ArrayList<>();
    for (int d = 0; d < opt.days() && scanDays.size() < 5; d++) {
      LocalDate day = START.plusDays(d);
      if (day.getDayOfWeek().getValue() <= 5) {
        scanDays.add(AuditQuery.between(day.atStartOfDay(ZONE).toInstant(),
            day.plusDays(1).atStartOfDay(ZONE).toInstant()).build());
      }
    }

    progress("queries");
    line("");
    line("## 3. Queries (after close and reopen; pass 1 opens the readers, pass 2 is warm)");
    line("");
    line("| query | n | pass | p50 ms | p95 ms | max ms | results |");
    line("|---|---|---|---|---|---|---|");
    for (String pass : List.of("cold", "warm")) {
      long[] hits = new long[1];
      long[] t = time(userDay, q -> {
        SearchPage p = store.search(q);
        hits[0] += p.total();
        return p.events().size();
      });
      queryRow("one user, one day (first page of 100 + total)", "user_day", pass, t,
          String.format(Locale.ROOT, "%.0f events per user-day on average",
              hits[0] / (double) Math.max(1, userDay.size())));

      long[] dHits = new long[domainQueries.size()];
      int[] di = {0};
      t = time(domainQueries, q -> {
        SearchPage p = store.search(q);
        dHits[di[0]++] = p.total();
        return p.events().size();
      });
      queryRow("one domain, whole range, all users (page of 100 + total)", "domain_month", pass,
          t, String.format(Locale.ROOT, "%d domains, totals %,d (most visited) .. %,d",
              domains.size(), dHits.length == 0 ? 0 : dHits[0],
              dHits.length == 0 ? 0 : dHits[dHits.length - 1]));

      boolean[] rollups = {true};
      t = time(repeat(List.of(district), 5), q -> {
        AggregateResult r = store.aggregate(q, List.of(GroupField.CATEGORY), TimeBucket.DAY,
            ZONE);
        rollups[0] &= r.fromRollups();
        return r.rows().size();
      });
      queryRow(opt.days() + "-day aggregate by category per day, district (×5)", "agg_district",
          pass, t, "fromRollups=" + rollups[0]);
      results.put("query.agg_district.from_rollups", Boolean.toString(rollups[0]));

      rollups[0] = true;
      t = time(perSchool, q -> {
        AggregateResult r = store.aggregate(q, List.of(GroupField.CATEGORY), TimeBucket.DAY,
            ZONE);
        rollups[0] &= r.fromRollups();
        return r.rows().size();
      });
      queryRow(opt.days() + "-day aggregate by category per day, each school", "agg_school",
          pass, t, "fromRollups=" + rollups[0]);

      boolean[] scan = {false};
      long[] rows = {0};
      t = time(scanDays, q -> {
        AggregateResult r = store.aggregate(q, List.of(GroupField.HOST), TimeBucket.NONE, ZONE);
        scan[0] |= r.fromRollups();
        rows[0] += r.rows().size();
        return r.rows().size();
      });
      queryRow("scan aggregate: by host over one weekday", "agg_scan_host_day", pass, t,
          String.format(Locale.ROOT, "fromRollups=%s, %,.0f hosts per day", scan[0],
              rows[0] / (double) Math.max(1, scanDays.size())));
    }
    line("");
    line("Domains (rank by visits: host, visits): " + describeDomains(domains, domainCounts));
  }

  private static String describeDomains(List<String> domains, List<Long> counts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < domains.size(); i += Math.max(1, domains.size() / 6)) {
      sb.append(domains.get(i)).append(' ').append(String.format(Locale.ROOT, "%,d", counts.get(i)))
          .append("; ");
    }
    return sb.toString();
  }

  private static <T> List<T> repeat(List<T> list, int times) {
    List<T> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      out.addAll(list);
    }
    return out;
  }

  private interface Op<T> {
    int apply(T t) throws Exception;
  }

  private static <T> long[] time(List<T> items, Op<T> op) {
    long[] out = new long[items.size()];
    for (int i = 0; i < items.size(); i++) {
      long t0 = System.nanoTime();
      try {
        op.apply(items.get(i));
      } catch (Exception e) {
        throw new IllegalStateException("query failed: " + items.get(i), e);
      }
      out[i] = System.nanoTime() - t0;
    }
    Arrays.sort(out);
    return out;
  }

  private void queryRow(String label, String key, String pass, long[] sorted, String note) {
    line(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s |", label, sorted.length,
        pass, ms(pct(sorted, 50)), ms(pct(sorted, 95)), ms(max(sorted)), note));
    results.put("query." + key + "." + pass + ".p50_ms", ms(pct(sorted, 50)));
    results.put("query." + key + "." + pass + ".p95_ms", ms(pct(sorted, 95)));
    results.put("query." + key + "." + pass + ".max_ms", ms(max(sorted)));
  }

  // ---------------------------------------------------------------- phase 4: integrity

  private void integrity(EmbeddedAuditStore store, Samples samples, Instant from, Instant to) {
    LocalDate day = START.plusDays(Math.min(opt.days() - 1, 9)); // a Wednesday, mid-run
    while (day.getDayOfWeek().getValue() > 5) {
      day = day.minusDays(1);
    }
    progress("integrity");
    line("");
    line("## 4. Integrity");
    line("");
    line("| operation | time | records checked | records/s | intact |");
    line("|---|---|---|---|---|");
    verifyRow(store, "verify one day (" + day + ")", "verify_day",
        day.atStartOfDay(ZONE).toInstant(), day.plusDays(1).atStartOfDay(ZONE).toInstant());
    verifyRow(store, "verify the whole range", "verify_all", from, to);

    List<UUID> ids = Arrays.stream(samples.proofIds).filter(java.util.Objects::nonNull).toList();
    long t0 = System.nanoTime();
    EvidenceBundle bundle = store.proof(ids);
    long t = System.nanoTime() - t0;
    long t1 = System.nanoTime();
    store.proof(ids);
    long again = System.nanoTime() - t1;
    line(String.format(Locale.ROOT, "| proof() of %d random events (again) | %s ms (%s ms) | "
            + "%d items | | checkpoint of %,d |", ids.size(), ms(t), ms(again),
        bundle.items().size(), bundle.checkpoint().checkpoint().treeSize()));
    results.put("integrity.proof_100.ms", ms(t));
    results.put("integrity.proof_100.again_ms", ms(again));
  }

  private void verifyRow(EmbeddedAuditStore store, String label, String key, Instant from,
      Instant to) {
    long t0 = System.nanoTime();
    VerificationReport r = store.verify(from, to);
    long t = System.nanoTime() - t0;
    double rate = r.recordsChecked() / (t / 1e9);
    line(String.format(Locale.ROOT, "| %s | %s s | %,d (%d checkpoints) | %,.0f | %s |", label,
        secs(t), r.recordsChecked(), r.checkpointsChecked(), rate, r.intact()));
    results.put("integrity." + key + ".s", secs(t));
    results.put("integrity." + key + ".records", Long.toString(r.recordsChecked()));
    results.put("integrity." + key + ".records_per_s", String.format(Locale.ROOT, "%.0f", rate));
    results.put("integrity." + key + ".intact", Boolean.toString(r.intact()));
  }

  // ---------------------------------------------------------------- helpers

  private static void prepare(Path dir) throws IOException {
    if (Files.exists(dir)) {
      boolean empty;
      try (Stream<Path> s = Files.list(dir)) {
        empty = s.findAny().isEmpty();
      }
      if (!empty && !Files.exists(dir.resolve(MARKER))) {
        throw new IllegalArgumentException(dir + " is not empty and was not made by this "
            + "benchmark (no " + MARKER + "): refusing to wipe it");
      }
      deleteTree(dir);
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(MARKER), "StoreBenchmark store; wiped at each run\n");
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().setWritable(true);
        Files.delete(p);
      }
    }
  }

  private void line(String s) {
    report.append(s).append('\n');
    if (s.startsWith("Workload") || s.startsWith("Store:")) {
      System.err.println(s);
    }
  }

  private static void progress(String s) {
    System.err.println("-- " + s);
  }

  private void row(String k, String v) {
    line("| " + k + " | " + v + " |");
  }

  private static long pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static long max(long[] sorted) {
    return sorted.length == 0 ? 0 : sorted[sorted.length - 1];
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, nanos < 10_000_000 ? "%.2f" : "%.0f", nanos / 1e6);
  }

  private static String secs(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
  }
}
