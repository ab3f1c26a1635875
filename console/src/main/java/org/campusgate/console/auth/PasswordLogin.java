package org.campusgate.console.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.campusgate.console.db.AccountDao;
import org.campusgate.console.db.ConsoleAccount;
import org.campusgate.console.core.AdminLog;
import java.util.Map;
import org.campusgate.gateway.identity.PasswordHasher;

/**
 * Checks a username and password against the Argon2 hash on record. Failures count towards a
 * lock-out; a locked account is refused even with the right password. An unknown user costs the
 * same hash as a known one, so timing does not tell which usernames exist. Every outcome is
 * written to the admin log.
 */
public final class PasswordLogin {
  /** What a login attempt came to. */
  public sealed interface Outcome {}

  public record SignedIn(ConsoleAccount account) implements Outcome {}

  public record Refused() implements Outcome {}

  public record Locked(Instant until) implements Outcome {}

  private final AccountDao accounts;
  private final AdminLog log;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final int lockAfter;
  private final Duration lockFor;
  private final String dummyHash;

  public PasswordLogin(AccountDao accounts, AdminLog log, PasswordHasher hasher, Clock clock,
      int lockAfter, Duration lockFor) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.log = Objects.requireNonNull(log, "log");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lockAfter = lockAfter;
    this.lockFor = Objects.requireNonNull(lockFor, "lockFor");
    this.dummyHash = hasher.hash("not-a-password".toCharArray());
  }

  public Outcome attempt(String username, char[] password, String fromAddress) {
    String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    Optional<ConsoleAccount> found = name.isEmpty() || name.length() > 64
        ? Optional.empty() : accounts.findByUsername(name);
    if (found.isEmpty()) {
      hasher.verify(password, dummyHash);
      log.record(name.isEmpty() ? "-" : name, "login.refused", "account:" + name, null, null,
          Map.of("from", String.valueOf(fromAddress), "why", "unknown-account"));
      return new Refused();
    }
    ConsoleAccount account = found.get();
    Instant now = clock.instant();
    if (account.lockedAt(now)) {
      hasher.verify(password, dummyHash);
      accounts.recordFailedLogin(account.id(), lockAfter, lockFor);
      log.record(name, "login.locked", "account:" + name, account.schoolId(), null,
          Map.of("from", String.valueOf(fromAddress)));
      return new Locked(accounts.find(account.id()).map(ConsoleAccount::lockedUntil)
          .orElse(account.lockedUntil()));
    }
    if (!hasher.verify(password, account.passwordHash())) {
      ConsoleAccount after = accounts.recordFailedLogin(account.id(), lockAfter, lockFor)
          .orElse(account);
      log.record(name, "login.refused", "account:" + name, account.schoolId(), null,
          Map.of("from", String.valueOf(fromAddress), "failures", after.failedLogins()));
      return after.lockedAt(now) ? new Locked(after.lockedUntil()) : new Refused();
    }
    accounts.recordSuccessfulLogin(account.id());
    log.record(name, "login", "account:" + name, account.schoolId(), null,
        Map.of("from", String.valueOf(fromAddress)));
    return new SignedIn(account);
  }
}
