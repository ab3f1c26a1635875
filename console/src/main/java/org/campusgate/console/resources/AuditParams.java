package org.campusgate.console.resources;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.SortOrder;
import org.campusgate.audit.net.StrictIp;
import org.campusgate.console.core.TimeText;

/**
 * The query parameters the audit endpoints share, read as text and checked here so that bad
 * input answers 400 with a code naming what is wrong (Jersey's own conversion would answer 404).
 *
 * <p>{@code reason} is the caller's justification (with {@code case}, the case reference); the
 * filter on the decision's reason code is {@code reasonCode}.
 */
public final class AuditParams {
  /** The longest time range one request covers. */
  static final Duration MAX_RANGE = Duration.ofDays(366);
  static final Duration DEFAULT_RANGE = Duration.ofHours(24);
  private static final Set<String> ACTIONS = Set.of("ALLOW", "BLOCK", "AUTH_REQUIRED");
  private static final Pattern REASON_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
  private static final Pattern SCHOOL = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  @QueryParam("from") String from;
  @QueryParam("to") String to;
  @QueryParam("school") String school;
  @QueryParam("user") String user;
  @QueryParam("ip") String ip;
  @QueryParam("host") String host;
  @QueryParam("domain") String domain;
  @QueryParam("url") String url;
  @QueryParam("action") String action;
  @QueryParam("reasonCode") String reasonCode;
  @QueryParam("category") String category;
  @QueryParam("app") String app;
  @QueryParam("group") String group;
  @QueryParam("order") String order;
  @QueryParam("limit") String limit;
  @QueryParam("cursor") String cursor;
  @QueryParam("case") String caseRef;
  @QueryParam("reason") String reason;

  /** A checked time range: {@code from} inclusive, {@code to} exclusive. */
  record Range(Instant from, Instant to) {}

  /**
   * The time range: ISO-8601 instants ({@code 2026-10-12T08:00:00Z}, or with an offset), local
   * date-times and dates in {@code zone}; a date as {@code to} includes that day. Without
   * {@code to}: now; without {@code from}: 24 hours before {@code to}.
   */
  Range range(Clock clock, ZoneId zone, Duration max) {
    Instant end = time("to", to, zone, true);
    end = end == null ? clock.instant() : end;
    Instant start = time("from", from, zone, false);
    start = start == null ? end.minus(DEFAULT_RANGE) : start;
    if (!start.isBefore(end)) {
      throw bad("bad-range", "from (" + start + ") must be before to (" + end + ")");
    }
    if (Duration.between(start, end).compareTo(max) > 0) {
      throw bad("range-too-long", "the time range may span at most " + max.toDays() + " days");
    }
    return new Range(start, end);
  }

  /** A time parameter, or null when absent; {@code end}: a date means the end of that day. */
  static Instant time(String name, String value, ZoneId zone, boolean end) {
    String v = text(name, value, 40);
    if (v == null) {
      return null;
    }
    try {
      return TimeText.parse(v, zone, end, true);
    } catch (DateTimeException e) {
      throw bad("bad-time", name + " must be an ISO-8601 instant or date, not '" + v + "'");
    }
  }

  /** The page size: 1..{@value AuditQuery#MAX_LIMIT}, default {@value AuditQuery#DEFAULT_LIMIT}. */
  int limit() {
    String v = text("limit", limit, 10);
    if (v == null) {
      return AuditQuery.DEFAULT_LIMIT;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 1 && n <= AuditQuery.MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw bad("bad-limit", "limit must be a number from 1 to " + AuditQuery.MAX_LIMIT);
  }

  /** The school asked for, checked for form (not existence: the store may hold other schools). */
  String school() {
    String v = text("school", school, 64);
    if (v != null && !SCHOOL.matcher(v).matches()) {
      throw bad("bad-school", "school must be a school id such as demo-school");
    }
    return v;
  }

  String caseRef() {
    return text("case", caseRef, 100);
  }

  String reason() {
    return text("reason", reason, 500);
  }

  String user() {
    return text("user", user, 128);
  }

  /** The client address in its canonical form, or null. */
  String ip() {
    return address("ip", ip);
  }

  /** The domain asked for (it and its subdomains), lower case, or null. */
  String domain() {
    return hostName("domain", domain);
  }

  /** The URL text asked for (a case-insensitive substring), or null. */
  String url() {
    return text("url", url, 256);
  }

  /** Whether the request gives {@code from} or {@code to}. */
  boolean hasRange() {
    return text("from", from, 40) != null || text("to", to, 40) != null;
  }

  /** Whether the request names a person: a user or a client address. */
  boolean namesPerson() {
    return user() != null || ip() != null;
  }

  /**
   * The query over {@code range} with every filter given, in {@code school} (null: all schools).
   */
  AuditQuery.Builder query(Range range, String forSchool) {
    AuditQuery.Builder q = AuditQuery.between(range.from(), range.to())
        .school(forSchool)
        .user(user())
        .clientIp(ip())
        .host(hostName("host", host))
        .domain(hostName("domain", domain))
        .urlContains(text("url", url, 256))
        .action(action())
        .reason(reasonCode())
        .category(text("category", category, 128))
        .app(text("app", app, 128))
        .group(text("group", group, 128))
        .order(order())
        .limit(limit());
    String c = text("cursor", cursor, 512);
    return c == null ? q : q.cursor(c);
  }

  /** What was asked, for the admin log: every parameter given, in a fixed order. */
  Map<String, Object> asked(Range range, String forSchool) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("case", caseRef());
    m.put("reason", reason());
    m.put("from", range == null ? null : range.from().toString());
    m.put("to", range == null ? null : range.to().toString());
    m.put("school", forSchool);
    m.put("user", user());
    m.put("ip", ip());
    m.put("host", text("host", host, 253));
    m.put("domain", text("domain", domain, 253));
    m.put("url", text("url", url, 256));
    m.put("action", text("action", action, 20));
    m.put("reasonCode", text("reasonCode", reasonCode, 64));
    m.put("category", text("category", category, 128));
    m.put("app", text("app", app, 128));
    m.put("group", text("group", group, 128));
    m.values().removeIf(v -> v == null);
    return m;
  }

  private String action() {
    String v = text("action", action, 20);
    if (v == null) {
      return null;
    }
    String upper = v.toUpperCase(Locale.ROOT);
    if (!ACTIONS.contains(upper)) {
      throw bad("bad-action", "action must be ALLOW, BLOCK or AUTH_REQUIRED");
    }
    return upper;
  }

  private String reasonCode() {
    String v = text("reasonCode", reasonCode, 64);
    if (v == null) {
      return null;
    }
    String upper = v.toUpperCase(Locale.ROOT);
    if (!REASON_CODE.matcher(upper).matches()) {
      throw bad("bad-reason-code", "reasonCode must be a reason code such as CATEGORY_BLOCKED");
    }
    return upper;
  }

  private SortOrder order() {
    String v = text("order", order, 10);
    if (v == null || v.equals("newest")) {
      return SortOrder.NEWEST_FIRST;
    }
    if (v.equals("oldest")) {
      return SortOrder.OLDEST_FIRST;
    }
    throw bad("bad-request", "order must be newest or oldest");
  }

  /** A host name as the gateway records it: lower case, no trailing dot. */
  private static String hostName(String name, String value) {
    String v = text(name, value, 253);
    if (v == null) {
      return null;
    }
    v = v.toLowerCase(Locale.ROOT);
    return v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
  }

  /** A single IPv4/IPv6 address, canonical; null when absent; 400 {@code bad-ip} otherwise. */
  static String address(String name, String value) {
    String v = text(name, value, 64);
    if (v == null) {
      return null;
    }
    IPAddress a = new IPAddressString(v, StrictIp.PARAMETERS).getAddress();
    if (a == null || a.getNetworkPrefixLength() != null) {
      throw bad("bad-ip", name + " must be one IPv4 or IPv6 address, not '" + v + "'");
    }
    return StrictIp.unmapped(a).toCanonicalString();
  }

  /** A text parameter, stripped; null when absent or blank; 400 when too long or with controls. */
  static String text(String name, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    if (v.length() > max) {
      throw bad("bad-request", name + " is longer than " + max + " characters");
    }
    if (v.chars().anyMatch(Character::isISOControl)) {
      throw bad("bad-request", name + " contains control characters");
    }
    return v;
  }

  static jakarta.ws.rs.WebApplicationException bad(String code, String message) {
    return Access.fail(Response.Status.BAD_REQUEST, code, message);
  }
}
