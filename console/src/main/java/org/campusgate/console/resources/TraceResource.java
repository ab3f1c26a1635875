package org.campusgate.console.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.IpHolder;
import org.campusgate.console.audit.IncidentTrace;
import org.campusgate.console.audit.Timeline;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.policy.apps.App;

/**
 * Incident tracing: {@code GET /api/v1/audit/trace} from one start (a user; an IP and a time; a
 * domain; a URL) to the person, then that person's timeline (access and identity events), the
 * apps involved and the allowed and blocked counts. A domain or URL reached by several users
 * answers the candidates to {@code pick} from; the trace is then asked again with the pick.
 *
 * <p>Who may trace is {@link AuditGate}'s rule for persons' events (responders and inspectors
 * with a case and reason, school-admins within their school); every trace is logged as {@code
 * audit.trace} with the case, the reason, the start and who it led to.
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class TraceResource {
  private final Supplier<AuditStore> store;
  private final AuditGate gate;
  private final Clock clock;
  private final Supplier<ZoneId> zone;
  private final Function<String, String> appNames;

  /** Over the running console's store, admin log, clock and app register. */
  public TraceResource(ConsoleServices s) {
    this(s::store, s.adminLog(), s.clock(), () -> s.policies().liveHolder(s.localSchool())
        .map(h -> h.current().zone()).orElse(ZoneOffset.UTC),
        id -> s.register().current().app(id).map(App::name).orElse(null));
  }

  /**
   * @param zone the time zone of dates in parameters
   * @param appNames an app's name by id, or null when the register does not know it
   */
  public TraceResource(Supplier<AuditStore> store, AdminLog log, Clock clock,
      Supplier<ZoneId> zone, Function<String, String> appNames) {
    this.store = Objects.requireNonNull(store, "store");
    this.gate = new AuditGate(log);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.appNames = Objects.requireNonNull(appNames, "appNames");
  }

  /** Where the trace started: {@code kind} is user, ip, domain or url. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Start(String kind, String user, String ip, Instant at, String domain, String url) {}

  /**
   * A trace. {@code user} is the person traced (null while the start names several or none);
   * then {@code timeline} and {@code usage} are theirs. {@code holder}: for an IP start, who held
   * it and the identity event that says so. {@code candidates}: for a domain or URL start.
   */
  public record TraceView(Start start, Instant from, Instant to, IpHolder holder,
      IncidentTrace.Candidates candidates, String user,
      List<AuditResource.TimelineItem> timeline, boolean timelineTruncated,
      IncidentTrace.Usage usage) {}

  @GET
  @Path("/trace")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public TraceView trace(@BeanParam AuditParams p, @QueryParam("at") String atText,
      @QueryParam("pick") String pickText, @Context SecurityContext sc) {
    AuditGate.Scope scope = gate.admit(Access.user(sc), p, true);
    ZoneId z = zone.get();
    Start start = start(p, atText, z);
    String pick = AuditParams.text("pick", pickText, 128);
    if (pick != null && !(start.kind().equals("domain") || start.kind().equals("url"))) {
      throw AuditParams.bad("bad-start", "pick chooses among the users of a domain or URL");
    }
    AuditParams.Range range = start.at() != null && !p.hasRange() ? dayOf(start.at(), z)
        : p.range(clock, z, AuditParams.MAX_RANGE);
    AuditStore s = AuditResource.open(store);
    IncidentTrace trace = new IncidentTrace(s);

    IpHolder holder = null;
    IncidentTrace.Candidates candidates = null;
    String user;
    switch (start.kind()) {
      case "user" -> user = start.user();
      case "ip" -> {
        holder = AuditResource.call(() -> trace.holder(start.ip(), start.at(), scope.school()),
            false).orElse(null);
        user = holder == null ? null : holder.userId();
      }
      default -> {
        AuditQuery q = AuditQuery.between(range.from(), range.to()).school(scope.school())
            .domain(start.domain()).urlContains(start.url()).build();
        candidates = AuditResource.call(() -> trace.reaching(q), false);
        List<String> names = candidates.users().stream().map(IncidentTrace.Candidate::user)
            .toList();
        if (pick != null && !names.contains(pick)) {
          throw AuditParams.bad("not-a-candidate", pick + " is not among the users who reached "
              + "this " + start.kind() + " in the range");
        }
        user = pick != null ? pick : names.size() == 1 ? names.get(0) : null;
      }
    }

    Map<String, Object> asked = new LinkedHashMap<>(p.asked(range, scope.school()));
    if (start.at() != null) {
      asked.put("at", start.at().toString());
    }
    if (pick != null) {
      asked.put("pick", pick);
    }
    asked.put("traced", user);
    if (candidates != null) {
      asked.put("candidates", candidates.users().stream().map(IncidentTrace.Candidate::user)
          .toList());
    }
    // logged before anything about a person leaves the console
    gate.record(scope, "audit.trace", target(start), asked);
    if (user == null) {
      return new TraceView(start, range.from(), range.to(), holder, candidates, null, null, false,
          null);
    }
    Timeline t = AuditResource.call(() -> Timeline.of(s, scope.school(), user, range.from(),
        range.to(), AuditResource.MAX_TIMELINE_EVENTS), false);
    AuditQuery mine = AuditQuery.between(range.from(), range.to()).school(scope.school())
        .user(user).build();
    IncidentTrace.Usage usage = AuditResource.call(() -> trace.usage(mine, appNames), false);
    return new TraceView(start, range.from(), range.to(), holder, candidates, user,
        AuditResource.TimelineItem.of(t), t.truncated(), usage);
  }

  /** The one start the request gives, or 400 {@code bad-start}. */
  private static Start start(AuditParams p, String atText, ZoneId zone) {
    String user = p.user();
    String ip = p.ip();
    String domain = p.domain();
    String url = p.url();
    long given = java.util.stream.Stream.of(user, ip, domain, url).filter(Objects::nonNull)
        .count();
    if (given != 1) {
      throw AuditParams.bad("bad-start", "give one start: user, ip (with at), domain or url");
    }
    Instant at = AuditParams.time("at", atText, zone, false);
    if (ip != null && at == null) {
      throw AuditParams.bad("bad-time", "an ip start needs at: the moment, e.g. "
          + "2026-10-12T08:10:00Z");
    }
    if (ip == null && at != null) {
      throw AuditParams.bad("bad-start", "at goes with an ip start");
    }
    String kind = user != null ? "user" : ip != null ? "ip" : domain != null ? "domain" : "url";
    return new Start(kind, user, ip, at, domain, url);
  }

  /** The calendar day of {@code at}: an IP start without a range traces that day. */
  private static AuditParams.Range dayOf(Instant at, ZoneId zone) {
    LocalDate day = at.atZone(zone).toLocalDate();
    return new AuditParams.Range(day.atStartOfDay(zone).toInstant(),
        day.plusDays(1).atStartOfDay(zone).toInstant());
  }

  private static String target(Start s) {
    return switch (s.kind()) {
      case "user" -> "audit:user:" + s.user();
      case "ip" -> "audit:ip:" + s.ip();
      case "domain" -> "audit:domain:" + s.domain();
      default -> "audit:url";
    };
  }
}
