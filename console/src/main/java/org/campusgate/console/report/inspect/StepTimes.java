package org.campusgate.console.report.inspect;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * How long each step of a report took, for the benchmark and the log. Steps run concurrently,
 * so their times add up to more than the report's wall time. Thread-safe.
 */
public final class StepTimes {
  private final Map<String, Duration> steps = Collections.synchronizedMap(new LinkedHashMap<>());

  /** Runs a step and records its time under {@code name}. */
  public <T> T time(String name, Callable<T> step) throws Exception {
    long start = System.nanoTime();
    try {
      return step.call();
    } finally {
      steps.put(name, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** The steps in the order they ended, with their times. */
  public Map<String, Duration> steps() {
    synchronized (steps) {
      return new LinkedHashMap<>(steps);
    }
  }
}
