package org.campusgate.console.core;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.campusgate.audit.AggregateRow;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.TimeBucket;
import org.campusgate.console.api.DashboardView;
import org.campusgate.policy.Action;

/**
 * Computes a school's dashboard from audit-store aggregates: requests and blocks per bucket
 * (answered from the hourly roll-ups when the range allows), the most blocked categories and
 * hosts, and how many distinct identified users were active. User ids are counted here and
 * never leave this class.
 */
public final class SchoolDashboard {
  /** The zone of a school without a running policy (the district's). */
  public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");
  private static final String BLOCK = Action.BLOCK.name();

  private final AuditStore store;

  public SchoolDashboard(AuditStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The dashboard of {@code school} over {@code range}, with the {@code top} largest of each list. */
  public DashboardView compute(String school, DashboardRange range, int top) {
    ZoneId zone = range.zone();
    AuditQuery all = AuditQuery.between(range.from(), range.to()).school(school).build();
    AuditQuery blocked = AuditQuery.between(range.from(), range.to()).school(school)
        .action(BLOCK).build();

    Map<Instant, long[]> buckets = new LinkedHashMap<>(); // requests, blocked, active users
    for (Instant start : range.bucketStarts()) {
      buckets.put(start, new long[3]);
    }
    long requests = 0;
    long blocks = 0;
    for (AggregateRow r : store.aggregate(all, List.of(GroupField.ACTION), range.bucket(), zone)
        .rows()) {
      long[] b = buckets.get(r.bucketStart());
      boolean block = BLOCK.equals(r.keys().get(GroupField.ACTION));
      requests += r.count();
      blocks += block ? r.count() : 0;
      if (b != null) {
        b[0] += r.count();
        b[1] += block ? r.count() : 0;
      }
    }
    Set<String> users = new HashSet<>();
    for (AggregateRow r : store.aggregate(all, List.of(GroupField.USER), range.bucket(), zone)
        .rows()) {
      String user = r.keys().get(GroupField.USER);
      if (user == null || user.isEmpty()) {
        continue; // unidentified clients are not users
      }
      users.add(user);
      long[] b = buckets.get(r.bucketStart());
      if (b != null) {
        b[2]++;
      }
    }
    List<DashboardView.Point> series = buckets.entrySet().stream()
        .map(e -> new DashboardView.Point(e.getKey(), e.getValue()[0], e.getValue()[1],
            e.getValue()[2]))
        .toList();
    double rate = requests == 0 ? 0 : Math.round(blocks * 10_000.0 / requests) / 10_000.0;
    return new DashboardView(school, range.from(), range.to(), zone.getId(),
        range.bucket().name().toLowerCase(Locale.ROOT),
        new DashboardView.Totals(requests, blocks, rate, users.size()), series,
        top(blocked, GroupField.CATEGORY, zone, top), top(blocked, GroupField.HOST, zone, top));
  }

  private List<DashboardView.Top> top(AuditQuery blocked, GroupField field, ZoneId zone, int n) {
    // rows of one bucket come largest first
    return store.aggregate(blocked, List.of(field), TimeBucket.NONE, zone).rows().stream()
        .limit(n)
        .map(r -> {
          String name = r.keys().get(field);
          return new DashboardView.Top(name == null || name.isEmpty() ? null : name, r.count());
        })
        .toList();
  }
}
