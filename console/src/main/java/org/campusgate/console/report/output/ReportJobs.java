package org.campusgate.console.report.output;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.campusgate.console.report.MonthlyReport;

/**
 * The console's report jobs: one report is made at a time (a month's report reads the whole
 * month from the audit store), a few more wait in a small queue, more are refused. A job that
 * asks for a report already queued or being made joins that job. Each job has a time limit:
 * making the report is checked against it when it returns (store reads are not interrupted:
 * interrupting Lucene's file reads could close its index files), and the PDF printer gets what
 * is left of it, then is killed. Finished reports go to the {@link ReportArchive}.
 */
public final class ReportJobs implements AutoCloseable {
  /** Finished jobs remembered for their status, at most. */
  static final int KEPT = 100;
  /** Jobs that may wait behind the running one. */
  static final int QUEUE = 4;
  /** The longest one job may take. */
  static final Duration LIMIT = Duration.ofMinutes(10);
  /** The longest the browser may take to print. */
  static final Duration PDF_TIMEOUT = Duration.ofMinutes(2);

  /** Makes the report of a month (the console's MonthlyReports). */
  @FunctionalInterface
  public interface Maker {
    MonthlyReport make(YearMonth month, String school, String inspector);
  }

  /** Makes the printer for a job, given the time it has left. */
  @FunctionalInterface
  public interface Printers {
    PdfPrinter within(Duration left);
  }

  /** Where a job stands. */
  public enum State { QUEUED, RUNNING, DONE, FAILED }

  /**
   * A job as callers see it.
   *
   * @param message why it failed, or (when done without a PDF) why there is no PDF
   */
  public record Job(String id, String name, String month, String school, String lang,
      String actor, State state, Instant queuedAt, Instant finishedAt, boolean pdf,
      String message) {}

  /** The queue is full. */
  public static final class Busy extends Exception {
    Busy(String message) {
      super(message);
    }
  }

  private final Maker maker;
  private final Printers printers;
  private final ReportArchive archive;
  private final Clock clock;
  private final Duration limit;
  private final ThreadPoolExecutor executor;
  private final Map<String, Job> jobs = new LinkedHashMap<>();

  /**
   * @param queue how many jobs may wait behind the running one
   * @param limit how long one job may take
   */
  public ReportJobs(Maker maker, Printers printers, ReportArchive archive, Clock clock, int queue,
      Duration limit) {
    this.maker = Objects.requireNonNull(maker, "maker");
    this.printers = Objects.requireNonNull(printers, "printers");
    this.archive = Objects.requireNonNull(archive, "archive");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limit = Objects.requireNonNull(limit, "limit");
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queue), r -> {
          Thread t = new Thread(r, "report-jobs");
          t.setDaemon(true);
          return t;
        });
  }

  /** The console's jobs: reports under {@code report.dir}, printed by {@code report.chromium}. */
  public static ReportJobs forConsole(org.campusgate.console.report.MonthlyReports reports,
      org.campusgate.console.ConsoleConfiguration.ReportSection config, Path home, Clock clock) {
    Path chromium = Path.of(config.chromium);
    return new ReportJobs(reports::make,
        left -> new PdfPrinter(chromium, left.compareTo(PDF_TIMEOUT) < 0 ? left : PDF_TIMEOUT),
        new ReportArchive(home.resolve(config.dir)), clock, QUEUE, LIMIT);
  }

  public ReportArchive archive() {
    return archive;
  }

  /**
   * Queues the report of {@code key}, or answers the job already making it.
   *
   * @throws Busy when the queue is full
   */
  public synchronized Job start(ReportArchive.Key key, String actor) throws Busy {
    for (Job j : jobs.values()) {
      if ((j.state() == State.QUEUED || j.state() == State.RUNNING)
          && j.name().equals(key.name()) && j.lang().equals(key.lang())) {
        return j;
      }
    }
    Job job = new Job(UUID.randomUUID().toString(), key.name(), key.month().toString(),
        key.school(), key.lang(), actor, State.QUEUED, clock.instant(), null, false, null);
    try {
      executor.execute(() -> run(job.id(), key, actor));
    } catch (RejectedExecutionException e) {
      throw new Busy("the report queue is full (" + (executor.getQueue().size() + 1)
          + " reports being made or waiting); try again when one is done");
    }
    put(job);
    return job;
  }

  /** A job by its id, while it is remembered. */
  public synchronized Optional<Job> job(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** The jobs remembered, newest first. */
  public synchronized List<Job> jobs() {
    List<Job> out = new ArrayList<>(jobs.values());
    java.util.Collections.reverse(out);
    return out;
  }

  private void run(String id, ReportArchive.Key key, String actor) {
    update(id, State.RUNNING, null, false);
    long started = System.nanoTime();
    Path scratch = null;
    try {
      MonthlyReport report = maker.make(key.month(), key.school(), actor);
      Duration left = limit.minusNanos(System.nanoTime() - started);
      if (left.isNegative() || left.isZero()) {
        throw new IllegalStateException("making the report took longer than the limit of "
            + limit.toSeconds() + " s");
      }
      scratch = archive.scratch();
      ReportWriter.Written w = new ReportWriter(printers.within(left))
          .write(report, key.lang(), scratch);
      archive.keep(key, scratch, new ReportArchive.Made(key.name(), key.month().toString(),
          key.school(), key.lang(), actor, report.header().generatedAt().toString(),
          w.pdf() != null, w.pdfProblem(), w.csv().size()));
      scratch = null;
      update(id, State.DONE, w.pdfProblem(), w.pdf() != null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      update(id, State.FAILED, "stopped: the console is shutting down", false);
    } catch (IllegalArgumentException | IllegalStateException | IOException
        | java.io.UncheckedIOException e) {
      update(id, State.FAILED, e.getMessage(), false);
    } catch (RuntimeException e) {
      update(id, State.FAILED, "the report could not be made: " + e, false);
    } finally {
      if (scratch != null) {
        try {
          ReportArchive.delete(scratch);
        } catch (IOException ignored) {
          // a stray scratch folder is not listed (its name is not a report's)
        }
      }
    }
  }

  private synchronized void update(String id, State state, String message, boolean pdf) {
    Job j = jobs.get(id);
    if (j != null) {
      boolean finished = state == State.DONE || state == State.FAILED;
      jobs.put(id, new Job(j.id(), j.name(), j.month(), j.school(), j.lang(), j.actor(), state,
          j.queuedAt(), finished ? clock.instant() : null, pdf, message));
    }
  }

  private void put(Job job) {
    jobs.put(job.id(), job);
    Iterator<Job> it = jobs.values().iterator();
    while (jobs.size() > KEPT && it.hasNext()) {
      Job old = it.next();
      if (old.state() == State.DONE || old.state() == State.FAILED) {
        it.remove();
      }
    }
  }

  /** Stops taking jobs and interrupts the running one (its browser is killed); waits a little. */
  @Override
  public void close() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
