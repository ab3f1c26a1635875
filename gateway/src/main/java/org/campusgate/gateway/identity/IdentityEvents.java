package org.campusgate.gateway.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.campusgate.audit.EventIds;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.IdentityEvent.Kind;
import org.campusgate.policy.UserIdentity;

/**
 * Makes {@link IdentityEvent}s for one gateway and hands them to a sink, which the gateway
 * wires to {@code AuditStore.append}.
 *
 * <p>The sink must not block (the audit store's append only queues). It may throw, e.g. {@code
 * AuditStoreFullException} in {@code fail-closed} mode: the exception reaches the caller, whose
 * change then does not happen (a binding table is not swapped, a login is not remembered and is
 * recorded again on the next request), so no identity change goes unrecorded.
 */
public final class IdentityEvents {
  /** The auth method of proxy logins. */
  public static final String PROXY_BASIC = "proxy-basic";
  /** The auth method of IP bindings. */
  public static final String IP_BINDING = "ip-binding";

  private final String schoolId;
  private final String gatewayId;
  private final EventIds ids;
  private final Consumer<List<IdentityEvent>> sink;

  public IdentityEvents(String schoolId, String gatewayId, EventIds ids,
      Consumer<List<IdentityEvent>> sink) {
    this.schoolId = Objects.requireNonNull(schoolId, "schoolId");
    this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.sink = Objects.requireNonNull(sink, "sink");
  }

  /** Records that {@code user} logged in from {@code address} (canonical client IP text). */
  public void login(UserIdentity user, String address, Instant at) {
    sink.accept(List.of(event(at, Kind.LOGIN, user.id(), user.groups(), address, PROXY_BASIC,
        null)));
  }

  /** Records a failed login; {@code tried} is the sanitised user id that was tried. */
  public void loginFailed(String tried, String address, Instant at) {
    sink.accept(List.of(event(at, Kind.LOGIN_FAILED, tried, Set.of(), address, PROXY_BASIC,
        null)));
  }

  /**
   * Records binding changes, removals first, in one hand-off; nothing when there are none.
   *
   * @param actor who changed the table (an admin's id, {@code config-file}, ...); may be null
   */
  public void bindingChanges(IpBindings.Changes changes, String actor, Instant at) {
    List<IdentityEvent> events = bindingEvents(changes, actor, at);
    if (!events.isEmpty()) {
      sink.accept(events);
    }
  }

  /** The events {@link #bindingChanges} hands over. */
  public List<IdentityEvent> bindingEvents(IpBindings.Changes changes, String actor,
      Instant at) {
    List<IdentityEvent> events = new ArrayList<>();
    for (IpBindings.Binding b : changes.removed()) {
      events.add(event(at, Kind.BINDING_REMOVED, b.userId(), b.groups(), b.cidr(), IP_BINDING,
          actor));
    }
    for (IpBindings.Binding b : changes.added()) {
      events.add(event(at, Kind.BINDING_ADDED, b.userId(), b.groups(), b.cidr(), IP_BINDING,
          actor));
    }
    return events;
  }

  private IdentityEvent event(Instant at, Kind kind, String userId, Set<String> groups,
      String address, String method, String actor) {
    return new IdentityEvent(ids.next(at), at, schoolId, gatewayId, kind, userId,
        List.copyOf(new TreeSet<>(groups)), address, method, actor);
  }
}
