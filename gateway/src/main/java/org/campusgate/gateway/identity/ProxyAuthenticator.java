package org.campusgate.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.campusgate.policy.UserIdentity;

/**
 * Checks {@code Proxy-Authorization: Basic} credentials against a {@link UserDirectory}, with
 * a cache of verified credentials and a limit on failed attempts per client.
 *
 * <h2>Cost and threads</h2>
 *
 * An Argon2id verification costs some tens of milliseconds of one core. It runs on the
 * caller's thread, and the gateway calls {@link #authenticate} on its event loop: it accepts one
 * hash per credential per {@link Settings#cacheTtl() cache period}. Browsers send the same
 * header with every request, so only a session's first request pays; later ones are a cache
 * hit (an HMAC and two map look-ups, microseconds). Failed attempts are capped per client
 * ({@link Settings#maxFailures()} per {@link Settings#failureWindow()}), so a guesser costs at
 * most that many hashes per window per client; a client is throttled <em>before</em> any
 * verification, cached or not, so a throttled client cannot keep guessing against the cache.
 * A deployment that cannot accept the first-request stall may call this from its own executor
 * instead: the class is thread-safe.
 *
 * <h2>What is cached</h2>
 *
 * Successful (user, password) pairs, keyed by the user id and an HMAC-SHA-256 of the password
 * under a random per-process key (never the password), for {@link Settings#cacheTtl()}, at most
 * {@link Settings#cacheMaxSize()} entries. A hit is honoured only while the directory still
 * holds the user, enabled, with the very hash that was verified: disabling a user or changing a
 * password takes effect on the next request.
 *
 * <h2>Counting failures</h2>
 *
 * A malformed Basic header, an unknown user, a wrong password and a disabled user all count as
 * one failure of the client's address (of its /64 for IPv6). Unknown users are verified against
 * a dummy hash so the answer takes as long as for a known one. The counter is a fixed window
 * that starts at the first failure; at most {@link Settings#maxTrackedClients()} clients are
 * tracked (beyond that the least recently seen are forgotten). A success does not reset it.
 * Headers of other schemes (Bearer, Negotiate) are not judged and not counted.
 */
public final class ProxyAuthenticator {

  /**
   * @param cacheTtl how long a verified credential is trusted without hashing again
   * @param cacheMaxSize how many verified credentials are kept
   * @param maxFailures failures a client may have in one window before it is throttled
   * @param failureWindow the window, from the client's first failure
   * @param maxTrackedClients how many clients' failures are tracked
   */
  public record Settings(Duration cacheTtl, long cacheMaxSize, int maxFailures,
      Duration failureWindow, long maxTrackedClients) {
    public Settings {
      positive(cacheTtl, "cacheTtl");
      positive(failureWindow, "failureWindow");
      if (cacheMaxSize < 1 || maxFailures < 1 || maxTrackedClients < 1) {
        throw new IllegalArgumentException("sizes and limits must be at least 1");
      }
    }

    /** 10 minutes and 10,000 credentials; 10 failures per 5 minutes; 100,000 clients. */
    public static Settings defaults() {
      return new Settings(Duration.ofMinutes(10), 10_000, 10, Duration.ofMinutes(5), 100_000);
    }

    private static void positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
    }
  }

  /** What checking a header gave. */
  public sealed interface Outcome {}

  /**
   * The credentials are good.
   *
   * @param cached true when no hash was computed (a cache hit)
   */
  public record Success(UserIdentity user, boolean cached) implements Outcome {}

  /**
   * The credentials are bad; counted against the client.
   *
   * @param tried the user id that was tried, made safe to record ({@code (malformed)} when
   *     none could be read)
   */
  public record Failure(String tried, FailureReason reason) implements Outcome {}

  /** Why credentials were refused (for logs and metrics; the client is told nothing more). */
  public enum FailureReason { MALFORMED, UNKNOWN_USER, WRONG_PASSWORD, DISABLED }

  /** The client failed too often; nothing was checked. */
  public record Throttled(Duration retryAfter) implements Outcome {}

  /** Not Basic (e.g. Negotiate): not judged, not counted. */
  public record UnsupportedScheme(String scheme) implements Outcome {}

  private record CachedLogin(String passwordHash) {}

  /** Failures of one client since {@code startNanos}. */
  private record Window(long startNanos, int failures) {}

  private final UserDirectory directory;
  private final PasswordHasher hasher;
  private final Settings settings;
  private final Ticker ticker;
  private final String dummyHash;
  private final SecretKeySpec cacheKey;
  private final Cache<String, CachedLogin> verified;
  private final Cache<String, Window> failures;

  /** With {@link Settings#defaults()} and the system clock. */
  public ProxyAuthenticator(UserDirectory directory, PasswordHasher hasher) {
    this(directory, hasher, Settings.defaults(), Ticker.systemTicker());
  }

  /**
   * Computes one dummy hash with {@code hasher} (for unknown users) before returning.
   *
   * @param ticker the clock of the cache and the failure windows (tests pass a fake)
   */
  public ProxyAuthenticator(UserDirectory directory, PasswordHasher hasher, Settings settings,
      Ticker ticker) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    SecureRandom random = new SecureRandom();
    byte[] key = new byte[32];
    random.nextBytes(key);
    this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
    char[] dummy = Base64.getEncoder().encodeToString(key).toCharArray();
    this.dummyHash = hasher.hash(dummy);
    Arrays.fill(dummy, '\0');
    Arrays.fill(key, (byte) 0);
    this.verified = Caffeine.newBuilder()
        .ticker(ticker)
        .expireAfterWrite(settings.cacheTtl())
        .maximumSize(settings.cacheMaxSize())
        .build();
    long windowNanos = settings.failureWindow().toNanos();
    this.failures = Caffeine.newBuilder()
        .ticker(ticker)
        .maximumSize(settings.maxTrackedClients())
        .expireAfter(new Expiry<String, Window>() {
          @Override
          public long expireAfterCreate(String k, Window w, long now) {
            return Math.max(1, windowNanos - (now - w.startNanos()));
          }

          @Override
          public long expireAfterUpdate(String k, Window w, long now, long current) {
            return expireAfterCreate(k, w, now);
          }

          @Override
          public long expireAfterRead(String k, Window w, long now, long current) {
            return current;
          }
        })
        .build();
  }

  /**
   * Checks a {@code Proxy-Authorization} header value from {@code client}. Never throws for bad
   * input. See the class comment for what it costs and on which thread.
   */
  public Outcome authenticate(InetAddress client, String header) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(header, "header");
    String clientKey = Addresses.rateKey(client);
    Optional<Duration> wait = throttled(clientKey);
    if (wait.isPresent()) {
      return new Throttled(wait.get());
    }
    BasicCredentials.Parsed parsed = BasicCredentials.parse(header);
    if (parsed instanceof BasicCredentials.OtherScheme other) {
      return new UnsupportedScheme(other.scheme());
    }
    if (parsed instanceof BasicCredentials.Malformed bad) {
      return fail(clientKey, bad.tried(), FailureReason.MALFORMED);
    }
    BasicCredentials.Credentials c = (BasicCredentials.Credentials) parsed;
    char[] password = c.password();
    try {
      return check(clientKey, c.username(), password);
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private Outcome check(String clientKey, String username, char[] password) {
    Optional<DirectoryUser> found = directory.find(username);
    String key = username + '\u0000' + mac(password);
    CachedLogin hit = verified.getIfPresent(key);
    if (hit != null) {
      if (found.isPresent() && found.get().enabled()
          && found.get().passwordHash().equals(hit.passwordHash())) {
        return new Success(found.get().identity(), true);
      }
      verified.invalidate(key);
    }
    if (found.isEmpty()) {
      verifyQuietly(password, dummyHash);
      return fail(clientKey, username, FailureReason.UNKNOWN_USER);
    }
    DirectoryUser user = found.get();
    if (!verifyQuietly(password, user.passwordHash())) {
      return fail(clientKey, username, FailureReason.WRONG_PASSWORD);
    }
    if (!user.enabled()) {
      return fail(clientKey, username, FailureReason.DISABLED);
    }
    verified.put(key, new CachedLogin(user.passwordHash()));
    return new Success(user.identity(), false);
  }

  /** A hash the hasher cannot read (a bad directory entry) matches nothing. */
  private boolean verifyQuietly(char[] password, String encoded) {
    try {
      return hasher.verify(password, encoded);
    } catch (IllegalArgumentException unreadable) {
      return false;
    }
  }

  private Optional<Duration> throttled(String clientKey) {
    Window w = failures.getIfPresent(clientKey);
    if (w == null || w.failures() < settings.maxFailures()) {
      return Optional.empty();
    }
    long left = settings.failureWindow().toNanos() - (ticker.read() - w.startNanos());
    return left > 0 ? Optional.of(Duration.ofNanos(left)) : Optional.empty();
  }

  private Failure fail(String clientKey, String tried, FailureReason reason) {
    long now = ticker.read();
    long windowNanos = settings.failureWindow().toNanos();
    failures.asMap().compute(clientKey, (k, w) ->
        w == null || now - w.startNanos() >= windowNanos ? new Window(now, 1)
            : new Window(w.startNanos(), w.failures() + 1));
    return new Failure(BasicCredentials.sanitize(tried), reason);
  }

  /** HMAC of the password's UTF-16 code units: injective, unlike a charset with replacement. */
  private String mac(char[] password) {
    byte[] units = new byte[password.length * 2];
    for (int i = 0; i < password.length; i++) {
      units[2 * i] = (byte) (password[i] >> 8);
      units[2 * i + 1] = (byte) password[i];
    }
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(cacheKey);
      return Base64.getEncoder().withoutPadding().encodeToString(m.doFinal(units));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    } finally {
      Arrays.fill(units, (byte) 0);
    }
  }

  /** Forgets every cached credential (e.g. after the directory was replaced). */
  public void invalidateCache() {
    verified.invalidateAll();
  }
}
