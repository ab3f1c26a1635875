package org.campusgate.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One request or tunnel the gateway saw, as it is recorded: who, from where, to what, what the
 * policy decided and what happened. Reason codes and actions travel as their stable strings, so
 * the store depends on no other module.
 *
 * <p>Text fields are null when unknown; numbers are 0 when unknown. The store adds the chain
 * fields (sequence number, position in the journal) around it; see {@link StoredEvent}.
 *
 * @param eventId time-ordered id (UUIDv7), the request id shown on block pages
 * @param timestamp when the request started (UTC)
 * @param schoolId the school whose policy applied
 * @param gatewayId the gateway that saw it
 * @param userId the identified user, or null when unidentified
 * @param groups the user's groups at the time (never null)
 * @param authMethod how the user was identified ({@code proxy-basic}, {@code ip-binding},
 *     {@code none}, ...)
 * @param clientIp the client's address as text
 * @param method the HTTP method, {@code CONNECT} for tunnels
 * @param host the canonical host asked for
 * @param port the destination port
 * @param sni the TLS server name, when seen
 * @param url the canonical URL, or null for tunnels and when privacy settings withhold it
 * @param httpStatus the status returned to the client, 0 when none
 * @param bytesUp bytes from client to origin
 * @param bytesDown bytes from origin to client
 * @param durationMillis how long the request or tunnel lasted
 * @param category the matched category, or null
 * @param appId the matched app, or null
 * @param action {@code ALLOW}, {@code BLOCK} or {@code AUTH_REQUIRED}
 * @param reason the reason code's stable string
 * @param ruleId the policy rule that decided, or null
 * @param policyVersion the version of the policy snapshot that decided
 * @param providerFiling the app provider's filing number an app decision used, or null
 * @param schoolFiling the school's filing id an app decision used, or null
 * @param tlsInspected whether the gateway looked inside TLS
 * @param userAgent the User-Agent header, or null
 */
public record AccessEvent(
    UUID eventId,
    Instant timestamp,
    String schoolId,
    String gatewayId,
    String userId,
    List<String> groups,
    String authMethod,
    String clientIp,
    String method,
    String host,
    int port,
    String sni,
    String url,
    int httpStatus,
    long bytesUp,
    long bytesDown,
    long durationMillis,
    String category,
    String appId,
    String action,
    String reason,
    String ruleId,
    long policyVersion,
    String providerFiling,
    String schoolFiling,
    boolean tlsInspected,
    String userAgent) implements AuditRecord {

  public AccessEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(schoolId, "schoolId");
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    groups = groups == null ? List.of() : List.copyOf(groups);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (bytesUp < 0 || bytesDown < 0 || durationMillis < 0) {
      throw new IllegalArgumentException("byte counts and duration must not be negative");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder copying this event, to change a field or two. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.eventId = eventId;
    b.timestamp = timestamp;
    b.schoolId = schoolId;
    b.gatewayId = gatewayId;
    b.userId = userId;
    b.groups = groups;
    b.authMethod = authMethod;
    b.clientIp = clientIp;
    b.method = method;
    b.host = host;
    b.port = port;
    b.sni = sni;
    b.url = url;
    b.httpStatus = httpStatus;
    b.bytesUp = bytesUp;
    b.bytesDown = bytesDown;
    b.durationMillis = durationMillis;
    b.category = category;
    b.appId = appId;
    b.action = action;
    b.reason = reason;
    b.ruleId = ruleId;
    b.policyVersion = policyVersion;
    b.providerFiling = providerFiling;
    b.schoolFiling = schoolFiling;
    b.tlsInspected = tlsInspected;
    b.userAgent = userAgent;
    return b;
  }

  /** Builds an event; id, timestamp, school, gateway, action and reason are required. */
  public static final class Builder {
    private UUID eventId;
    private Instant timestamp;
    private String schoolId;
    private String gatewayId;
    private String userId;
    private List<String> groups = List.of();
    private String authMethod;
    private String clientIp;
    private String method;
    private String host;
    private int port;
    private String sni;
    private String url;
    private int httpStatus;
    private long bytesUp;
    private long bytesDown;
    private long durationMillis;
    private String category;
    private String appId;
    private String action;
    private String reason;
    private String ruleId;
    private long policyVersion;
    private String providerFiling;
    private String schoolFiling;
    private boolean tlsInspected;
    private String userAgent;

    private Builder() {}

    public Builder eventId(UUID v) { eventId = v; return this; }
    public Builder timestamp(Instant v) { timestamp = v; return this; }
    public Builder schoolId(String v) { schoolId = v; return this; }
    public Builder gatewayId(String v) { gatewayId = v; return this; }
    public Builder userId(String v) { userId = v; return this; }
    public Builder groups(List<String> v) { groups = v; return this; }
    public Builder authMethod(String v) { authMethod = v; return this; }
    public Builder clientIp(String v) { clientIp = v; return this; }
    public Builder method(String v) { method = v; return this; }
    public Builder host(String v) { host = v; return this; }
    public Builder port(int v) { port = v; return this; }
    public Builder sni(String v) { sni = v; return this; }
    public Builder url(String v) { url = v; return this; }
    public Builder httpStatus(int v) { httpStatus = v; return this; }
    public Builder bytesUp(long v) { bytesUp = v; return this; }
    public Builder bytesDown(long v) { bytesDown = v; return this; }
    public Builder durationMillis(long v) { durationMillis = v; return this; }
    public Builder category(String v) { category = v; return this; }
    public Builder appId(String v) { appId = v; return this; }
    public Builder action(String v) { action = v; return this; }
    public Builder reason(String v) { reason = v; return this; }
    public Builder ruleId(String v) { ruleId = v; return this; }
    public Builder policyVersion(long v) { policyVersion = v; return this; }
    public Builder providerFiling(String v) { providerFiling = v; return this; }
    public Builder schoolFiling(String v) { schoolFiling = v; return this; }
    public Builder tlsInspected(boolean v) { tlsInspected = v; return this; }
    public Builder userAgent(String v) { userAgent = v; return this; }

    public AccessEvent build() {
      return new AccessEvent(eventId, timestamp, schoolId, gatewayId, userId, groups, authMethod,
          clientIp, method, host, port, sni, url, httpStatus, bytesUp, bytesDown, durationMillis,
          category, appId, action, reason, ruleId, policyVersion, providerFiling, schoolFiling,
          tlsInspected, userAgent);
    }
  }
}
