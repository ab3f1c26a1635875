package org.campusgate.console.db;

import java.time.Instant;

/**
 * An API token as stored: its hash, never the secret.
 *
 * @param schoolId the school it acts for; null for district-wide roles
 * @param revokedAt null while the token is valid
 */
public record ApiToken(
    long id, String tokenHash, String name, ConsoleRole role, String schoolId, Instant createdAt, Instant revokedAt) {

  /** Whether the token still opens the API. */
  public boolean active() {
    return revokedAt == null;
  }
}
