package org.campusgate.console.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Policies and their version history. Publishing writes a new version and moves the policy's
 * current-version pointer in one transaction, with the policy row locked, so concurrent
 * publishes get consecutive numbers and nobody ever sees a pointer to a missing version.
 * Versions are never changed; a rollback publishes an old text again as the next version.
 */
public final class PolicyDao {
  private final Jdbi jdbi;
  private final Clock clock;

  PolicyDao(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Adds an empty policy (no version yet). @throws ConstraintViolationException DUPLICATE for a name the school has */
  public Policy create(String schoolId, String name) {
    Instant now = Sql.now(clock);
    long id = Sql.insert(jdbi, "create policy " + name,
        "INSERT INTO policies (school_id, name, created_at) VALUES (:school, :name, :now)",
        u -> u.bind("school", schoolId)
            .bind("name", name)
            .bind("now", now));
    return new Policy(id, schoolId, name, null, now);
  }

  /** The school's policy with this name. */
  public Optional<Policy> find(String schoolId, String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM policies WHERE school_id = :school AND name = :name")
        .bind("school", schoolId)
        .bind("name", name)
        .map((rs, ctx) -> policy(rs))
        .findOne());
  }

  /** The policy with this id. */
  public Optional<Policy> find(long policyId) {
    return jdbi.withHandle(h -> findPolicy(h, policyId, false));
  }

  /**
   * Publishes {@code document} as the policy's next version and makes it current.
   *
   * @throws NoSuchElementException when there is no such policy
   */
  public PolicyVersion publish(long policyId, String document, String author, String comment) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(author, "author");
    return Sql.call("publish policy " + policyId, () -> jdbi.inTransaction(h -> {
      // FOR UPDATE serialises publishers of this policy: the second waits, then numbers after the first.
      findPolicy(h, policyId, true).orElseThrow(() -> new NoSuchElementException("no policy " + policyId));
      int next = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM policy_versions WHERE policy_id = :id")
          .bind("id", policyId)
          .mapTo(Integer.class)
          .one();
      PolicyVersion v = new PolicyVersion(policyId, next, document, author, comment, Sql.now(clock));
      h.createUpdate("INSERT INTO policy_versions (policy_id, version, document, author, comment, created_at)"
              + " VALUES (:policyId, :version, :document, :author, :comment, :createdAt)")
          .bindMethods(v)
          .execute();
      h.createUpdate("UPDATE policies SET current_version = :version WHERE id = :id")
          .bind("version", next)
          .bind("id", policyId)
          .execute();
      return v;
    }));
  }

  /**
   * Rolls back to an earlier version by publishing its text again as a new version, so history
   * only ever grows and the gateway sees an ordinary publish.
   *
   * @throws NoSuchElementException when that version does not exist
   */
  public PolicyVersion rollback(long policyId, int toVersion, String author) {
    PolicyVersion old = version(policyId, toVersion)
        .orElseThrow(() -> new NoSuchElementException("policy " + policyId + " has no version " + toVersion));
    return publish(policyId, old.document(), author, "rollback to version " + toVersion);
  }

  /** The version gateways should run, or empty before the first publish. */
  public Optional<PolicyVersion> current(long policyId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT v.* FROM policy_versions v JOIN policies p ON p.id = v.policy_id AND p.current_version = v.version"
                + " WHERE p.id = :id")
        .bind("id", policyId)
        .map((rs, ctx) -> version(rs))
        .findOne());
  }

  /** One version of the policy. */
  public Optional<PolicyVersion> version(long policyId, int version) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM policy_versions WHERE policy_id = :id AND version = :version")
        .bind("id", policyId)
        .bind("version", version)
        .map((rs, ctx) -> version(rs))
        .findOne());
  }

  /** Every version of the policy, newest first. */
  public List<PolicyVersion> history(long policyId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM policy_versions WHERE policy_id = :id ORDER BY version DESC")
        .bind("id", policyId)
        .map((rs, ctx) -> version(rs))
        .list());
  }

  private static Optional<Policy> findPolicy(Handle h, long policyId, boolean lock) {
    return h.createQuery("SELECT * FROM policies WHERE id = :id" + (lock ? " FOR UPDATE" : ""))
        .bind("id", policyId)
        .map((rs, ctx) -> policy(rs))
        .findOne();
  }

  private static Policy policy(ResultSet rs) throws SQLException {
    return new Policy(rs.getLong("id"), rs.getString("school_id"), rs.getString("name"),
        rs.getObject("current_version", Integer.class), Sql.instant(rs, "created_at"));
  }

  private static PolicyVersion version(ResultSet rs) throws SQLException {
    return new PolicyVersion(rs.getLong("policy_id"), rs.getInt("version"), rs.getString("document"),
        rs.getString("author"), rs.getString("comment"), Sql.instant(rs, "created_at"));
  }
}
