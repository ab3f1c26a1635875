package org.campusgate.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A change of who is behind an address: a login or logout through proxy authentication, a
 * failed login, or an IP binding (CIDR → user) added or removed. The store keeps these beside
 * the access events, in the same tamper-evident journal, so it can answer {@link
 * AuditStore#whoHad}.
 *
 * @param eventId time-ordered id (UUIDv7)
 * @param timestamp when it happened (UTC)
 * @param schoolId the school
 * @param gatewayId the gateway or console that recorded it
 * @param kind what happened
 * @param userId the user concerned (for a failed login, the name that was tried)
 * @param groups the user's groups at the time (never null)
 * @param address a single client address ({@code 10.1.2.3}) or a network in CIDR form ({@code
 *     10.1.2.0/24}, {@code 2001:db8::/64}) for bindings
 * @param authMethod {@code proxy-basic}, {@code ip-binding}, {@code radius}, ...
 * @param actor who made the change, for bindings set by an admin; null otherwise
 */
public record IdentityEvent(
    UUID eventId,
    Instant timestamp,
    String schoolId,
    String gatewayId,
    Kind kind,
    String userId,
    List<String> groups,
    String address,
    String authMethod,
    String actor) implements AuditRecord {

  /** What happened to the address. */
  public enum Kind {
    LOGIN,
    LOGIN_FAILED,
    LOGOUT,
    BINDING_ADDED,
    BINDING_REMOVED;

    /** Whether, from this event on, {@code userId} holds the address. */
    public boolean grants() {
      return this == LOGIN || this == BINDING_ADDED;
    }

    /** Whether this event ends a hold that an earlier {@link #grants() granting} event began. */
    public boolean revokes() {
      return this == LOGOUT || this == BINDING_REMOVED;
    }
  }

  public IdentityEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(schoolId, "schoolId");
    Objects.requireNonNull(gatewayId, "gatewayId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(address, "address");
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
