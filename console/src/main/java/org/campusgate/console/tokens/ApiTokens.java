package org.campusgate.console.tokens;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.console.db.ApiToken;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.db.TokenDao;

/**
 * Issues and revokes API tokens. A token's secret ({@code cgt_} and 32 random bytes in
 * base64url, 43 characters) is answered once, when it is issued; only its hash is stored. A token
 * has a role like an account, and school-bound roles name their school. Every issue and revocation
 * is in the admin log; the token's actions are logged as {@code token:<name>}.
 */
public final class ApiTokens {
  /** Short enough that {@code token:<name>} fits the admin log's actor column (64). */
  static final int MAX_NAME = 40;

  /** A token as the API shows it: never the secret or its hash. */
  public record TokenView(long id, String name, String role, String school, Instant createdAt,
      Instant revokedAt, boolean active) {
    static TokenView of(ApiToken t) {
      return new TokenView(t.id(), t.name(), t.role().stableName(), t.schoolId(), t.createdAt(),
          t.revokedAt(), t.active());
    }
  }

  /** What to issue. */
  public record TokenInput(String name, String role, String school) {}

  /** A token just issued, with its secret: the only time the secret is shown. */
  public record Issued(TokenView token, String secret) {}

  private final ConsoleDatabase db;
  private final AdminLog log;
  private final SecureRandom random = new SecureRandom();

  public ApiTokens(ConsoleDatabase db, AdminLog log) {
    this.db = Objects.requireNonNull(db, "db");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** Every token, revoked ones included, oldest first. */
  public List<TokenView> list() {
    return db.tokens().list().stream().map(TokenView::of).toList();
  }

  /**
   * @throws RefusedRequest 400 for a bad name, role or school; 404 {@code no-such-school};
   *     409 {@code duplicate-token} when an active token has the name
   */
  public Issued issue(String actor, TokenInput in) {
    if (in == null) {
      throw new RefusedRequest(400, "bad-request",
          "send {\"name\": ..., \"role\": ..., \"school\": ...}");
    }
    String name = in.name() == null ? "" : in.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME
        || name.chars().anyMatch(c -> Character.isISOControl(c) || c == ':')) {
      throw new RefusedRequest(400, "invalid-name", "a token name has 1 to " + MAX_NAME
          + " characters, without ':' or control characters");
    }
    ConsoleRole role;
    try {
      role = ConsoleRole.fromStableName(in.role() == null ? "" : in.role().strip());
    } catch (IllegalArgumentException e) {
      throw new RefusedRequest(400, "invalid-role",
          "the role is one of district-admin, school-admin, inspector, responder");
    }
    String school = in.school() == null || in.school().isBlank() ? null : in.school().strip();
    switch (role) {
      case SCHOOL_ADMIN -> {
        if (school == null) {
          throw new RefusedRequest(400, "school-required", "a school-admin token names its school");
        }
      }
      case DISTRICT_ADMIN, INSPECTOR -> {
        if (school != null) {
          throw new RefusedRequest(400, "no-school-allowed",
              "a " + role.stableName() + " token is district-wide: send no school");
        }
      }
      case RESPONDER -> { }
    }
    if (school != null && (school.length() > 64 || db.schools().find(school).isEmpty())) {
      throw new RefusedRequest(404, "no-such-school", "there is no school " + school);
    }
    if (db.tokens().list().stream().anyMatch(t -> t.active() && t.name().equals(name))) {
      throw new RefusedRequest(409, "duplicate-token", "an active token is named " + name);
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = "cgt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    TokenView view = TokenView.of(db.tokens().create(TokenDao.hashOf(secret), name, role, school));
    log.record(actor, "token.create", target(view), school, null, view);
    return new Issued(view, secret);
  }

  /** @throws RefusedRequest 404 {@code no-such-token} when none is active with this id */
  public TokenView revoke(String actor, long id) {
    TokenView before = db.tokens().list().stream().filter(t -> t.id() == id && t.active())
        .map(TokenView::of).findFirst().orElseThrow(() -> new RefusedRequest(404,
            "no-such-token", "there is no active token " + id));
    if (!db.tokens().revoke(id)) {
      throw new RefusedRequest(404, "no-such-token", "there is no active token " + id);
    }
    TokenView after = db.tokens().list().stream().filter(t -> t.id() == id)
        .map(TokenView::of).findFirst().orElseThrow();
    log.record(actor, "token.revoke", target(after), after.school(), before, after);
    return after;
  }

  private static String target(TokenView t) {
    return "token:" + t.id() + "/" + t.name();
  }
}
