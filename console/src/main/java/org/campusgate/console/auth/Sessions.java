package org.campusgate.console.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Browser sessions, in memory: a random id (the cookie) maps to the signed-in user. A session ends
 * after the idle timeout, at the absolute timeout whatever its use, at logout, and when the
 * process restarts (everyone signs in again). The number of sessions is bounded; past it the
 * least recently used are dropped.
 */
public final class Sessions {
  private static final int ID_BYTES = 32;

  private record Session(ConsoleUser user, Instant expiresAt) {}

  private final Cache<String, Session> sessions;
  private final Duration absolute;
  private final Supplier<Instant> now;
  private final SecureRandom random = new SecureRandom();

  public Sessions(Duration idle, Duration absolute, long maxSessions, Ticker ticker,
      Supplier<Instant> now) {
    this.absolute = Objects.requireNonNull(absolute, "absolute");
    this.now = Objects.requireNonNull(now, "now");
    this.sessions = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(maxSessions)
        .ticker(ticker).build();
  }

  /** Starts a session for {@code account}; returns its id (the cookie value). */
  public String start(ConsoleUser user) {
    String id = randomToken();
    sessions.put(id, new Session(user, now.get().plus(absolute)));
    return id;
  }

  /** The session's user, when the id names a live session. */
  public Optional<ConsoleUser> find(String id) {
    if (id == null || id.length() > 100) {
      return Optional.empty();
    }
    Session s = sessions.getIfPresent(id);
    if (s == null) {
      return Optional.empty();
    }
    if (!now.get().isBefore(s.expiresAt())) {
      sessions.invalidate(id);
      return Optional.empty();
    }
    return Optional.of(s.user());
  }

  /** Replaces the session's user (after a password change), keeping its expiry. */
  public void update(String id, ConsoleUser user) {
    sessions.asMap().computeIfPresent(id, (k, s) -> new Session(user, s.expiresAt()));
  }

  public void end(String id) {
    if (id != null) {
      sessions.invalidate(id);
    }
  }

  /** Ends every session of {@code username} (password changed, account removed). */
  public void endAllOf(String username) {
    sessions.asMap().values().removeIf(s -> s.user().name().equals(username));
  }

  /** A new unguessable token (session ids, CSRF tokens). */
  public String randomToken() {
    byte[] bytes = new byte[ID_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
