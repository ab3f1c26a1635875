package org.campusgate.console.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The console's database: opened from a JDBC URL, brought to the current schema by the Flyway
 * migrations under {@code db/migration} before anything else touches it, and handed out as a
 * configured {@link Jdbi} and the DAOs built on it.
 *
 * <p>The embedded default is an H2 file under {@code var/} ({@link #embeddedUrl(Path)}) in
 * PostgreSQL mode, so one SQL dialect serves H2 and PostgreSQL. Times are bound and read as
 * {@code TIMESTAMP WITH TIME ZONE} in UTC, cut to microseconds (what both databases keep).
 */
public final class ConsoleDatabase implements AutoCloseable {
  /** H2 settings that make it accept and answer the PostgreSQL dialect the migrations use. */
  public static final String H2_POSTGRES_MODE =
      "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  private final Jdbi jdbi;
  private final Clock clock;
  private final Connection keepOpen;

  private ConsoleDatabase(Jdbi jdbi, Clock clock, Connection keepOpen) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.keepOpen = keepOpen;
  }

  /** The JDBC URL of the embedded H2 database file {@code <dir>/console.mv.db}. */
  public static String embeddedUrl(Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("console") + ";" + H2_POSTGRES_MODE;
  }

  /**
   * Opens (creating it on first use) the embedded H2 database under {@code varDir}. Its user is
   * H2's default with no password: the file's permissions are what protect it.
   */
  public static ConsoleDatabase openEmbedded(Path varDir) {
    return open(embeddedUrl(varDir), "sa", "");
  }

  /** Opens the database at {@code url}, migrating it to the current schema; times come from the system clock. */
  public static ConsoleDatabase open(String url, String user, String password) {
    return open(url, user, password, Clock.systemUTC());
  }

  /**
   * Opens the database at {@code url}, migrating it to the current schema.
   *
   * @param clock where the DAOs take "now" from (created_at, revoked_at, ...)
   * @throws IllegalStateException when the database cannot be reached or a migration fails
   */
  public static ConsoleDatabase open(String url, String user, String password, Clock clock) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(clock, "clock");
    Connection keepOpen = null;
    try {
      if (url.startsWith("jdbc:h2:")) {
        // Without a pool, H2 closes a file database when its last connection closes and reopens
        // it (recovery, cache warm-up) on the next one; one idle connection keeps it open.
        keepOpen = DriverManager.getConnection(url, user, password);
      }
      Flyway.configure()
          .dataSource(url, user, password)
          .locations("classpath:db/migration")
          .load()
          .migrate();
      return new ConsoleDatabase(configure(Jdbi.create(url, user, password)), clock, keepOpen);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(keepOpen, e);
      throw new IllegalStateException("cannot open the console database " + redact(url) + ": " + e.getMessage(), e);
    }
  }

  private static Jdbi configure(Jdbi jdbi) {
    jdbi.installPlugin(new SqlObjectPlugin());
    jdbi.registerArgument(new InstantArgumentFactory());
    jdbi.registerColumnMapper(Instant.class, (rs, col, ctx) -> {
      OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    });
    return jdbi;
  }

  /** The configured Jdbi, for queries no DAO offers yet. */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** Schools. */
  public SchoolDao schools() {
    return new SchoolDao(jdbi, clock);
  }

  /** Console login accounts. */
  public AccountDao accounts() {
    return new AccountDao(jdbi, clock);
  }

  /** API tokens. */
  public TokenDao tokens() {
    return new TokenDao(jdbi, clock);
  }

  /** A school's users, groups and IP bindings. */
  public PeopleDao people() {
    return new PeopleDao(jdbi, clock);
  }

  /** Policies and their versions. */
  public PolicyDao policies() {
    return new PolicyDao(jdbi, clock);
  }

  /** What was imported into each list. */
  public ListMetadataDao lists() {
    return new ListMetadataDao(jdbi, clock);
  }

  /** The append-only admin action log. */
  public AdminLogDao adminLog() {
    return new AdminLogDao(jdbi, clock);
  }

  /** Releases the database; for the embedded H2 file this closes it cleanly. */
  @Override
  public void close() {
    if (keepOpen != null) {
      try {
        keepOpen.close();
      } catch (SQLException e) {
        throw new IllegalStateException("closing the console database: " + e.getMessage(), e);
      }
    }
  }

  private static void closeQuietly(Connection c, Exception primary) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        primary.addSuppressed(e);
      }
    }
  }

  /** URLs may carry a password parameter; error messages show only the part before it. */
  private static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }

  /** Binds an {@link Instant} as a UTC {@code OffsetDateTime}: exact on both databases, whatever the JVM's zone. */
  private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
    InstantArgumentFactory() {
      super(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      OffsetDateTime utc = value.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
      return (position, statement, ctx) -> statement.setObject(position, utc);
    }
  }
}
