package org.campusgate.console.db;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Update;

/** Small helpers every DAO shares: database errors made readable, and times in UTC. */
final class Sql {
  private Sql() {}

  /**
   * Runs a database call and turns integrity violations into {@link ConstraintViolationException}.
   * SQLSTATEs are the standard ones, so H2 and PostgreSQL map alike.
   */
  /**
   * Runs an INSERT whose statement {@code bind} fills in and returns the generated {@code id};
   * constraint violations come out as in {@link #call}.
   */
  static long insert(Jdbi jdbi, String what, String sql, UnaryOperator<Update> bind) {
    return call(what, () -> jdbi.withHandle(h -> bind.apply(h.createUpdate(sql))
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one()));
  }

  static <T> T call(String what, Supplier<T> body) {
    try {
      return body.get();
    } catch (JdbiException e) {
      SQLException sql = sqlCause(e);
      if (sql != null && sql.getSQLState() != null) {
        ConstraintViolationException.Kind kind = kindOf(sql.getSQLState());
        if (kind != null) {
          throw new ConstraintViolationException(kind, what + ": " + firstLine(sql.getMessage()), e);
        }
      }
      throw e;
    }
  }

  static void run(String what, Runnable body) {
    call(what, () -> {
      body.run();
      return null;
    });
  }

  private static ConstraintViolationException.Kind kindOf(String state) {
    switch (state) {
      case "23505":
        return ConstraintViolationException.Kind.DUPLICATE;
      case "23503":
      case "23506":
        return ConstraintViolationException.Kind.REFERENCE;
      case "23502":
      case "23513":
      case "23514":
      case "22001":
        return ConstraintViolationException.Kind.INVALID;
      default:
        return null;
    }
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException) {
        return (SQLException) t;
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Both databases keep microseconds; cutting here makes what is read back equal what was written. */
  static Instant now(java.time.Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** Reads a TIMESTAMP WITH TIME ZONE column; null stays null. */
  static Instant instant(java.sql.ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
