package org.campusgate.policy.bench;

import java.util.Arrays;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.url.InvalidUrlException;

/**
 * {@link AppMappingBenchmark}'s comparison made robust to a shared machine, not a JMH benchmark:
 * one JVM decides the same requests with the URL-only snapshot and with the 10,000-app register
 * in alternating 250 ms slices (order swapped every round), so both see the same neighbours'
 * noise; it reports the median throughput of each and the median and quartiles of the per-round
 * ratio. After 20 s of warm-up, 40 rounds per request set ({@code unmapped}, {@code mixed}).
 *
 * <pre>bench/jmh interleaved</pre>
 */
public final class InterleavedDecide {
  private static final long SLICE_NANOS = 250_000_000L;
  private static final int ROUNDS = 40;
  private static volatile int sink;

  private InterleavedDecide() {}

  public static void main(String[] args) throws Exception {
    AppMappingBenchmark b = new AppMappingBenchmark();
    b.register = "apps-10k";
    b.setUp();
    for (int warm = 0; warm < 40; warm++) {
      slice(b, b.urlOnly, b.unmapped, b.unmappedAuthority);
      slice(b, b.withApps, b.unmapped, b.unmappedAuthority);
      slice(b, b.urlOnly, b.mixed, b.mixedAuthority);
      slice(b, b.withApps, b.mixed, b.mixedAuthority);
    }
    report(b, "unmapped", b.unmapped, b.unmappedAuthority);
    report(b, "mixed", b.mixed, b.mixedAuthority);
  }

  private static void report(AppMappingBenchmark b, String name, String[] raw, boolean[] authority)
      throws InvalidUrlException {
    double[] urlOnly = new double[ROUNDS];
    double[] apps = new double[ROUNDS];
    double[] ratio = new double[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      if ((r & 1) == 0) {
        urlOnly[r] = slice(b, b.urlOnly, raw, authority);
        apps[r] = slice(b, b.withApps, raw, authority);
      } else {
        apps[r] = slice(b, b.withApps, raw, authority);
        urlOnly[r] = slice(b, b.urlOnly, raw, authority);
      }
      ratio[r] = apps[r] / urlOnly[r];
    }
    Arrays.sort(urlOnly);
    Arrays.sort(apps);
    Arrays.sort(ratio);
    System.out.printf("%-9s url-only %,.0f ops/s, apps-10k %,.0f ops/s (medians of %d slices);"
        + " apps-10k / url-only per round: median %.3f, quartiles %.3f .. %.3f%n", name,
        median(urlOnly), median(apps), ROUNDS, median(ratio), ratio[ROUNDS / 4], ratio[3 * ROUNDS / 4]);
  }

  private static double median(double[] sorted) {
    return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  /** Decides requests for one slice; returns decisions per second. */
  private static double slice(AppMappingBenchmark b, PolicySnapshot s, String[] raw, boolean[] authority)
      throws InvalidUrlException {
    long start = System.nanoTime();
    long end = start + SLICE_NANOS;
    int n = 0;
    int h = 0;
    long now;
    do {
      for (int k = 0; k < 256; k++, n++) {
        int i = n & (raw.length - 1);
        h += s.decide(b.context(raw[i], authority[i], i)).reason().ordinal();
      }
    } while ((now = System.nanoTime()) < end);
    sink += h;
    return n / ((now - start) / 1e9);
  }
}
