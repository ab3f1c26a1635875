package org.campusgate.policy.bench;

import java.time.Instant;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.InvalidRegisterException;
import org.openjdk.jol.info.GraphLayout;

/**
 * Build time and heap footprint of {@link SyntheticRegister}'s register (default 10,000 apps ×
 * 20 fingerprints, with their filings), not a JMH benchmark: {@link SyntheticRegister#build}
 * (generating the records and {@code AppRegister.Builder.build()}) timed for 5 builds in one JVM
 * (the first is cold), then the bytes the register retains as
 * JOL's {@link GraphLayout} counts them. An optional argument changes the number of apps.
 *
 * <pre>bench/jmh register-footprint [apps]</pre>
 */
public final class RegisterFootprint {
  private RegisterFootprint() {}

  public static void main(String[] args) throws InvalidRegisterException {
    int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : AppMappingBenchmark.APPS;
    Instant asOf = BenchFixtures.TUESDAY_10AM;
    AppRegister register = null;
    for (int run = 1; run <= 5; run++) {
      long start = System.nanoTime();
      register = SyntheticRegister.build(n, asOf);
      System.out.printf("build %d: %,d ms%n", run, (System.nanoTime() - start) / 1_000_000);
    }
    long bytes = GraphLayout.parseInstance(register).totalSize();
    int fingerprints = register.fingerprintCount();
    System.out.printf("AppRegister: %,d apps, %,d fingerprints, %,d provider filings, %,d user filings:"
        + " %,d bytes (%.1f MiB) = %.0f bytes per app, %.0f per fingerprint (filings included)%n",
        register.apps().size(), fingerprints, register.providerFilingNumbers().size(),
        register.userFilings().size(), bytes, bytes / 1048576.0, bytes / (double) register.apps().size(),
        bytes / (double) fingerprints);
  }
}
