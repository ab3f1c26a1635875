package org.campusgate.audit.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.SortOrder;

/** The obvious in-memory answer to a query, to check the index against. */
final class Oracle {
  private Oracle() {}

  static List<Long> matches(Map<Long, AccessEvent> events, AuditQuery q) {
    List<Map.Entry<Long, AccessEvent>> hits = new ArrayList<>();
    for (Map.Entry<Long, AccessEvent> e : events.entrySet()) {
      if (matches(e.getValue(), q)) {
        hits.add(e);
      }
    }
    Comparator<Map.Entry<Long, AccessEvent>> byTime =
        Comparator.<Map.Entry<Long, AccessEvent>, Instant>comparing(e -> e.getValue().timestamp())
            .thenComparing(Map.Entry::getKey);
    hits.sort(q.order() == SortOrder.OLDEST_FIRST ? byTime : byTime.reversed());
    return hits.stream().map(Map.Entry::getKey).toList();
  }

  static boolean matches(AccessEvent e, AuditQuery q) {
    return !e.timestamp().isBefore(q.from()) && e.timestamp().isBefore(q.to())
        && eq(q.schoolId(), e.schoolId()) && eq(q.userId(), e.userId())
        && eq(q.clientIp(), e.clientIp()) && eq(q.host(), e.host())
        && eq(q.action(), e.action()) && eq(q.reason(), e.reason())
        && eq(q.category(), e.category()) && eq(q.appId(), e.appId())
        && (q.group() == null || e.groups().contains(q.group()))
        && (q.domain() == null || (e.host() != null
            && (e.host().equals(q.domain()) || e.host().endsWith("." + q.domain()))))
        && (q.urlContains() == null || (e.url() != null && e.url().toLowerCase(Locale.ROOT)
            .contains(q.urlContains().toLowerCase(Locale.ROOT))));
  }

  private static boolean eq(String filter, String value) {
    return filter == null || Objects.equals(filter, value);
  }
}
