package org.campusgate.console.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The admin action log. Append-only by design: there is no method to change or remove an entry.
 * (A district deployment can also withhold UPDATE and DELETE on the table from the console's
 * database role.)
 */
public final class AdminLogDao {
  private final Jdbi jdbi;
  private final Clock clock;

  AdminLogDao(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Appends an entry stamped with the current time.
   *
   * @param schoolId the school concerned, or null for district-wide changes
   * @param beforeJson the target's state before as JSON, or null when it was created
   * @param afterJson the target's state after as JSON, or null when it was removed
   */
  public AdminAction append(String actor, String action, String target, String schoolId,
      String beforeJson, String afterJson) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Instant now = Sql.now(clock);
    long id = Sql.insert(jdbi, "log " + action,
        "INSERT INTO admin_actions (at, actor, action, target, school_id, before_json, after_json)"
            + " VALUES (:at, :actor, :action, :target, :school, :before, :after)",
        u -> u.bind("at", now)
            .bind("actor", actor)
            .bind("action", action)
            .bind("target", target)
            .bind("school", schoolId)
            .bind("before", beforeJson)
            .bind("after", afterJson));
    return new AdminAction(id, now, actor, action, target, schoolId, beforeJson, afterJson);
  }

  /**
   * Entries in the order they were written, after entry {@code afterId} (0 for the start).
   *
   * @param schoolId only this school's entries, or null for all
   */
  public List<AdminAction> page(String schoolId, long afterId, int limit) {
    return jdbi.withHandle(h -> {
      var query = h.createQuery("SELECT * FROM admin_actions WHERE id > :after"
              + (schoolId == null ? "" : " AND school_id = :school") + " ORDER BY id LIMIT :limit")
          .bind("after", afterId)
          .bind("limit", limit);
      if (schoolId != null) {
        query.bind("school", schoolId);
      }
      return query.map((rs, ctx) -> map(rs)).list();
    });
  }

  /**
   * The newest entries first, before entry {@code beforeId} ({@link Long#MAX_VALUE} for the
   * newest): what a reader of the log pages through.
   *
   * @param schoolId only this school's entries, or null for all
   */
  public List<AdminAction> latest(String schoolId, long beforeId, int limit) {
    return jdbi.withHandle(h -> {
      var query = h.createQuery("SELECT * FROM admin_actions WHERE id < :before"
              + (schoolId == null ? "" : " AND school_id = :school") + " ORDER BY id DESC LIMIT :limit")
          .bind("before", beforeId)
          .bind("limit", limit);
      if (schoolId != null) {
        query.bind("school", schoolId);
      }
      return query.map((rs, ctx) -> map(rs)).list();
    });
  }

  /**
   * Entries whose action starts with {@code actionPrefix} (e.g. {@code audit.}) written in
   * {@code [from, to)}, in the order they were written, after entry {@code afterId}: what the
   * monthly report reads (looks at persons' logs, health transitions) without paging the whole
   * log.
   */
  public List<AdminAction> actions(String actionPrefix, Instant from, Instant to, long afterId,
      int limit) {
    Objects.requireNonNull(actionPrefix, "actionPrefix");
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM admin_actions WHERE id > :after"
            + " AND at >= :from AND at < :to AND action LIKE :prefix ORDER BY id LIMIT :limit")
        .bind("after", afterId)
        .bind("from", from)
        .bind("to", to)
        .bind("prefix", actionPrefix.replace("%", "") + "%") // actions have no "_" or "%"
        .bind("limit", limit)
        .map((rs, ctx) -> map(rs)).list());
  }

  private static AdminAction map(ResultSet rs) throws SQLException {
    return new AdminAction(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("actor"),
        rs.getString("action"), rs.getString("target"), rs.getString("school_id"),
        rs.getString("before_json"), rs.getString("after_json"));
  }
}
