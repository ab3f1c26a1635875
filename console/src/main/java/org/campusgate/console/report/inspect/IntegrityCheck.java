package org.campusgate.console.report.inspect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.IntegrityProblem;
import org.campusgate.audit.SearchPage;
import org.campusgate.audit.SortOrder;
import org.campusgate.audit.VerificationReport;
import org.campusgate.console.report.MonthlyReport;

/**
 * Verifies every day of a month ({@link AuditStore#verify} over the day, two days at a time) and
 * says which days failed.
 *
 * <p>Why not simply "the day whose verify reported a problem": verify checks whole journal
 * segments and the signed checkpoints over them, and a segment (or a checkpoint's run of
 * records) often spans several days, so one changed record shows up in the report of every day
 * its segment touches. Each problem is therefore placed by its records: the journal's sequence
 * numbers are split into days at each day's first event (events are appended in time order), a
 * problem's records are its seq, or the run {@code records a..b} it names (a tile of 1024
 * records, the records between two checkpoints), and a day fails only for the problems whose
 * records fall in its share of the journal. A problem with no place (a damaged checkpoint log)
 * fails every day whose verification reports it.
 */
final class IntegrityCheck {
  /** Problems shown per day; the count says how many there were in all. */
  static final int MAX_PROBLEMS_SHOWN = 20;
  private static final Pattern RUN = Pattern.compile("records (\\d+)\\.\\.(\\d+)");

  private final AuditStore store;
  private final ZoneId zone;
  private final Duration timeout;

  /** What the month's verification found. */
  record Result(int daysVerified, List<MonthlyReport.IntegrityDay> failures) {}

  /** @param timeout how long the whole month's verification may take */
  IntegrityCheck(AuditStore store, ZoneId zone, Duration timeout) {
    this.store = Objects.requireNonNull(store, "store");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Verifies the days {@code first..last} (both included); {@code now} bounds the last search. */
  Result check(LocalDate first, LocalDate last, Instant now) {
    List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
    Map<LocalDate, Long> firstSeq = new LinkedHashMap<>();
    for (LocalDate d : days) {
      firstSeq.put(d, firstSeq(start(d), start(d.plusDays(1))));
    }
    Instant after = start(last.plusDays(1));
    Long afterMonth = after.isBefore(now) ? firstSeq(after, now) : null;

    ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "report-verify");
      t.setDaemon(true);
      return t;
    });
    try {
      Map<LocalDate, Future<VerificationReport>> running = new LinkedHashMap<>();
      for (LocalDate d : days) {
        running.put(d, pool.submit(() -> store.verify(start(d), start(d.plusDays(1)))));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      List<MonthlyReport.IntegrityDay> failures = new ArrayList<>();
      for (int i = 0; i < days.size(); i++) {
        LocalDate d = days.get(i);
        long lo = firstSeq.get(d) == null ? -1 : firstSeq.get(d);
        long hi = nextFirstSeq(days, i, firstSeq, afterMonth);
        VerificationReport report;
        try {
          report = running.get(d).get(Math.max(0, deadline - System.nanoTime()),
              TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          failures.add(new MonthlyReport.IntegrityDay(d, 0, 1, List.of(
              "verification did not finish within " + timeout.toMinutes() + " minutes")));
          continue;
        } catch (ExecutionException e) {
          failures.add(new MonthlyReport.IntegrityDay(d, 0, 1, List.of(
              "verification failed: " + e.getCause().getMessage())));
          continue;
        }
        List<IntegrityProblem> own = report.problems().stream()
            .filter(p -> belongs(p, lo, hi)).toList();
        if (!own.isEmpty()) {
          failures.add(new MonthlyReport.IntegrityDay(d, report.recordsChecked(), own.size(),
              own.stream().limit(MAX_PROBLEMS_SHOWN).map(IntegrityProblem::toString).toList()));
        }
      }
      return new Result(days.size(), failures);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying the month", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Whether a problem lies in the day's share of the journal, seqs {@code [lo, hi)} ({@code lo}
   * -1: the day has no events, so no share).
   */
  static boolean belongs(IntegrityProblem p, long lo, long hi) {
    long from = p.seq();
    long to = p.seq();
    Matcher run = RUN.matcher(p.detail());
    if (run.find()) {
      from = Long.parseLong(run.group(1));
      to = Long.parseLong(run.group(2));
    }
    if (from < 0) {
      return true; // no place in the journal: every day reporting it fails
    }
    return lo >= 0 && from < hi && to >= lo;
  }

  /** The first seq after the day's share: the next day's first event, else unbounded. */
  private static long nextFirstSeq(List<LocalDate> days, int i, Map<LocalDate, Long> firstSeq,
      Long afterMonth) {
    for (int j = i + 1; j < days.size(); j++) {
      Long s = firstSeq.get(days.get(j));
      if (s != null) {
        return s;
      }
    }
    return afterMonth == null ? Long.MAX_VALUE : afterMonth;
  }

  private Long firstSeq(Instant from, Instant to) {
    SearchPage page = store.search(AuditQuery.between(from, to).order(SortOrder.OLDEST_FIRST)
        .limit(1).build());
    return page.events().isEmpty() ? null : page.events().get(0).seq();
  }

  private Instant start(LocalDate d) {
    return d.atStartOfDay(zone).toInstant();
  }
}
