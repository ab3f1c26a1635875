package org.campusgate.console.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** API tokens, stored by hash. A revoked token is kept (for the record) but no longer found. */
public final class TokenDao {
  private static final String COLUMNS = "id, token_hash, name, role, school_id, created_at, revoked_at";

  private final Jdbi jdbi;
  private final Clock clock;

  TokenDao(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * The hash under which a token secret is stored: hex SHA-256. A fast hash is right here, unlike
   * for passwords, because secrets are long random strings that cannot be guessed from a list.
   */
  public static String hashOf(String secret) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /**
   * Stores a new token.
   *
   * @throws ConstraintViolationException DUPLICATE for a hash already stored; INVALID when role
   *     and school do not fit
   */
  public ApiToken create(String tokenHash, String name, ConsoleRole role, String schoolId) {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Instant now = Sql.now(clock);
    long id = Sql.insert(jdbi, "create token " + name,
        "INSERT INTO api_tokens (token_hash, name, role, school_id, created_at)"
            + " VALUES (:hash, :name, :role, :school, :now)",
        u -> u.bind("hash", tokenHash)
            .bind("name", name)
            .bind("role", role.stableName())
            .bind("school", schoolId)
            .bind("now", now));
    return new ApiToken(id, tokenHash, name, role, schoolId, now, null);
  }

  /** The unrevoked token with this hash: what authenticating a request asks. */
  public Optional<ApiToken> findActiveByHash(String tokenHash) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
        .bind("hash", tokenHash)
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  /** Revokes a token. @return false when it does not exist or was already revoked */
  public boolean revoke(long id) {
    return jdbi.withHandle(h -> h.createUpdate(
            "UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
        .bind("now", Sql.now(clock))
        .bind("id", id)
        .execute()) == 1;
  }

  /** All tokens, revoked ones included, oldest first. */
  public List<ApiToken> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens ORDER BY id")
        .map((rs, ctx) -> map(rs))
        .list());
  }

  private static ApiToken map(ResultSet rs) throws SQLException {
    return new ApiToken(
        rs.getLong("id"),
        rs.getString("token_hash"),
        rs.getString("name"),
        ConsoleRole.fromStableName(rs.getString("role")),
        rs.getString("school_id"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "revoked_at"));
  }
}
