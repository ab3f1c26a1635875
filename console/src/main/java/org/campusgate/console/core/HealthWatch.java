package org.campusgate.console.core;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.campusgate.console.db.AdminAction;

/**
 * Runs the health checks the monthly report needs a history of ({@code clock-drift} when
 * configured, {@code audit-store}) every {@value #PERIOD_SECONDS} s on one thread of its own,
 * and writes their transitions, only, to the admin log: {@code health.unhealthy} when a check
 * goes unhealthy (after: the check and its message), {@code health.healthy} when it recovers;
 * actor {@code system}, target {@code health:<check>}, no school. The report pairs them into
 * periods of clock drift and audit downtime.
 *
 * <p>A check's state at start is the one its last entry in the admin log says (healthy when it
 * has none), so a restart during an outage does not open it twice.
 */
public final class HealthWatch implements Managed {
  /** Seconds between two runs (the first run is one period after start). */
  public static final long PERIOD_SECONDS = 60;
  public static final String UNHEALTHY = "health.unhealthy";
  public static final String HEALTHY = "health.healthy";
  /** Target prefix: {@code health:<check>}. */
  public static final String TARGET_PREFIX = "health:";
  /** The longest message kept. */
  static final int MAX_MESSAGE = 500;
  private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");

  private final Map<String, HealthCheck> checks;
  private final AdminLog log;
  private final Map<String, Boolean> healthy = new LinkedHashMap<>();
  private ScheduledExecutorService scheduler;

  /** @param checks by name, in the order they run */
  public HealthWatch(Map<String, HealthCheck> checks, AdminLog log) {
    this.checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    this.log = Objects.requireNonNull(log, "log");
    for (String name : checks.keySet()) {
      healthy.put(name, lastRecordedHealthy(name));
    }
  }

  @Override
  public synchronized void start() {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "health-watch");
      t.setDaemon(true);
      return t;
    });
    s.setRemoveOnCancelPolicy(true);
    s.scheduleWithFixedDelay(this::runSafely, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    scheduler = s;
  }

  @Override
  public synchronized void stop() throws InterruptedException {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
      scheduler = null;
    }
  }

  /** Runs every check once and records the transitions; what the scheduler calls. */
  public synchronized void runOnce() {
    for (Map.Entry<String, HealthCheck> c : checks.entrySet()) {
      HealthCheck.Result r = c.getValue().execute(); // never throws: failures are unhealthy
      boolean was = healthy.get(c.getKey());
      if (r.isHealthy() == was) {
        continue;
      }
      String message = r.getMessage() == null ? (r.getError() == null ? ""
          : String.valueOf(r.getError().getMessage())) : r.getMessage();
      if (message.length() > MAX_MESSAGE) {
        message = message.substring(0, MAX_MESSAGE);
      }
      Map<String, String> after = new LinkedHashMap<>();
      after.put("check", c.getKey());
      after.put("message", message);
      log.record("system", r.isHealthy() ? HEALTHY : UNHEALTHY, TARGET_PREFIX + c.getKey(), null,
          null, after);
      healthy.put(c.getKey(), r.isHealthy());
    }
  }

  private void runSafely() {
    try {
      runOnce();
    } catch (RuntimeException e) {
      // the database may be down too; the next run tries again
      System.getLogger(HealthWatch.class.getName()).log(System.Logger.Level.WARNING,
          "health watch run failed", e);
    }
  }

  private boolean lastRecordedHealthy(String name) {
    String target = TARGET_PREFIX + name;
    long after = 0;
    String last = null;
    // transitions only, so few: page through them
    while (true) {
      List<AdminAction> page = log.dao().actions("health.", Instant.EPOCH, FAR_FUTURE, after,
          1000);
      for (AdminAction a : page) {
        if (a.target().equals(target)) {
          last = a.action();
        }
      }
      if (page.size() < 1000) {
        return !UNHEALTHY.equals(last);
      }
      after = page.get(page.size() - 1).id();
    }
  }
}
