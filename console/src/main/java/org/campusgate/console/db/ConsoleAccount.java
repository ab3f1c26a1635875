package org.campusgate.console.db;

import java.time.Instant;

/**
 * A console login.
 *
 * @param username lower case, unique
 * @param passwordHash the Argon2 PHC string; the plain password never reaches the database
 * @param schoolId the school a school-admin runs; null for district-wide accounts
 * @param lockedUntil null when not locked out
 */
public record ConsoleAccount(
    long id,
    String username,
    String passwordHash,
    ConsoleRole role,
    String schoolId,
    boolean mustChangePassword,
    int failedLogins,
    Instant lockedUntil,
    Instant createdAt) {

  /** Whether repeated failures keep this account out at {@code now}. */
  public boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }
}
