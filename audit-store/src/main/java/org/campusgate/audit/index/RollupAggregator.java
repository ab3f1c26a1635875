package org.campusgate.audit.index;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.TimeBucket;

/**
 * The roll-up path of an aggregate: answers from the hourly roll-ups when they hold exactly
 * what is asked — filters on roll-up keys only, grouping by roll-up keys only, and a range and
 * buckets made of whole UTC hours.
 */
final class RollupAggregator {
  private static final Set<GroupField> ROLLED_UP = EnumSet.of(GroupField.SCHOOL,
      GroupField.GROUP, GroupField.CATEGORY, GroupField.APP, GroupField.ACTION,
      GroupField.REASON);

  private final AuditQuery query;
  private final List<GroupField> groupBy;
  private final BucketClock clock;
  private final RowAccumulator rows;
  private final long from;
  private final long to;
  private final String[] values;
  private final List<String> valueList;
  private final int groupIndex;

  RollupAggregator(AuditQuery query, List<GroupField> groupBy, BucketClock clock,
      RowAccumulator rows) {
    this.query = query;
    this.groupBy = groupBy;
    this.clock = clock;
    this.rows = rows;
    this.from = query.from().toEpochMilli();
    this.to = query.to().toEpochMilli();
    this.values = new String[groupBy.size()];
    this.valueList = java.util.Arrays.asList(values);
    this.groupIndex = groupBy.indexOf(GroupField.GROUP);
  }

  /** Whether the roll-ups can answer this aggregate exactly. */
  static boolean eligible(AuditQuery q, List<GroupField> groupBy, TimeBucket bucket,
      ZoneId zone) {
    boolean filtersRolledUp = q.userId() == null && q.clientIp() == null && q.host() == null
        && q.domain() == null && q.urlContains() == null
        && q.providerFiling() == null && q.schoolFiling() == null
        // roll-ups store a missing value as "": a filter on "" would match it, the scan not
        && !"".equals(q.schoolId()) && !"".equals(q.category()) && !"".equals(q.appId())
        && !"".equals(q.action()) && !"".equals(q.reason()) && !"".equals(q.group());
    return filtersRolledUp
        && ROLLED_UP.containsAll(groupBy)
        && wholeHour(q.from()) && wholeHour(q.to())
        && (bucket == TimeBucket.NONE || bucketsOnUtcHours(zone, q.from(), q.to()));
  }

  private static boolean wholeHour(Instant t) {
    return Math.floorMod(t.toEpochMilli(), RollupKey.HOUR_MILLIS) == 0;
  }

  /** Whether every local hour and midnight of the zone in the range is a whole UTC hour. */
  private static boolean bucketsOnUtcHours(ZoneId zone, Instant from, Instant to) {
    ZoneRules rules = zone.getRules();
    if (rules.getOffset(from).getTotalSeconds() % 3600 != 0) {
      return false;
    }
    Instant t = from;
    for (int i = 0; i < 10_000; i++) { // a zone changes offset a few times a year at most
      ZoneOffsetTransition next = rules.nextTransition(t);
      if (next == null || !next.getInstant().isBefore(to)) {
        return true;
      }
      if (next.getOffsetAfter().getTotalSeconds() % 3600 != 0) {
        return false;
      }
      t = next.getInstant();
    }
    return false;
  }

  /** Adds one day's roll-ups that fall in the range and match the filters. */
  void collect(Map<RollupKey, RollupSums> day) {
    for (Map.Entry<RollupKey, RollupSums> e : day.entrySet()) {
      RollupKey k = e.getKey();
      if (k.hourStartMillis() < from || k.hourStartMillis() >= to || !matches(k)) {
        continue;
      }
      long bucket = clock.start(k.hourStartMillis());
      RollupSums s = e.getValue();
      for (int i = 0; i < values.length; i++) {
        values[i] = i == groupIndex ? null : value(k, groupBy.get(i));
      }
      if (groupIndex < 0) {
        rows.add(bucket, valueList, s.count(), s.bytesUp(), s.bytesDown());
      } else if (k.groups().isEmpty()) {
        values[groupIndex] = "";
        rows.add(bucket, valueList, s.count(), s.bytesUp(), s.bytesDown());
      } else {
        for (String g : k.groups()) {
          values[groupIndex] = g;
          rows.add(bucket, valueList, s.count(), s.bytesUp(), s.bytesDown());
        }
      }
    }
  }

  private boolean matches(RollupKey k) {
    return eq(query.schoolId(), k.school()) && eq(query.category(), k.category())
        && eq(query.appId(), k.app()) && eq(query.action(), k.action())
        && eq(query.reason(), k.reason())
        && (query.group() == null || k.groups().contains(query.group()));
  }

  private static boolean eq(String filter, String value) {
    return filter == null || filter.equals(value);
  }

  private static String value(RollupKey k, GroupField f) {
    return switch (f) {
      case SCHOOL -> k.school();
      case CATEGORY -> k.category();
      case APP -> k.app();
      case ACTION -> k.action();
      case REASON -> k.reason();
      default -> throw new IllegalStateException(f + " is not rolled up");
    };
  }
}
