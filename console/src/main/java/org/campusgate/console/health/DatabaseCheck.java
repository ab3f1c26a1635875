package org.campusgate.console.health;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;

/**
 * The console database answers {@code SELECT 1} within the timeout (also the JDBC query timeout). The query runs on a thread
 * of its own, so a database that hangs (a dead TCP peer, a lock) makes the check unhealthy after
 * the timeout instead of hanging the health endpoint; while a query still hangs, later checks do
 * not pile up behind it.
 */
public final class DatabaseCheck extends HealthCheck {
  private final Jdbi db;
  private final Duration timeout;
  private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "health-database");
    t.setDaemon(true);
    return t;
  });
  private Future<Integer> inFlight;

  /** Checks the database {@code db} (the console's: {@code ConsoleDatabase.jdbi()}) reaches. */
  public DatabaseCheck(Jdbi db, Duration timeout) {
    this.db = Objects.requireNonNull(db, "db");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  protected synchronized Result check() throws InterruptedException {
    if (inFlight != null && !inFlight.isDone()) {
      return Result.unhealthy("the previous query has not answered yet");
    }
    int seconds = (int) Math.max(1, timeout.toSeconds());
    long started = System.nanoTime();
    inFlight = runner.submit(() -> db.withHandle(h -> h.createQuery("SELECT 1")
        .setQueryTimeout(seconds).mapTo(Integer.class).one()));
    try {
      inFlight.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Result.healthy("SELECT 1 answered in %d ms",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    } catch (TimeoutException e) {
      return Result.unhealthy("no answer within %d ms", timeout.toMillis());
    } catch (ExecutionException e) {
      return Result.unhealthy("the database failed: " + e.getCause().getMessage());
    }
  }
}
