package org.campusgate.console.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Console login accounts. Hashing and checking passwords is the caller's job (Argon2); this class
 * stores the hash string and keeps the lock-out counters consistent under concurrent logins.
 */
public final class AccountDao {
  private static final String COLUMNS =
      "id, username, password_hash, role, school_id, must_change_password, failed_logins, locked_until, created_at";

  private final Jdbi jdbi;
  private final Clock clock;

  AccountDao(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Adds an account that must change its password at first login.
   *
   * @param username lower case (the schema refuses upper case, so names cannot differ by case only)
   * @throws ConstraintViolationException DUPLICATE when the name is taken; INVALID when the role
   *     and school do not fit (a school-admin needs a school, district-wide roles have none)
   */
  public ConsoleAccount create(String username, String passwordHash, ConsoleRole role, String schoolId) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(role, "role");
    Instant now = Sql.now(clock);
    long id = Sql.insert(jdbi, "create account " + username,
        "INSERT INTO console_accounts (username, password_hash, role, school_id, created_at)"
            + " VALUES (:username, :hash, :role, :school, :now)",
        u -> u.bind("username", username)
            .bind("hash", passwordHash)
            .bind("role", role.stableName())
            .bind("school", schoolId)
            .bind("now", now));
    return new ConsoleAccount(id, username, passwordHash, role, schoolId, true, 0, null, now);
  }

  /** The account with this name. */
  public Optional<ConsoleAccount> findByUsername(String username) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM console_accounts WHERE username = :u")
        .bind("u", username)
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  /** The account with this id. */
  public Optional<ConsoleAccount> find(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM console_accounts WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  /** All accounts, by name. */
  public List<ConsoleAccount> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM console_accounts ORDER BY username")
        .map((rs, ctx) -> map(rs))
        .list());
  }

  /**
   * Counts a failed login and, when the count reaches {@code lockAfter}, locks the account for
   * {@code lockFor}; each further failure while locked starts the lock again, so guessing
   * never gets through. One UPDATE, so two failures at once are both counted.
   *
   * @return the account after the update, or empty when there is no such account
   */
  public Optional<ConsoleAccount> recordFailedLogin(long id, int lockAfter, Duration lockFor) {
    Instant until = Sql.now(clock).plus(lockFor);
    jdbi.useHandle(h -> h.createUpdate(
            "UPDATE console_accounts SET failed_logins = failed_logins + 1,"
                + " locked_until = CASE WHEN failed_logins + 1 >= :limit THEN :until ELSE locked_until END"
                + " WHERE id = :id")
        .bind("limit", lockAfter)
        .bind("until", until)
        .bind("id", id)
        .execute());
    return find(id);
  }

  /** Clears the failure count and any lock after a successful login. */
  public void recordSuccessfulLogin(long id) {
    jdbi.useHandle(h -> h.createUpdate(
            "UPDATE console_accounts SET failed_logins = 0, locked_until = NULL WHERE id = :id")
        .bind("id", id)
        .execute());
  }

  /**
   * Replaces the password hash.
   *
   * @param mustChange true when an admin set it (the user must choose their own at next login)
   * @return false when there is no such account
   */
  public boolean changePassword(long id, String newHash, boolean mustChange) {
    Objects.requireNonNull(newHash, "newHash");
    return jdbi.withHandle(h -> h.createUpdate(
            "UPDATE console_accounts SET password_hash = :hash, must_change_password = :must WHERE id = :id")
        .bind("hash", newHash)
        .bind("must", mustChange)
        .bind("id", id)
        .execute()) == 1;
  }

  private static ConsoleAccount map(ResultSet rs) throws SQLException {
    return new ConsoleAccount(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("password_hash"),
        ConsoleRole.fromStableName(rs.getString("role")),
        rs.getString("school_id"),
        rs.getBoolean("must_change_password"),
        rs.getInt("failed_logins"),
        Sql.instant(rs, "locked_until"),
        Sql.instant(rs, "created_at"));
  }
}
