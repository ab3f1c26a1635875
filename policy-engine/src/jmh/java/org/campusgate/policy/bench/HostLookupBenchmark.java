package org.campusgate.policy.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.match.DomainTable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of {@link DomainTable#forEachSuffixMatch}, the lookup behind every decision: one
 * canonical host in, the value of the host and of each listed parent domain out (into a sink that
 * feeds a {@link Blackhole}).
 *
 * <p>Workload: 4,096 prepared hosts (seed 42), visited in a fixed shuffled order: half are listed
 * domains with 0, 1 or 2 extra labels in front ({@code www.}, {@code img2.cdn.}), so the suffix
 * walk probes 2 to 6 suffixes; half are unlisted names of the same shape. Two tables ({@code
 * table} parameter):
 *
 * <ul>
 *   <li>{@code synthetic-5M}: 5,000,000 {@link SyntheticDomains} names (about 16 chars), the size
 *       of the full UT1 adult list; the table (about 130 MB) is far larger than the caches, so
 *       most probes miss them.
 *   <li>{@code ut1}: the real domains of every category of the UT1 archive (about 640,000), each
 *       with its category's index, built with {@code DomainTable.builder(n, Math::max)}.
 * </ul>
 *
 * <p>Other synthetic sizes for comparison: {@code -p table=synthetic-50k} (a table that fits in
 * the CPU caches) shows how much of the 5M figure is memory latency rather than hashing.
 *
 * <p>One thread, so the figure is per core. Target: at least 5,000,000 lookups/s.
 *
 * <pre>bench/jmh HostLookupBenchmark -f 2 -wi 3 -w 2s -i 5 -r 2s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HostLookupBenchmark {
  static final int HOSTS = 4096;
  private static final int MASK = HOSTS - 1;

  @Param({"synthetic-5M", "ut1"})
  public String table;

  DomainTable domains;
  String[] hosts;
  private int syntheticSize;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(42);
    List<String> ut1Names = null;
    if (table.equals("ut1")) {
      ListSet lists = BenchFixtures.importUt1();
      domains = SyntheticDomains.ut1Table(lists);
      ut1Names = SyntheticDomains.ut1Domains(lists);
    } else if (table.startsWith("synthetic-")) {
      syntheticSize = size(table.substring("synthetic-".length()));
      domains = SyntheticDomains.table(syntheticSize);
    } else {
      throw new IllegalArgumentException("table: ut1 or synthetic-<n>[k|M], not " + table);
    }
    hosts = new String[HOSTS];
    int hits = 0;
    for (int i = 0; i < HOSTS; i++) {
      String host;
      if (i % 2 == 0) {
        String listed = ut1Names != null
            ? ut1Names.get(r.nextInt(ut1Names.size()))
            : SyntheticDomains.name(r.nextInt(syntheticSize));
        host = SyntheticDomains.withExtraLabels(listed, r);
      } else {
        do {
          host = SyntheticDomains.miss(r);
        } while (domains.forEachSuffixMatch(host, v -> { }) != 0);
      }
      hosts[i] = host;
      if (domains.forEachSuffixMatch(host, v -> { }) > 0) {
        hits++;
      }
    }
    shuffle(hosts, r);
    System.out.printf("%n[HostLookupBenchmark] table=%s entries=%,d hosts=%d with a match=%d%n",
        table, domains.size(), HOSTS, hits);
  }

  /** {@code 5M}, {@code 50k} or a plain number. */
  private static int size(String text) {
    String t = text.strip();
    char unit = t.charAt(t.length() - 1);
    int factor = unit == 'M' ? 1_000_000 : unit == 'k' ? 1_000 : 1;
    return Integer.parseInt(factor == 1 ? t : t.substring(0, t.length() - 1)) * factor;
  }

  private static void shuffle(String[] a, SplittableRandom r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      String t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Per thread: where in the host array it is, and a sink that hands matches to the Blackhole. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
    DomainTable.MatchSink sink;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
      sink = blackhole::consume;
    }
  }

  @Benchmark
  public int forEachSuffixMatch(Cursor cursor) {
    return domains.forEachSuffixMatch(hosts[cursor.next++ & MASK], cursor.sink);
  }
}
