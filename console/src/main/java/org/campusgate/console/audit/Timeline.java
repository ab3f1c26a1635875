package org.campusgate.console.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.SearchPage;
import org.campusgate.audit.SortOrder;
import org.campusgate.audit.StoredEvent;

/**
 * A user's access events and identity events (logins, IP bindings) over a range, interleaved
 * oldest first: the one place a timeline is put together, for the audit timeline and the
 * incident trace alike. Access events are read page by page up to a bound.
 *
 * @param entries the events, oldest first; access events keep their journal order among equal
 *     times
 * @param truncated whether more access events exist than were read
 */
public record Timeline(List<Entry> entries, boolean truncated) {

  /** One entry: exactly one of {@code access} and {@code identity} is set. */
  public record Entry(Instant at, StoredEvent access, IdentityEvent identity) {}

  public Timeline {
    entries = List.copyOf(entries);
  }

  /**
   * Reads the timeline of {@code user} in {@code [from, to)}.
   *
   * @param school the school the events must belong to, or null for all schools
   * @param maxAccess the access events read before stopping (at most one page more)
   * @throws IllegalArgumentException when the store rejects the query
   */
  public static Timeline of(AuditStore store, String school, String user, Instant from,
      Instant to, int maxAccess) {
    Objects.requireNonNull(user, "user");
    AuditQuery q = AuditQuery.between(from, to).school(school).user(user)
        .order(SortOrder.OLDEST_FIRST).limit(AuditQuery.MAX_LIMIT).build();
    List<Entry> entries = new ArrayList<>();
    SearchPage page = store.search(q);
    int access = 0;
    boolean truncated = false;
    while (true) {
      for (StoredEvent e : page.events()) {
        entries.add(new Entry(e.event().timestamp(), e, null));
        access++;
      }
      if (page.next() == null) {
        break;
      }
      if (access >= maxAccess) {
        truncated = true;
        break;
      }
      page = store.search(q.withCursor(page.next()));
    }
    for (IdentityEvent e : store.identityEvents(from, to, user)) {
      if (school == null || school.equals(e.schoolId())) {
        entries.add(new Entry(e.timestamp(), null, e));
      }
    }
    // a stable sort: access events keep their journal order among equal times
    entries.sort(Comparator.comparing(Entry::at));
    return new Timeline(entries, truncated);
  }
}
