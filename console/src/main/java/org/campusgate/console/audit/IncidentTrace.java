package org.campusgate.console.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.campusgate.audit.AggregateRow;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.IpHolder;
import org.campusgate.audit.TimeBucket;

/**
 * The steps of tracing an incident to a person, each over the audit store: from an address and
 * a moment to who held it; from a domain or URL to the users who reached it (with counts, to
 * pick from); and for one user, the apps involved and the allowed and blocked counts. The
 * user's timeline itself is {@link Timeline}'s. Who may trace, and the admin-log entry, are the
 * resource's.
 */
public final class IncidentTrace {
  /** The most users a domain or URL resolves to; the busiest come first. */
  public static final int MAX_CANDIDATES = 50;

  private final AuditStore store;

  public IncidentTrace(AuditStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** A user who reached the start: how many of their events matched, how many were blocked. */
  public record Candidate(String user, long events, long blocked) {}

  /** The users who reached a start, busiest first; {@code truncated} when there were more. */
  public record Candidates(List<Candidate> users, boolean truncated) {}

  /** How a user used one app: events allowed, blocked and stopped for sign-in. */
  public record AppUse(String appId, String name, long allowed, long blocked, long authRequired) {}

  /** A user's counts over the trace's range, and per app (the most used first). */
  public record Usage(long allowed, long blocked, long authRequired, List<AppUse> apps) {}

  /**
   * Who held {@code ip} at {@code at}; with a school, only when the identity event that granted
   * the hold is that school's (a school-bound caller never learns another school's users).
   */
  public Optional<IpHolder> holder(String ip, Instant at, String school) {
    return store.whoHad(ip, at).filter(h -> school == null || store.identityEvents(h.since(),
            h.since().plusMillis(1), h.userId()).stream()
        .anyMatch(e -> e.eventId().equals(h.evidenceEventId()) && school.equals(e.schoolId())));
  }

  /**
   * The users with events matching {@code query} (a domain or URL filter over a range), by
   * number of events, at most {@value #MAX_CANDIDATES}; events without a user are left out.
   */
  public Candidates reaching(AuditQuery query) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (AggregateRow r : store.aggregate(query, List.of(GroupField.USER, GroupField.ACTION),
        TimeBucket.NONE, java.time.ZoneOffset.UTC).rows()) {
      String user = r.keys().get(GroupField.USER);
      if (user == null || user.isEmpty()) {
        continue;
      }
      long[] c = counts.computeIfAbsent(user, u -> new long[2]);
      c[0] += r.count();
      if ("BLOCK".equals(r.keys().get(GroupField.ACTION))) {
        c[1] += r.count();
      }
    }
    List<Candidate> all = new ArrayList<>();
    counts.forEach((user, c) -> all.add(new Candidate(user, c[0], c[1])));
    all.sort(Comparator.comparingLong(Candidate::events).reversed()
        .thenComparing(Candidate::user));
    return new Candidates(all.stream().limit(MAX_CANDIDATES).toList(),
        all.size() > MAX_CANDIDATES);
  }

  /**
   * What {@code query} (one user over a range) counts: by action, and per app named by
   * {@code appNames} (an app no longer in the register keeps its id as its name).
   */
  public Usage usage(AuditQuery query, Function<String, String> appNames) {
    long[] total = new long[3];
    Map<String, long[]> perApp = new LinkedHashMap<>();
    for (AggregateRow r : store.aggregate(query, List.of(GroupField.APP, GroupField.ACTION),
        TimeBucket.NONE, java.time.ZoneOffset.UTC).rows()) {
      int i = switch (r.keys().get(GroupField.ACTION)) {
        case "ALLOW" -> 0;
        case "BLOCK" -> 1;
        default -> 2;
      };
      total[i] += r.count();
      String app = r.keys().get(GroupField.APP);
      if (app != null && !app.isEmpty()) {
        perApp.computeIfAbsent(app, a -> new long[3])[i] += r.count();
      }
    }
    List<AppUse> apps = new ArrayList<>();
    perApp.forEach((id, c) -> apps.add(new AppUse(id,
        Optional.ofNullable(appNames.apply(id)).orElse(id), c[0], c[1], c[2])));
    apps.sort(Comparator.comparingLong((AppUse a) -> a.allowed() + a.blocked() + a.authRequired())
        .reversed().thenComparing(AppUse::appId));
    return new Usage(total[0], total[1], total[2], apps);
  }
}
