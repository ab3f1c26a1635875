package org.campusgate.policy.bench;

import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.campusgate.policy.Decision;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.RequestContext;
import org.campusgate.policy.UserIdentity;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.InvalidRegisterException;
import org.campusgate.policy.url.InvalidUrlException;
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

/**
 * What the learning-app register costs {@link PolicySnapshot#decide}: the school policy of
 * {@link DecideBenchmark} over the full UT1 lists, deciding from raw URLs, with no register
 * ({@code url-only}: {@link AppRegister#empty()}) or with {@link SyntheticRegister}'s 10,000
 * apps × 20 fingerprints ({@code apps-10k}: 140,000 domains, 20,000 SNI patterns, 30,000 URL
 * prefixes, 10,000 IP ranges; provider and confirmed user filings for most apps).
 *
 * <ul>
 *   <li>{@link #unmapped}: {@link DecideBenchmark}'s 4,096 requests (popular and UT1 hosts,
 *       CONNECT, IP literals), none of which maps to an app (checked in setup): the common case
 *       the issue wants no slower than URL-only;
 *   <li>{@link #mapped}: 4,096 requests (seed 7) that each map to an app (checked), through
 *       domains, SNI patterns, URL prefixes and IP ranges, spread evenly over all 10,000 apps;
 *   <li>{@link #mappedPopular}: the same kinds of request, to the first 200 apps with a skew
 *       (app {@code u³·200}, u uniform) as a school's day concentrates on a few apps;
 *   <li>{@link #mixed}: 90% the unmapped requests, 10% the mapped ones, interleaved.
 * </ul>
 *
 * <p>Users alternate student / teacher at Tuesday 10:00. With {@code url-only} the mapped
 * requests are unlisted hosts, so that column is the URL policy's cost for the same strings.
 *
 * <pre>bench/jmh AppMappingBenchmark -f 2 -wi 5 -w 2s -i 5 -r 2s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class AppMappingBenchmark {
  static final int APPS = 10_000;
  /** The apps {@link #mappedPopular} draws from, skewed towards the first. */
  static final int POPULAR_APPS = 200;
  private static final int N = DecideBenchmark.REQUESTS;
  private static final int MASK = N - 1;

  @Param({"url-only", "apps-10k"})
  String register;

  PolicySnapshot snapshot;
  /** Both variants, for {@link InterleavedDecide}. */
  PolicySnapshot urlOnly;
  PolicySnapshot withApps;
  final Instant time = BenchFixtures.TUESDAY_10AM;
  final UserIdentity[] users = {
    UserIdentity.of("s2026001", "students"), UserIdentity.of("t0042", "teachers"),
  };
  final String[] unmapped = new String[N];
  final boolean[] unmappedAuthority = new boolean[N];
  final String[] mapped = new String[N];
  final boolean[] mappedAuthority = new boolean[N];
  final String[] popular = new String[N];
  final boolean[] popularAuthority = new boolean[N];
  final String[] mixed = new String[N];
  final boolean[] mixedAuthority = new boolean[N];

  @Setup(Level.Trial)
  public void setUp() throws InvalidUrlException, InvalidRegisterException {
    // The URL-only workload, exactly as DecideBenchmark builds it (UT1 import, policy, requests).
    DecideBenchmark base = new DecideBenchmark();
    base.setUp();
    System.arraycopy(base.raw, 0, unmapped, 0, N);
    System.arraycopy(base.authority, 0, unmappedAuthority, 0, N);

    long start = System.nanoTime();
    AppRegister apps = SyntheticRegister.build(APPS, time);
    long buildMillis = (System.nanoTime() - start) / 1_000_000;
    urlOnly = base.snapshot;
    withApps = base.snapshot.withRegister(apps);
    snapshot = register.equals("url-only") ? urlOnly : withApps;

    SplittableRandom r = new SplittableRandom(7);
    boolean[] authority = new boolean[1];
    for (int i = 0; i < N; i++) {
      mapped[i] = SyntheticRegister.request(r, r.nextInt(APPS), authority);
      mappedAuthority[i] = authority[0];
    }
    for (int i = 0; i < N; i++) {
      double u = r.nextDouble(); // u^3: a few apps take most requests, as in a school's day
      popular[i] = SyntheticRegister.request(r, (int) (u * u * u * POPULAR_APPS), authority);
      popularAuthority[i] = authority[0];
    }
    for (int i = 0; i < N; i++) {
      boolean fromMapped = i % 10 == 9;
      mixed[i] = fromMapped ? mapped[i] : unmapped[i];
      mixedAuthority[i] = fromMapped ? mappedAuthority[i] : unmappedAuthority[i];
    }

    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < N; i++) {
      if (withApps.decide(context(unmapped[i], unmappedAuthority[i], i)).app() != null) {
        throw new IllegalStateException("an unmapped request maps to an app: " + unmapped[i]);
      }
      Decision d = snapshot.decide(context(mapped[i], mappedAuthority[i], i));
      if (withApps.decide(context(mapped[i], mappedAuthority[i], i)).app() == null
          || withApps.decide(context(popular[i], popularAuthority[i], i)).app() == null) {
        throw new IllegalStateException("a mapped request maps to no app: " + mapped[i] + ", " + popular[i]);
      }
      outcomes.merge(((i & 1) == 0 ? "student " : "teacher ") + d.reason(), 1, Integer::sum);
    }
    System.out.printf("%n[AppMappingBenchmark] register %s: %,d apps, %,d fingerprints, built in %,d ms;"
        + " mapped outcomes %s%n", register, apps.apps().size(), apps.fingerprintCount(), buildMillis, outcomes);
  }

  RequestContext context(String raw, boolean authority, int i) throws InvalidUrlException {
    RequestContext.Builder b = RequestContext.builder().time(time).user(users[i & 1]);
    return (authority ? b.authority(raw) : b.url(raw)).build();
  }

  /** Per thread: the next request to decide. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  public Decision unmapped(Cursor cursor) throws InvalidUrlException {
    int i = cursor.next++ & MASK;
    return snapshot.decide(context(unmapped[i], unmappedAuthority[i], i));
  }

  @Benchmark
  public Decision mapped(Cursor cursor) throws InvalidUrlException {
    int i = cursor.next++ & MASK;
    return snapshot.decide(context(mapped[i], mappedAuthority[i], i));
  }

  @Benchmark
  public Decision mappedPopular(Cursor cursor) throws InvalidUrlException {
    int i = cursor.next++ & MASK;
    return snapshot.decide(context(popular[i], popularAuthority[i], i));
  }

  @Benchmark
  public Decision mixed(Cursor cursor) throws InvalidUrlException {
    int i = cursor.next++ & MASK;
    return snapshot.decide(context(mixed[i], mixedAuthority[i], i));
  }
}
