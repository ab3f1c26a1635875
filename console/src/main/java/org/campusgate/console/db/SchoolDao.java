package org.campusgate.console.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Schools. */
public final class SchoolDao {
  private final Jdbi jdbi;
  private final Clock clock;

  SchoolDao(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /** Adds a school. @throws ConstraintViolationException DUPLICATE when the id is taken */
  public School create(String id, String name) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    School school = new School(id, name, Sql.now(clock));
    Sql.run("create school " + id, () -> jdbi.useHandle(h -> h.createUpdate(
            "INSERT INTO schools (id, name, created_at) VALUES (:id, :name, :createdAt)")
        .bindMethods(school)
        .execute()));
    return school;
  }

  /** The school with this id. */
  public Optional<School> find(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM schools WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  /** All schools, by id. */
  public List<School> list() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM schools ORDER BY id")
        .map((rs, ctx) -> map(rs))
        .list());
  }

  private static School map(ResultSet rs) throws SQLException {
    return new School(rs.getString("id"), rs.getString("name"), Sql.instant(rs, "created_at"));
  }
}
