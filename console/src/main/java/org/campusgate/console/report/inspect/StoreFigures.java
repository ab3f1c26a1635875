package org.campusgate.console.report.inspect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.campusgate.audit.AggregateResult;
import org.campusgate.audit.AggregateRow;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.SearchPage;
import org.campusgate.audit.SortOrder;
import org.campusgate.audit.TimeBucket;
import org.campusgate.console.report.MonthlyReport;
import org.campusgate.policy.ReasonCode;

/**
 * The audit-store queries behind a month's traffic figures, and the folding of their rows into
 * {@link SchoolFigures}. Each query is one method so the caller can run them concurrently.
 *
 * <p>Cost at district scale (20 million events a month): the month's range is whole UTC hours
 * in the district's zone, so every query whose fields are rolled up (school, group, category,
 * app, action, reason) is answered from the hourly roll-ups in milliseconds. Only two must scan
 * the month's doc values: the top hosts ({@link #hosts}) and the identified users ({@link
 * #users}); they dominate the time and are the ones to run side by side.
 */
public final class StoreFigures {
  /** Hosts listed per school. */
  public static final int TOP_HOSTS = 10;

  /**
   * The reasons that say a school may not use an app at all: not filed by the school (or not
   * confirmed), or the provider's filing missing, ended, suspended or failing its prerequisites.
   * Blocks for scope, schedule, 21:00 or uniform-use rules concern filed apps and are not here.
   */
  public static final Set<String> UNFILED_REASONS = Set.of(
      ReasonCode.APP_SCHOOL_NOT_FILED.name(), ReasonCode.APP_SCHOOL_FILING_PENDING.name(),
      ReasonCode.APP_PROVIDER_NOT_FILED.name(), ReasonCode.APP_FILING_REVOKED.name(),
      ReasonCode.APP_FILING_SUSPENDED.name(), ReasonCode.APP_PROVIDER_BLACKLISTED.name(),
      ReasonCode.APP_PREREQ_MISSING.name(), ReasonCode.APP_PROVINCIAL_LIST.name());

  private static final String ALLOW = "ALLOW";
  private static final String BLOCK = "BLOCK";
  private static final String AUTH_REQUIRED = "AUTH_REQUIRED";
  private static final String BYPASS = ReasonCode.BYPASS_BLOCKED.name();
  private static final String UNKNOWN = "unknown";

  private final AuditStore store;
  private final MonthRange range;
  private final String school;

  /** @param school one school, or null for all */
  public StoreFigures(AuditStore store, MonthRange range, String school) {
    this.store = Objects.requireNonNull(store, "store");
    this.range = Objects.requireNonNull(range, "range");
    this.school = school;
  }

  private AuditQuery.Builder month() {
    return AuditQuery.between(range.from(), range.to()).school(school);
  }

  /** Roll-ups: the month's events by school, action, reason, category and app. */
  public AggregateResult totals() {
    return store.aggregate(month().build(), List.of(GroupField.SCHOOL, GroupField.ACTION,
        GroupField.REASON, GroupField.CATEGORY, GroupField.APP), TimeBucket.NONE, range.zone());
  }

  /** Roll-ups: events by school, action and local day. */
  public AggregateResult daily() {
    return store.aggregate(month().build(), List.of(GroupField.SCHOOL, GroupField.ACTION),
        TimeBucket.DAY, range.zone());
  }

  /** Roll-ups: blocked requests by school, app, reason and the user's groups. */
  public AggregateResult blockedGroups() {
    return store.aggregate(month().action(BLOCK).build(), List.of(GroupField.SCHOOL,
        GroupField.APP, GroupField.REASON, GroupField.GROUP), TimeBucket.NONE, range.zone());
  }

  /** Scan: events by school and host. */
  public AggregateResult hosts() {
    return store.aggregate(month().build(), List.of(GroupField.SCHOOL, GroupField.HOST),
        TimeBucket.NONE, range.zone());
  }

  /** Scan: events by school and user (the "" user is the unidentified). */
  public AggregateResult users() {
    return store.aggregate(month().build(), List.of(GroupField.SCHOOL, GroupField.USER),
        TimeBucket.NONE, range.zone());
  }

  /**
   * The newest event of each school with events since the month began, up to {@code now}: the
   * roll-ups name the last day with events, one search on that day gives the instant.
   */
  public Map<String, Instant> lastEvents(Instant now) {
    Map<String, Instant> out = new LinkedHashMap<>();
    Instant until = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    if (!until.isAfter(range.from())) {
      return out;
    }
    Map<String, LocalDate> lastDay = new LinkedHashMap<>();
    for (AggregateRow r : store.aggregate(AuditQuery.between(range.from(), until).school(school)
        .build(), List.of(GroupField.SCHOOL), TimeBucket.DAY, range.zone()).rows()) {
      lastDay.merge(r.keys().get(GroupField.SCHOOL), range.dayOf(r.bucketStart()),
          (a, b) -> a.isAfter(b) ? a : b);
    }
    for (Map.Entry<String, LocalDate> e : lastDay.entrySet()) {
      Instant dayStart = e.getValue().atStartOfDay(range.zone()).toInstant();
      Instant dayEnd = e.getValue().plusDays(1).atStartOfDay(range.zone()).toInstant();
      newest(e.getKey(), dayStart, dayEnd).ifPresent(t -> out.put(e.getKey(), t));
    }
    return out;
  }

  /** The newest event of a school in {@code [from, to)}. */
  public java.util.Optional<Instant> newest(String schoolId, Instant from, Instant to) {
    SearchPage page = store.search(AuditQuery.between(from, to).school(schoolId)
        .order(SortOrder.NEWEST_FIRST).limit(1).build());
    return page.events().stream().findFirst().map(e -> e.event().timestamp());
  }

  /** Whether the store holds any event before {@code t}. */
  public boolean anyBefore(Instant t) {
    return !store.search(AuditQuery.between(Instant.EPOCH, t).school(school).limit(1).build())
        .events().isEmpty();
  }

  /** Allowed requests of a school to an app in {@code [from, month end)}. */
  public long allowedSince(String schoolId, String appId, Instant from) {
    if (!from.isBefore(range.to())) {
      return 0;
    }
    Instant start = from.isBefore(range.from()) ? range.from() : from;
    return store.aggregate(AuditQuery.between(start, range.to()).school(schoolId).app(appId)
            .action(ALLOW).build(), List.of(), TimeBucket.NONE, range.zone()).rows().stream()
        .mapToLong(AggregateRow::count).sum();
  }

  // ---- folding rows into figures

  /** Adds the rows of {@link #totals()}. */
  public static void foldTotals(AggregateResult totals, Map<String, SchoolFigures> into) {
    for (AggregateRow r : totals.rows()) {
      SchoolFigures f = into.get(r.keys().get(GroupField.SCHOOL));
      if (f == null) {
        continue; // a school the report does not cover (e.g. not in the console)
      }
      String action = r.keys().get(GroupField.ACTION);
      String reason = r.keys().get(GroupField.REASON);
      String category = r.keys().get(GroupField.CATEGORY);
      String app = r.keys().get(GroupField.APP);
      long n = r.count();
      f.events += n;
      boolean blocked = BLOCK.equals(action);
      if (ALLOW.equals(action)) {
        f.allowed += n;
      } else if (blocked) {
        f.blocked += n;
        SchoolFigures.add(f.blocksByReason, reason, n);
        if (!category.isEmpty()) {
          SchoolFigures.add(f.blocksByCategory, category, n);
        }
        if (BYPASS.equals(reason)) {
          SchoolFigures.add(f.bypassByCategory, category.isEmpty() ? UNKNOWN : category, n);
        }
      } else if (AUTH_REQUIRED.equals(action)) {
        f.authRequired += n;
      }
      if (!app.isEmpty()) {
        long[] c = f.apps.computeIfAbsent(app, k -> new long[2]);
        c[0] += n;
        if (blocked) {
          c[1] += n;
          SchoolFigures.add(f.appBlocks.computeIfAbsent(app, k -> new LinkedHashMap<>()),
              reason, n);
        }
      }
    }
  }

  /** Adds the rows of {@link #daily()}. */
  public static void foldDaily(AggregateResult daily, MonthRange range,
      Map<String, SchoolFigures> into) {
    for (AggregateRow r : daily.rows()) {
      SchoolFigures f = into.get(r.keys().get(GroupField.SCHOOL));
      String action = r.keys().get(GroupField.ACTION);
      if (f != null && (ALLOW.equals(action) || BLOCK.equals(action))) {
        f.daily.computeIfAbsent(range.dayOf(r.bucketStart()), k -> new long[2])
            [ALLOW.equals(action) ? 0 : 1] += r.count();
      }
    }
  }

  /** Adds the rows of {@link #blockedGroups()} whose reason is one of {@link #UNFILED_REASONS}. */
  public static void foldBlockedGroups(AggregateResult groups, Map<String, SchoolFigures> into) {
    for (AggregateRow r : groups.rows()) {
      SchoolFigures f = into.get(r.keys().get(GroupField.SCHOOL));
      String app = r.keys().get(GroupField.APP);
      if (f != null && !app.isEmpty() && UNFILED_REASONS.contains(r.keys().get(GroupField.REASON))) {
        String group = r.keys().get(GroupField.GROUP);
        SchoolFigures.add(f.unfiledGroups.computeIfAbsent(app, k -> new LinkedHashMap<>()),
            group.isEmpty() ? UNKNOWN : group, r.count());
      }
    }
  }

  /** Sets the newest event of each school from {@link #lastEvents}. */
  public static void foldLastEvents(Map<String, Instant> last, Map<String, SchoolFigures> into) {
    last.forEach((id, t) -> {
      SchoolFigures f = into.get(id);
      if (f != null) {
        f.lastEvent = t;
      }
    });
  }

  /** Keeps the {@value #TOP_HOSTS} most requested hosts of each school from {@link #hosts()}. */
  public static void foldHosts(AggregateResult hosts, Map<String, SchoolFigures> into) {
    // rows come by count, largest first: the first rows of a school are its top hosts
    for (AggregateRow r : hosts.rows()) {
      SchoolFigures f = into.get(r.keys().get(GroupField.SCHOOL));
      if (f != null && f.topHosts.size() < TOP_HOSTS) {
        String host = r.keys().get(GroupField.HOST);
        f.topHosts.add(new MonthlyReport.Count(host.isEmpty() ? UNKNOWN : host, r.count()));
      }
    }
  }

  /** Adds the identified events from the rows of {@link #users()}. */
  public static void foldUsers(AggregateResult users, Map<String, SchoolFigures> into) {
    for (AggregateRow r : users.rows()) {
      SchoolFigures f = into.get(r.keys().get(GroupField.SCHOOL));
      if (f != null && !r.keys().get(GroupField.USER).isEmpty()) {
        f.identified += r.count();
      }
    }
  }
}
