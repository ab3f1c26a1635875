package org.campusgate.console.report.rectify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.campusgate.console.report.FindingKind;
import org.campusgate.console.report.RectificationItem;
import org.campusgate.console.report.RectificationStatus;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The {@code rectification_items} table. An item is unique by month, school, kind and subject:
 * {@link #raiseIfAbsent} inserts one or returns the one already there. District items (school
 * null) are stored with an empty {@code school_key}, since SQL's UNIQUE treats NULLs as distinct.
 */
public final class RectificationDao {
  /** The most items one listing returns. */
  public static final int MAX_LIST = 5_000;

  private static final String COLUMNS = "id, report_month, school_id, kind, subject, summary,"
      + " owner, deadline, status, updated_at, updated_by, note";

  private final Jdbi jdbi;

  /** @param jdbi the console database's configured Jdbi (it binds and reads instants in UTC) */
  public RectificationDao(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
  }

  /** What a new item holds. */
  public record NewItem(YearMonth month, String schoolId, FindingKind kind, String subject,
      String summary, String owner, LocalDate deadline) {}

  /**
   * Inserts the item unless one with the same month, school, kind and subject exists.
   *
   * @return the item in the table, and whether this call created it
   */
  public Raised raiseIfAbsent(NewItem n, Instant now, String actor) {
    Optional<RectificationItem> existing = find(n.month(), n.schoolId(), n.kind(), n.subject());
    if (existing.isPresent()) {
      return new Raised(existing.get(), false);
    }
    try {
      long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO rectification_items (report_month,"
              + " school_id, school_key, kind, subject, summary, owner, deadline, status,"
              + " created_at, updated_at, updated_by) VALUES (:month, :school, :key, :kind,"
              + " :subject, :summary, :owner, :deadline, 'OPEN', :now, :now, :actor)")
          .bind("month", n.month().toString())
          .bind("school", n.schoolId())
          .bind("key", key(n.schoolId()))
          .bind("kind", n.kind().name())
          .bind("subject", n.subject())
          .bind("summary", n.summary())
          .bind("owner", n.owner())
          .bind("deadline", n.deadline())
          .bind("now", now)
          .bind("actor", actor)
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
      return new Raised(find(id).orElseThrow(), true);
    } catch (JdbiException e) {
      // two reports of the same month at once: the other one inserted it first
      return find(n.month(), n.schoolId(), n.kind(), n.subject())
          .map(i -> new Raised(i, false)).orElseThrow(() -> e);
    }
  }

  /** An item and whether the call created it. */
  public record Raised(RectificationItem item, boolean created) {}

  public Optional<RectificationItem> find(long id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
            + " FROM rectification_items WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> map(rs)).findOne());
  }

  Optional<RectificationItem> find(YearMonth month, String school, FindingKind kind,
      String subject) {
    return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM rectification_items"
            + " WHERE report_month = :month AND school_key = :key AND kind = :kind"
            + " AND subject = :subject")
        .bind("month", month.toString()).bind("key", key(school)).bind("kind", kind.name())
        .bind("subject", subject)
        .map((rs, ctx) -> map(rs)).findOne());
  }

  /**
   * Items by month, school and status, each filter optional (null: any), oldest month first,
   * then by id; at most {@link #MAX_LIST}.
   *
   * @param district with {@code school} null: true for the district's own items only
   */
  public List<RectificationItem> list(YearMonth month, String school, boolean district,
      RectificationStatus status) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM rectification_items"
        + " WHERE 1 = 1");
    if (month != null) {
      sql.append(" AND report_month = :month");
    }
    if (school != null || district) {
      sql.append(" AND school_key = :key");
    }
    if (status != null) {
      sql.append(" AND status = :status");
    }
    sql.append(" ORDER BY report_month, id LIMIT ").append(MAX_LIST);
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql.toString());
      if (month != null) {
        q.bind("month", month.toString());
      }
      if (school != null || district) {
        q.bind("key", key(school));
      }
      if (status != null) {
        q.bind("status", status.name());
      }
      return q.map((rs, ctx) -> map(rs)).list();
    });
  }

  /**
   * Items of months before {@code month} that were not closed before {@code monthStart}:
   * open, rectified, or closed since then; oldest month first.
   *
   * @param school one school, or null for all
   */
  public List<RectificationItem> carriedInto(YearMonth month, Instant monthStart, String school) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery("SELECT " + COLUMNS + " FROM rectification_items"
          + " WHERE report_month < :month"
          + " AND (closed_at IS NULL OR closed_at >= :start)"
          + (school == null ? "" : " AND school_key = :key")
          + " ORDER BY report_month, id LIMIT " + MAX_LIST)
          .bind("month", month.toString()).bind("start", monthStart);
      if (school != null) {
        q.bind("key", key(school));
      }
      return q.map((rs, ctx) -> map(rs)).list();
    });
  }

  /**
   * Sets the status (and the closing time with it) when the item still has {@code expected}.
   *
   * @return whether it was changed (false: changed meanwhile, or gone)
   */
  public boolean setStatus(long id, RectificationStatus expected, RectificationStatus status,
      String note, Instant now, String actor) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE rectification_items SET status = :status,"
            + " note = :note, updated_at = :now, updated_by = :actor, closed_at = :closed"
            + " WHERE id = :id AND status = :expected")
        .bind("status", status.name()).bind("note", note).bind("now", now).bind("actor", actor)
        .bind("closed", status == RectificationStatus.CLOSED ? now : null)
        .bind("id", id).bind("expected", expected.name())
        .execute()) == 1;
  }

  /** Gives the item a new owner and deadline. @return whether there was such an item */
  public boolean reassign(long id, String owner, LocalDate deadline, Instant now, String actor) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE rectification_items SET owner = :owner,"
            + " deadline = :deadline, updated_at = :now, updated_by = :actor WHERE id = :id")
        .bind("owner", owner).bind("deadline", deadline).bind("now", now).bind("actor", actor)
        .bind("id", id).execute()) == 1;
  }

  /** Runs {@code work} in one transaction (the admin log entry goes with the change). */
  public <T> T inTransaction(Supplier<T> work) {
    return jdbi.inTransaction(h -> work.get());
  }

  private static String key(String school) {
    return school == null ? "" : school;
  }

  private static RectificationItem map(ResultSet rs) throws SQLException {
    OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
    return new RectificationItem(rs.getLong("id"), YearMonth.parse(rs.getString("report_month")),
        rs.getString("school_id"), FindingKind.valueOf(rs.getString("kind")),
        rs.getString("subject"), rs.getString("summary"), rs.getString("owner"),
        rs.getObject("deadline", LocalDate.class),
        RectificationStatus.valueOf(rs.getString("status")), updated.toInstant(),
        rs.getString("updated_by"), rs.getString("note"));
  }
}
