package org.campusgate.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.campusgate.gateway.identity.IdentifyResult.Challenge;
import org.campusgate.gateway.identity.IdentifyResult.Identified;
import org.campusgate.gateway.identity.ProxyAuthenticator.Failure;
import org.campusgate.gateway.identity.ProxyAuthenticator.Success;
import org.campusgate.gateway.identity.ProxyAuthenticator.Throttled;
import org.campusgate.gateway.identity.ProxyAuthenticator.UnsupportedScheme;
import org.campusgate.policy.UserIdentity;

/**
 * The gateway's identify step. In this order:
 *
 * <ol>
 *   <li>{@code Proxy-Authorization: Basic} with good credentials: that user, {@code
 *       proxy-basic}. The first time a (user, client address) pair logs in within {@link
 *       Settings#loginWindow()} a {@code LOGIN} event is recorded; an active user is recorded
 *       again once per window, which bounds how stale "who had this address" can be.
 *   <li>Bad Basic credentials (malformed, unknown user, wrong password, disabled): {@link
 *       Challenge} with the realm, the failure counted and a {@code LOGIN_FAILED} event
 *       recorded. A client over its failure limit gets {@link IdentifyResult.Throttled} before
 *       anything is checked (and no event per throttled request).
 *   <li>No header, or another scheme (Negotiate, Bearer; not judged): the IP binding with the
 *       longest prefix containing the client, {@code ip-binding}.
 *   <li>Otherwise {@link Identified#anonymous()}: the policy decides (a guest group, or 407).
 * </ol>
 *
 * <p>Runs on the event loop. Everything is in memory; the one expensive piece, a credential's
 * first Argon2id verification, is discussed in {@link ProxyAuthenticator}. The binding table is
 * swapped whole by {@link #replaceBindings}, which records the differences as {@code
 * BINDING_ADDED} / {@code BINDING_REMOVED} events first. Thread-safe.
 */
public final class GatewayIdentifier implements Identifier {

  /**
   * @param realm the realm of the 407 challenge
   * @param loginWindow how long a (user, address) login is remembered before it is recorded
   *     again
   * @param maxSessions how many (user, address) logins are remembered
   */
  public record Settings(String realm, Duration loginWindow, long maxSessions) {
    public Settings {
      Objects.requireNonNull(realm, "realm");
      if (realm.isBlank() || realm.chars().anyMatch(c -> c < 0x20 || c == '"' || c == '\\'
          || c == 0x7f)) {
        throw new IllegalArgumentException("the realm must be non-blank printable text without"
            + " quotes or backslashes");
      }
      Objects.requireNonNull(loginWindow, "loginWindow");
      if (loginWindow.isNegative() || loginWindow.isZero() || maxSessions < 1) {
        throw new IllegalArgumentException("loginWindow and maxSessions must be positive");
      }
    }

    /** Realm {@code CampusGate}, 10 minutes, 100,000 sessions. */
    public static Settings defaults() {
      return new Settings("CampusGate", Duration.ofMinutes(10), 100_000);
    }
  }

  private final ProxyAuthenticator authenticator;
  private final IdentityEvents events;
  private final Settings settings;
  private final AtomicReference<IpBindings> bindings;
  private final Cache<String, Boolean> sessions;

  /**
   * @param initial the binding table to start with, not recorded here: start from {@link
   *     IpBindings#empty()} and call {@link #replaceBindings} to record a table the store does
   *     not have yet (re-adding a binding the store has is harmless: it stays held)
   * @param ticker the clock of the login window (tests pass a fake)
   */
  public GatewayIdentifier(ProxyAuthenticator authenticator, IpBindings initial,
      IdentityEvents events, Settings settings, Ticker ticker) {
    this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
    this.events = Objects.requireNonNull(events, "events");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.bindings = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
    this.sessions = Caffeine.newBuilder()
        .ticker(Objects.requireNonNull(ticker, "ticker"))
        .expireAfterWrite(settings.loginWindow())
        .maximumSize(settings.maxSessions())
        .build();
  }

  @Override
  public IdentifyResult identify(InetAddress client, String proxyAuthorization, Instant now) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(now, "now");
    if (proxyAuthorization != null) {
      ProxyAuthenticator.Outcome outcome =
          authenticator.authenticate(client, proxyAuthorization);
      if (outcome instanceof Success s) {
        recordLogin(s.user(), client, now);
        return new Identified(s.user(), IdentityEvents.PROXY_BASIC);
      } else if (outcome instanceof Failure f) {
        events.loginFailed(f.tried(), Addresses.text(client), now);
        return new Challenge(settings.realm());
      } else if (outcome instanceof Throttled t) {
        return new IdentifyResult.Throttled(t.retryAfter());
      } else if (!(outcome instanceof UnsupportedScheme)) {
        throw new AssertionError(outcome);
      }
    }
    Optional<IpBindings.Binding> bound = bindings.get().lookup(client);
    if (bound.isPresent()) {
      return new Identified(bound.get().identity(), IdentityEvents.IP_BINDING);
    }
    return Identified.anonymous();
  }

  private void recordLogin(UserIdentity user, InetAddress client, Instant now) {
    String address = Addresses.text(client);
    String key = user.id() + '\u0000' + address;
    if (sessions.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
      try {
        events.login(user, address, now);
      } catch (RuntimeException e) {
        sessions.invalidate(key); // not recorded: try again on the next request
        throw e;
      }
    }
  }

  /** The binding table in use. */
  public IpBindings bindings() {
    return bindings.get();
  }

  /**
   * Records what changes from the table in use to {@code next} as identity events, then swaps
   * {@code next} in. When recording throws (the audit store is full), the table in use stays.
   *
   * @param actor who made the change (an admin's id, {@code config-file}); may be null
   * @return the changes recorded
   */
  public synchronized IpBindings.Changes replaceBindings(IpBindings next, String actor,
      Instant now) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(now, "now");
    IpBindings current = bindings.get();
    IpBindings.Changes changes = current.diff(next);
    events.bindingChanges(changes, actor, now);
    bindings.set(next);
    return changes;
  }

  /** The realm challenges name. */
  public String realm() {
    return settings.realm();
  }
}
