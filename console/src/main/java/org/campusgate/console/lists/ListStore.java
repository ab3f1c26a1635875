package org.campusgate.console.lists;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The tables of migration V2: recorded imports and custom entries. */
final class ListStore {
  private final Jdbi jdbi;
  private final Clock clock;

  ListStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  ListImport recordImport(String source, String storedPath, int categories, long entries,
      String by) {
    Instant now = now();
    long id = jdbi.withHandle(h -> h.createUpdate("INSERT INTO list_imports (source, stored_path,"
            + " category_count, entry_count, imported_by, imported_at)"
            + " VALUES (:source, :stored, :categories, :entries, :by, :at)")
        .bind("source", source).bind("stored", storedPath).bind("categories", categories)
        .bind("entries", entries).bind("by", by).bind("at", now)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    return new ListImport(id, source, storedPath, categories, entries, by, now);
  }

  /** The set in force: the newest import. */
  Optional<ListImport> newestImport() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM list_imports ORDER BY id DESC LIMIT 1")
        .map((rs, ctx) -> importRow(rs)).findOne());
  }

  List<CustomEntry> entries() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM list_custom_entries ORDER BY category, kind, entry")
        .map((rs, ctx) -> entryRow(rs)).list());
  }

  List<CustomEntry> entries(String category) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM list_custom_entries WHERE category = :category ORDER BY kind, entry")
        .bind("category", category).map((rs, ctx) -> entryRow(rs)).list());
  }

  /** Adds the entry unless it is there already; true when added. */
  boolean add(String category, String kind, String entry, String by) {
    return jdbi.inTransaction(h -> {
      boolean exists = h.createQuery("SELECT COUNT(*) FROM list_custom_entries"
              + " WHERE category = :category AND kind = :kind AND entry = :entry")
          .bind("category", category).bind("kind", kind).bind("entry", entry)
          .mapTo(Integer.class).one() > 0;
      if (exists) {
        return false;
      }
      h.createUpdate("INSERT INTO list_custom_entries (category, kind, entry, created_by, created_at)"
              + " VALUES (:category, :kind, :entry, :by, :at)")
          .bind("category", category).bind("kind", kind).bind("entry", entry).bind("by", by)
          .bind("at", now()).execute();
      return true;
    });
  }

  /** Removes the entry; true when it was there. */
  boolean remove(String category, String kind, String entry) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM list_custom_entries"
            + " WHERE category = :category AND kind = :kind AND entry = :entry")
        .bind("category", category).bind("kind", kind).bind("entry", entry).execute()) > 0;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static ListImport importRow(ResultSet rs) throws SQLException {
    return new ListImport(rs.getLong("id"), rs.getString("source"), rs.getString("stored_path"),
        rs.getInt("category_count"), rs.getLong("entry_count"), rs.getString("imported_by"),
        instant(rs, "imported_at"));
  }

  private static CustomEntry entryRow(ResultSet rs) throws SQLException {
    return new CustomEntry(rs.getLong("id"), rs.getString("category"), rs.getString("kind"),
        rs.getString("entry"), rs.getString("created_by"), instant(rs, "created_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
