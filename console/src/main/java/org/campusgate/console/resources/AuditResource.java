package org.campusgate.console.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AggregateResult;
import org.campusgate.audit.AggregateRow;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.IpHolder;
import org.campusgate.audit.SearchPage;
import org.campusgate.audit.StoredEvent;
import org.campusgate.audit.TimeBucket;
import org.campusgate.console.audit.EventCsv;
import org.campusgate.console.audit.IncidentTrace;
import org.campusgate.console.audit.IntegrityDays;
import org.campusgate.console.audit.Timeline;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.ConsoleServices;

/**
 * Audit search: events by filters with cursor paging, their CSV export, aggregates, who held an
 * address at a moment, a user's timeline and the integrity status of days. Who may see what and
 * the admin-log entries are {@link AuditGate}'s; parameters are checked by {@link AuditParams}.
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  /** The most rows one CSV export holds. */
  static final int MAX_CSV_ROWS = 100_000;
  /** The most access events one timeline holds. */
  static final int MAX_TIMELINE_EVENTS = 5_000;
  /** The most aggregate rows one answer holds. */
  static final int MAX_AGGREGATE_ROWS = 10_000;
  /** The longest range the integrity status is computed for (verify rehashes every record). */
  static final Duration MAX_INTEGRITY_RANGE = Duration.ofDays(31);

  private final Supplier<AuditStore> store;
  private final AuditGate gate;
  private final Clock clock;
  private final Supplier<ZoneId> zone;
  private final IntegrityDays integrity;

  /** Over the running console's store, admin log and clock; days follow the school's zone. */
  public AuditResource(ConsoleServices s) {
    this(s::store, s.adminLog(), s.clock(), () -> s.policies().liveHolder(s.localSchool())
        .map(h -> h.current().zone()).orElse(ZoneOffset.UTC));
  }

  /**
   * @param zone the time zone of dates in parameters, of day buckets and of integrity days
   */
  public AuditResource(Supplier<AuditStore> store, AdminLog log, Clock clock,
      Supplier<ZoneId> zone) {
    this.store = Objects.requireNonNull(store, "store");
    this.gate = new AuditGate(log);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.integrity = new IntegrityDays(store, clock, 1000);
  }

  /** An access event with its journal sequence number; the event's fields sit beside seq. */
  public record EventView(long seq, @JsonUnwrapped AccessEvent event) {
    static EventView of(StoredEvent e) {
      return new EventView(e.seq(), e.event());
    }
  }

  /** One page of a search. */
  public record EventsPage(Instant from, Instant to, List<EventView> events, String next,
      long total) {}

  /** One aggregate row: the bucket start (null without time buckets), keys by field name. */
  public record RowView(Instant bucket, Map<String, String> keys, long count, long bytesUp,
      long bytesDown) {}

  /** An aggregate's rows, at most {@value #MAX_AGGREGATE_ROWS}; {@code truncated} when more. */
  public record AggregateView(Instant from, Instant to, List<String> by, List<RowView> rows,
      boolean truncated, boolean fromRollups) {}

  /** Who held {@code ip} at {@code at}; {@code holder} is null when nobody is known to. */
  public record WhoHadView(String ip, Instant at, IpHolder holder) {}

  /** One entry of a timeline: an access event or an identity event (login, binding). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TimelineItem(String type, Instant at, EventView access, IdentityEvent identity) {
    static List<TimelineItem> of(Timeline t) {
      return t.entries().stream().map(e -> e.access() != null
          ? new TimelineItem("access", e.at(), EventView.of(e.access()), null)
          : new TimelineItem("identity", e.at(), null, e.identity())).toList();
    }
  }

  /** A user's timeline, oldest first; {@code truncated} when it holds the most access events. */
  public record TimelineView(String user, Instant from, Instant to, List<TimelineItem> items,
      boolean truncated) {}

  /** The integrity status of each day of a range; {@code intact} when every day is. */
  public record IntegrityView(ZoneId zone, List<IntegrityDays.DayStatus> days, boolean intact) {}

  @GET
  @Path("/events")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public EventsPage events(@BeanParam AuditParams p, @Context SecurityContext sc) {
    AuditGate.Scope scope = gate.admit(Access.user(sc), p, true);
    AuditParams.Range range = p.range(clock, zone.get(), AuditParams.MAX_RANGE);
    AuditQuery q = p.query(range, scope.school()).build();
    gate.record(scope, "audit.search", target(p), p.asked(range, scope.school()));
    SearchPage page = call(() -> store().search(q), q.cursor() != null);
    return new EventsPage(range.from(), range.to(),
        page.events().stream().map(EventView::of).toList(), page.next(), page.total());
  }

  @GET
  @Path("/events.csv")
  @Produces("text/csv; charset=utf-8")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public Response csv(@BeanParam AuditParams p, @Context SecurityContext sc) {
    AuditGate.Scope scope = gate.admit(Access.user(sc), p, true);
    AuditParams.Range range = p.range(clock, zone.get(), AuditParams.MAX_RANGE);
    AuditQuery q = p.query(range, scope.school()).limit(AuditQuery.MAX_LIMIT).cursor(null).build();
    gate.record(scope, "audit.export", target(p), p.asked(range, scope.school()));
    // the first page before the answer starts: bad filters still answer 400, and the total is known
    SearchPage first = call(() -> store().search(q), false);
    StreamingOutput body = out -> {
      try (EventCsv csv = new EventCsv(out)) {
        SearchPage page = first;
        int written = 0;
        while (true) {
          for (StoredEvent e : page.events()) {
            if (written++ == MAX_CSV_ROWS) {
              return;
            }
            csv.write(e);
          }
          csv.flush();
          if (page.next() == null || written >= MAX_CSV_ROWS) {
            return;
          }
          page = store().search(q.withCursor(page.next()));
        }
      }
    };
    String name = "audit-" + range.from().atZone(zone.get()).toLocalDate() + ".csv";
    return Response.ok(body, "text/csv; charset=utf-8")
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
        .header("X-Total-Count", first.total())
        .header("X-Truncated", first.total() > MAX_CSV_ROWS)
        .build();
  }

  @GET
  @Path("/aggregates")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public AggregateView aggregates(@BeanParam AuditParams p, @QueryParam("by") String by,
      @Context SecurityContext sc) {
    Grouping g = Grouping.parse(by);
    boolean persons = g.fields().contains(GroupField.USER) || p.namesPerson();
    AuditGate.Scope scope = gate.admit(Access.user(sc), p, persons);
    AuditParams.Range range = p.range(clock, zone.get(), AuditParams.MAX_RANGE);
    AuditQuery q = p.query(range, scope.school()).cursor(null).build();
    if (persons || scope.caseRef() != null) {
      Map<String, Object> asked = p.asked(range, scope.school());
      asked.put("by", g.names());
      gate.record(scope, "audit.aggregate", target(p), asked);
    }
    AggregateResult r = call(() -> store().aggregate(q, g.fields(), g.bucket(), zone.get()), false);
    List<RowView> rows = r.rows().stream().limit(MAX_AGGREGATE_ROWS).map(AuditResource::row)
        .toList();
    return new AggregateView(range.from(), range.to(), g.names(), rows,
        r.rows().size() > MAX_AGGREGATE_ROWS, r.fromRollups());
  }

  @GET
  @Path("/who-had")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.RESPONDER})
  public WhoHadView whoHad(@BeanParam AuditParams p, @QueryParam("at") String atText,
      @Context SecurityContext sc) {
    AuditGate.Scope scope = gate.admit(Access.user(sc), p, true);
    String ip = p.ip();
    if (ip == null) {
      throw AuditParams.bad("bad-ip", "ip is required");
    }
    Instant at = AuditParams.time("at", atText, zone.get(), false);
    if (at == null) {
      throw AuditParams.bad("bad-time", "at is required: an ISO-8601 instant");
    }
    Map<String, Object> asked = p.asked(null, scope.school());
    asked.put("at", at.toString());
    gate.record(scope, "audit.who-had", "audit:ip:" + ip, asked);
    Optional<IpHolder> holder = call(() -> new IncidentTrace(store()).holder(ip, at,
        scope.school()), false);
    return new WhoHadView(ip, at, holder.orElse(null));
  }

  @GET
  @Path("/timeline")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public TimelineView timeline(@BeanParam AuditParams p, @Context SecurityContext sc) {
    AuditGate.Scope scope = gate.admit(Access.user(sc), p, true);
    String user = p.user();
    if (user == null) {
      throw AuditParams.bad("bad-request", "user is required");
    }
    AuditParams.Range range = p.range(clock, zone.get(), AuditParams.MAX_RANGE);
    Map<String, Object> asked = new LinkedHashMap<>(p.asked(range, scope.school()));
    gate.record(scope, "audit.timeline", "audit:user:" + user, asked);
    Timeline t = call(() -> Timeline.of(store(), scope.school(), user, range.from(), range.to(),
        MAX_TIMELINE_EVENTS), false);
    return new TimelineView(user, range.from(), range.to(), TimelineItem.of(t), t.truncated());
  }

  @GET
  @Path("/integrity")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public IntegrityView integrity(@BeanParam AuditParams p) {
    ZoneId z = zone.get();
    AuditParams.Range range = p.range(clock, z, MAX_INTEGRITY_RANGE);
    LocalDate first = range.from().atZone(z).toLocalDate();
    LocalDate last = range.to().minusNanos(1).atZone(z).toLocalDate();
    List<IntegrityDays.DayStatus> days = call(() -> integrity.days(first, last, z), false);
    return new IntegrityView(z, days, days.stream().allMatch(IntegrityDays.DayStatus::intact));
  }

  private AuditStore store() {
    return open(store);
  }

  /** The open store, or 503 {@code store-unavailable}. */
  static AuditStore open(Supplier<AuditStore> store) {
    AuditStore s = store.get();
    if (s == null) {
      throw Access.fail(Response.Status.SERVICE_UNAVAILABLE, "store-unavailable",
          "the audit store is not open");
    }
    return s;
  }

  /** Runs a store call: what the store rejects is bad input (400); an I/O failure is 503. */
  static <T> T call(Supplier<T> work, boolean withCursor) {
    try {
      return work.get();
    } catch (IllegalArgumentException e) {
      throw AuditParams.bad(withCursor ? "bad-cursor" : "bad-request", e.getMessage());
    } catch (UncheckedIOException e) {
      throw Access.fail(Response.Status.SERVICE_UNAVAILABLE, "store-unavailable",
          "the audit store cannot be read: " + e.getMessage());
    }
  }

  /** What the admin log names as the target: the user, else the address, else the filters. */
  private static String target(AuditParams p) {
    if (p.user() != null) {
      return "audit:user:" + p.user();
    }
    return p.ip() != null ? "audit:ip:" + p.ip() : "audit:events";
  }

  private static RowView row(AggregateRow r) {
    Map<String, String> keys = new LinkedHashMap<>();
    new EnumMap<>(r.keys()).forEach((f, v) -> keys.put(f.name().toLowerCase(Locale.ROOT), v));
    return new RowView(r.bucketStart(), keys, r.count(), r.bytesUp(), r.bytesDown());
  }

  /** The {@code by} parameter: up to three fields and one time bucket, comma-separated. */
  record Grouping(List<GroupField> fields, TimeBucket bucket, List<String> names) {
    static Grouping parse(String by) {
      String text = AuditParams.text("by", by, 100);
      List<GroupField> fields = new ArrayList<>();
      TimeBucket bucket = TimeBucket.NONE;
      List<String> names = new ArrayList<>();
      for (String raw : (text == null ? "category" : text).split(",")) {
        String name = raw.strip().toLowerCase(Locale.ROOT);
        switch (name) {
          case "hour", "day", "month" -> {
            if (bucket != TimeBucket.NONE) {
              throw AuditParams.bad("bad-group", "by names more than one time bucket");
            }
            bucket = TimeBucket.valueOf(name.toUpperCase(Locale.ROOT));
          }
          case "school", "group", "user", "host", "category", "app", "action", "reason", "rule" -> {
            GroupField f = GroupField.valueOf(name.toUpperCase(Locale.ROOT));
            if (fields.contains(f)) {
              throw AuditParams.bad("bad-group", "by names " + name + " twice");
            }
            fields.add(f);
          }
          default -> throw AuditParams.bad("bad-group", "by takes school, group, user, host, "
              + "category, app, action, reason, rule, hour, day or month; not '" + name + "'");
        }
        names.add(name);
      }
      if (fields.size() > 3) {
        throw AuditParams.bad("bad-group", "by names at most three fields and one time bucket");
      }
      return new Grouping(List.copyOf(fields), bucket, List.copyOf(names));
    }
  }
}
