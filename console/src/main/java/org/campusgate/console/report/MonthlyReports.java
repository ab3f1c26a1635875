package org.campusgate.console.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.campusgate.audit.AggregateResult;
import org.campusgate.audit.AuditStore;
import org.campusgate.console.db.AdminLogDao;
import org.campusgate.console.db.School;
import org.campusgate.console.db.SchoolDao;
import org.campusgate.console.register.RegisterService;
import org.campusgate.console.register.RegisterViews.RevokedView;
import org.campusgate.console.report.inspect.AppChecks;
import org.campusgate.console.report.inspect.LogChecks;
import org.campusgate.console.report.inspect.MonthRange;
import org.campusgate.console.report.inspect.Proposals;
import org.campusgate.console.report.inspect.RealNameCoverage;
import org.campusgate.console.report.inspect.SchoolFigures;
import org.campusgate.console.report.inspect.StepTimes;
import org.campusgate.console.report.inspect.StoreFigures;
import org.campusgate.policy.apps.AppRegister;

/**
 * Makes a month's inspection report (RULES.md §6) from the audit store, the register, the admin
 * log and the rectification items.
 *
 * <p>How: the store's two scans (top hosts, identified users) and the log checks (which verify
 * every day's integrity) are the slow parts; they run side by side on a small pool while this
 * thread reads the roll-ups (traffic by day, action, reason, category, app and group) and the
 * register. Then each school's section is put together ({@link AppChecks}, {@link
 * RealNameCoverage}), the findings raise rectification items, and the carried items and
 * findings give the proposals ({@link Proposals}).
 *
 * <p>Which months: one that has ended (the report is the record of a closed month). A month
 * before the store's data — the store (or the school) has events after it but none before its
 * end, e.g. the month before the installation or one retention removed — is refused: there is
 * nothing to inspect, and answering would raise a "no events" item for every day. A store with
 * no events at all is answered (an empty report, whose log checks say so).
 *
 * <p>Side effect: the findings are raised as rectification items (idempotent per month, school,
 * kind and subject, so making a report twice raises nothing twice).
 */
public final class MonthlyReports {
  /** Threads for the concurrent steps: the two scans and the log checks. */
  static final int POOL = 3;
  /** The longest a report may take before it is abandoned (60 s is the target at 20 M events). */
  static final Duration MAX_TIME = Duration.ofMinutes(5);

  private final Supplier<AuditStore> store;
  private final RegisterService register;
  private final SchoolDao schools;
  private final AdminLogDao adminLog;
  private final Rectifications rectifications;
  private final Clock clock;
  private final ZoneId zone;
  private final String district;

  public MonthlyReports(Supplier<AuditStore> store, RegisterService register, SchoolDao schools,
      AdminLogDao adminLog, Rectifications rectifications, Clock clock, ZoneId zone,
      String district) {
    this.store = Objects.requireNonNull(store, "store");
    this.register = Objects.requireNonNull(register, "register");
    this.schools = Objects.requireNonNull(schools, "schools");
    this.adminLog = Objects.requireNonNull(adminLog, "adminLog");
    this.rectifications = Objects.requireNonNull(rectifications, "rectifications");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.district = Objects.requireNonNull(district, "district");
  }

  /**
   * The report of a month.
   *
   * @param school one school, or null for every school
   * @param inspector who asks for it
   * @throws IllegalArgumentException when the month has not ended yet, the school is unknown, or
   *     the month is before the store's data (see the class comment)
   * @throws IllegalStateException when the store fails or the report takes longer than {@link
   *     #MAX_TIME}
   */
  public MonthlyReport make(YearMonth month, String school, String inspector) {
    return make(month, school, inspector, new StepTimes());
  }

  /** As {@link #make(YearMonth, String, String)}, recording the time of each step in {@code times}. */
  public MonthlyReport make(YearMonth month, String school, String inspector, StepTimes times) {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(times, "times");
    Instant now = clock.instant();
    MonthRange range = MonthRange.of(month, zone);
    if (range.to().isAfter(now)) {
      throw new IllegalArgumentException("the month " + month + " has not ended yet");
    }
    List<School> covered = schools.list().stream()
        .filter(s -> school == null || s.id().equals(school))
        .sorted(Comparator.comparing(School::id)).toList();
    if (school != null && covered.isEmpty()) {
      throw new IllegalArgumentException("no school " + school);
    }
    List<String> ids = covered.stream().map(School::id).toList();
    AuditStore audit = store.get();
    StoreFigures queries = new StoreFigures(audit, range, school);
    AppRegister apps = register.current(); // one register for the whole report

    Map<String, SchoolFigures> figures = new LinkedHashMap<>();
    ids.forEach(id -> figures.put(id, new SchoolFigures()));
    AggregateResult daily = step(times, "daily (roll-ups)", queries::daily);
    Map<String, Instant> last = step(times, "last events", () -> queries.lastEvents(now));
    if (daily.rows().isEmpty() && !last.isEmpty()
        && !step(times, "data before the month", () -> queries.anyBefore(range.from()))) {
      throw new IllegalArgumentException("the month " + month + " is before the audit store's"
          + " data" + (school == null ? "" : " of school " + school) + ": its first events are"
          + " after the month's end");
    }

    ExecutorService pool = Executors.newFixedThreadPool(POOL, threads());
    try {
      long deadline = System.nanoTime() + MAX_TIME.toNanos();
      Future<LogChecks.Result> logs = pool.submit(() -> times.time("log checks",
          () -> new LogChecks(store, adminLog, clock, zone).check(month, ids)));
      Future<AggregateResult> hosts = pool.submit(() -> times.time("top hosts (scan)",
          queries::hosts));
      Future<AggregateResult> users = pool.submit(() -> times.time("identified users (scan)",
          queries::users));

      StoreFigures.foldDaily(daily, range, figures);
      StoreFigures.foldTotals(step(times, "totals (roll-ups)", queries::totals), figures);
      StoreFigures.foldBlockedGroups(step(times, "blocked groups (roll-ups)",
          queries::blockedGroups), figures);
      StoreFigures.foldLastEvents(last, figures);
      List<RevokedView> revoked = step(times, "revoked filings",
          () -> register.revoked(month, school));
      AppChecks appChecks = new AppChecks(apps, range, queries::allowedSince);
      Map<String, AppChecks.Result> appResults = step(times, "app checks", () -> {
        Map<String, AppChecks.Result> out = new LinkedHashMap<>();
        ids.forEach(id -> out.put(id, appChecks.check(id, figures.get(id), revoked)));
        return out;
      });

      StoreFigures.foldHosts(await(hosts, deadline), figures);
      StoreFigures.foldUsers(await(users, deadline), figures);
      LogChecks.Result logResult = await(logs, deadline);
      return assemble(range, school, inspector, now, apps, covered, figures, appResults,
          logResult);
    } finally {
      pool.shutdownNow();
    }
  }

  private MonthlyReport assemble(MonthRange range, String school, String inspector, Instant now,
      AppRegister apps, List<School> covered, Map<String, SchoolFigures> figures,
      Map<String, AppChecks.Result> appResults, LogChecks.Result logs) {
    YearMonth month = range.month();
    // findings: the district's first, then each school's, by kind
    List<Finding> findings = new ArrayList<>();
    logs.findings().stream().filter(f -> f.schoolId() == null).forEach(findings::add);
    Map<String, List<Finding>> bySchool = new LinkedHashMap<>();
    for (School s : covered) {
      List<Finding> own = new ArrayList<>();
      logs.findings().stream().filter(f -> s.id().equals(f.schoolId())).forEach(own::add);
      own.addAll(appResults.get(s.id()).findings());
      RealNameCoverage.check(s.id(), figures.get(s.id()).traffic()).ifPresent(own::add);
      own.sort(Comparator.comparing(Finding::kind)); // stable: keeps each check's order
      bySchool.put(s.id(), own);
      findings.addAll(own);
    }
    List<RectificationItem> raised = rectifications.raise(month, findings, inspector);

    List<MonthlyReport.SchoolSection> sections = new ArrayList<>();
    List<MonthlyReport.Proposal> proposals = new ArrayList<>();
    long events = 0;
    long blocked = 0;
    for (School s : covered) {
      SchoolFigures f = figures.get(s.id());
      AppChecks.Result a = appResults.get(s.id());
      List<Finding> own = bySchool.get(s.id());
      List<RectificationItem> carried = rectifications.carriedInto(month, s.id());
      List<RectificationItem> fresh = raised.stream()
          .filter(i -> s.id().equals(i.schoolId())).toList();
      proposals.addAll(Proposals.of(s.id(), month, own, carried, raised));
      MonthlyReport.LogCompliance log = logs.schools().get(s.id());
      sections.add(new MonthlyReport.SchoolSection(s.id(), s.name(), f.lastEvent(), f.traffic(),
          f.daily(range), a.apps(), a.unfiledUse(), a.revoked(), a.uniformApps(),
          a.missingEvidence(), f.blocksByReason(), f.blocksByCategory(), f.bypassAttempts(),
          f.topHosts(), log, List.copyOf(own), carried, fresh, own.isEmpty()));
      events += f.events();
      blocked += f.blocked();
    }
    int compliant = (int) sections.stream().filter(MonthlyReport.SchoolSection::compliant).count();
    MonthlyReport.Header header = new MonthlyReport.Header(district, month, zone, school,
        inspector, now, apps.lastUpdate(), apps.revision());
    MonthlyReport.Summary summary = new MonthlyReport.Summary(sections.size(), compliant, events,
        blocked, topProblems(findings));
    return new MonthlyReport(header, summary, sections, logs.district(), findings, proposals);
  }

  /** Finding kinds by the number of schools with them, then by findings, most first. */
  static List<MonthlyReport.ProblemCount> topProblems(List<Finding> findings) {
    Map<FindingKind, Set<String>> schoolsOf = new EnumMap<>(FindingKind.class);
    Map<FindingKind, Integer> counts = new EnumMap<>(FindingKind.class);
    for (Finding f : findings) {
      Set<String> s = schoolsOf.computeIfAbsent(f.kind(), k -> new HashSet<>());
      if (f.schoolId() != null) {
        s.add(f.schoolId());
      }
      counts.merge(f.kind(), 1, Integer::sum);
    }
    return counts.keySet().stream()
        .map(k -> new MonthlyReport.ProblemCount(k, schoolsOf.get(k).size(), counts.get(k)))
        .sorted(Comparator.comparingInt(MonthlyReport.ProblemCount::schools).reversed()
            .thenComparing(Comparator.comparingInt(MonthlyReport.ProblemCount::findings).reversed())
            .thenComparing(MonthlyReport.ProblemCount::kind))
        .toList();
  }

  private static <T> T step(StepTimes times, String name, Callable<T> step) {
    try {
      return times.time(name, step);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("report step " + name + " failed: " + e.getMessage(), e);
    }
  }

  private static <T> T await(Future<T> future, long deadlineNanos) {
    try {
      return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the report took longer than " + MAX_TIME, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making the report", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("a report step failed: " + e.getCause(), e.getCause());
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "monthly-report-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
