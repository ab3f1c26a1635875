package org.campusgate.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * Which access events to search or aggregate. Every filter is optional (null means any); the
 * filters that are set must all match. Text filters match exactly, except {@code urlContains}
 * (a case-insensitive substring of the URL) and {@code domain} (the host itself or any of its
 * subdomains).
 *
 * @param from the start of the time range, inclusive (required)
 * @param to the end of the time range, exclusive (required)
 * @param schoolId the school
 * @param userId the user
 * @param clientIp the client address, as text in its canonical form
 * @param host the exact host
 * @param domain a domain: matches the host and every subdomain of it
 * @param urlContains a substring of the URL
 * @param action {@code ALLOW}, {@code BLOCK}, {@code AUTH_REQUIRED}
 * @param reason a reason code
 * @param category a category
 * @param appId an app
 * @param providerFiling the provider filing number an app decision used
 * @param schoolFiling the school's user filing id an app decision used
 * @param group one of the user's groups
 * @param order the order of results
 * @param limit how many events one page holds, 1..{@value #MAX_LIMIT}
 * @param cursor the {@link SearchPage#next()} of the previous page, or null for the first
 */
public record AuditQuery(
    Instant from,
    Instant to,
    String schoolId,
    String userId,
    String clientIp,
    String host,
    String domain,
    String urlContains,
    String action,
    String reason,
    String category,
    String appId,
    String providerFiling,
    String schoolFiling,
    String group,
    SortOrder order,
    int limit,
    String cursor) {

  /** The largest page a search returns. */
  public static final int MAX_LIMIT = 1000;

  public static final int DEFAULT_LIMIT = 100;

  public AuditQuery {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("the time range is empty: from " + from + " to " + to);
    }
    order = order == null ? SortOrder.NEWEST_FIRST : order;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit);
    }
  }

  public static Builder between(Instant from, Instant to) {
    return new Builder(from, to);
  }

  /** The same query, for the page after the one that returned {@code next}. */
  public AuditQuery withCursor(String next) {
    return new AuditQuery(from, to, schoolId, userId, clientIp, host, domain, urlContains, action,
        reason, category, appId, providerFiling, schoolFiling, group, order, limit, next);
  }

  /** Builds a query over a time range. */
  public static final class Builder {
    private final Instant from;
    private final Instant to;
    private String schoolId;
    private String userId;
    private String clientIp;
    private String host;
    private String domain;
    private String urlContains;
    private String action;
    private String reason;
    private String category;
    private String appId;
    private String providerFiling;
    private String schoolFiling;
    private String group;
    private SortOrder order = SortOrder.NEWEST_FIRST;
    private int limit = DEFAULT_LIMIT;
    private String cursor;

    private Builder(Instant from, Instant to) {
      this.from = from;
      this.to = to;
    }

    public Builder school(String v) { schoolId = v; return this; }
    public Builder user(String v) { userId = v; return this; }
    public Builder clientIp(String v) { clientIp = v; return this; }
    public Builder host(String v) { host = v; return this; }
    public Builder domain(String v) { domain = v; return this; }
    public Builder urlContains(String v) { urlContains = v; return this; }
    public Builder action(String v) { action = v; return this; }
    public Builder reason(String v) { reason = v; return this; }
    public Builder category(String v) { category = v; return this; }
    public Builder app(String v) { appId = v; return this; }
    public Builder providerFiling(String v) { providerFiling = v; return this; }
    public Builder schoolFiling(String v) { schoolFiling = v; return this; }
    public Builder group(String v) { group = v; return this; }
    public Builder order(SortOrder v) { order = v; return this; }
    public Builder limit(int v) { limit = v; return this; }
    public Builder cursor(String v) { cursor = v; return this; }

    public AuditQuery build() {
      return new AuditQuery(from, to, schoolId, userId, clientIp, host, domain, urlContains,
          action, reason, category, appId, providerFiling, schoolFiling, group, order, limit,
          cursor);
    }
  }
}
