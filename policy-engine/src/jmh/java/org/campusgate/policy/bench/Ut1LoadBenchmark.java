package org.campusgate.policy.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.lists.ListFormatException;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.lists.Ut1Importer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long an operator waits to load UT1: {@link Ut1Importer#importPath} of the full archive
 * (gunzip, untar, read and canonicalise every entry of every category: about 640,000 domains plus
 * the URL and expression lists), then parsing and compiling {@link BenchFixtures#SCHOOL_POLICY}
 * against it (the domain table, URL prefixes, expressions, rules). {@link #importAndCompile} is
 * the headline; {@link #importOnly} and {@link #compileOnly} (lists imported beforehand) split it.
 *
 * <p>Single-shot time: each measurement is one load. With warm-up iterations the JIT has
 * compiled the import path (a reload in a running gateway); with {@code -wi 0 -i 1} and several
 * forks each figure is a first load in a fresh JVM (the gateway's start). Target: at most 3 s.
 *
 * <pre>
 * bench/jmh Ut1LoadBenchmark -f 1 -wi 5 -i 10          # warm: reload in a running gateway
 * bench/jmh Ut1LoadBenchmark -f 5 -wi 0 -i 1           # cold: first load after start
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class Ut1LoadBenchmark {

  /** Where the archive is. */
  @State(Scope.Benchmark)
  public static class Archive {
    Path path;

    @Setup(Level.Trial)
    public void setUp() {
      path = BenchFixtures.ut1Archive();
    }
  }

  /** The archive imported once, for timing the compile alone. */
  @State(Scope.Benchmark)
  public static class Imported {
    ListSet lists;

    @Setup(Level.Trial)
    public void setUp() {
      lists = BenchFixtures.importUt1();
    }
  }

  @Benchmark
  public PolicySnapshot importAndCompile(Archive archive) throws IOException, ListFormatException {
    return BenchFixtures.compileSchoolPolicy(Ut1Importer.importPath(archive.path));
  }

  @Benchmark
  public ListSet importOnly(Archive archive) throws IOException, ListFormatException {
    return Ut1Importer.importPath(archive.path);
  }

  @Benchmark
  public PolicySnapshot compileOnly(Imported imported) {
    return BenchFixtures.compileSchoolPolicy(imported.lists);
  }
}
