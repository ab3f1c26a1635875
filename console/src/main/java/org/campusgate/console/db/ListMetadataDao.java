package org.campusgate.console.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** What each block or category list's last import brought in (one row per list name). */
public final class ListMetadataDao {
  private final Jdbi jdbi;
  private final Clock clock;

  ListMetadataDao(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Records an import of list {@code name}, replacing what the previous import of it recorded.
   * Update-then-insert in one transaction: portable, where MERGE and ON CONFLICT are not.
   */
  public ListMetadata recordImport(String name, String schoolId, String source,
      int domainCount, int urlCount, int expressionCount, String importedBy) {
    Instant now = Sql.now(clock);
    return Sql.call("record import of " + name, () -> jdbi.inTransaction(h -> {
      int updated = h.createUpdate("UPDATE list_metadata SET school_id = :school, source = :source,"
              + " domain_count = :d, url_count = :u, expression_count = :e, imported_by = :by, imported_at = :now"
              + " WHERE name = :name")
          .bind("school", schoolId).bind("source", source).bind("d", domainCount).bind("u", urlCount)
          .bind("e", expressionCount).bind("by", importedBy).bind("now", now).bind("name", name)
          .execute();
      if (updated == 0) {
        h.createUpdate("INSERT INTO list_metadata (name, school_id, source, domain_count, url_count,"
                + " expression_count, imported_by, imported_at) VALUES (:name, :school, :source, :d, :u, :e, :by, :now)")
            .bind("school", schoolId).bind("source", source).bind("d", domainCount).bind("u", urlCount)
            .bind("e", expressionCount).bind("by", importedBy).bind("now", now).bind("name", name)
            .execute();
      }
      return h.createQuery("SELECT * FROM list_metadata WHERE name = :name")
          .bind("name", name)
          .map((rs, ctx) -> map(rs))
          .one();
    }));
  }

  /** The list with this name. */
  public Optional<ListMetadata> find(String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM list_metadata WHERE name = :name")
        .bind("name", name)
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  /** All lists, by name. */
  public List<ListMetadata> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM list_metadata ORDER BY name")
        .map((rs, ctx) -> map(rs))
        .list());
  }

  private static ListMetadata map(ResultSet rs) throws SQLException {
    return new ListMetadata(rs.getLong("id"), rs.getString("name"), rs.getString("school_id"),
        rs.getString("source"), rs.getInt("domain_count"), rs.getInt("url_count"),
        rs.getInt("expression_count"), rs.getString("imported_by"), Sql.instant(rs, "imported_at"));
  }
}
