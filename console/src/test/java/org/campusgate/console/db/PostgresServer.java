package org.campusgate.console.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away PostgreSQL server for tests, from the Debian package's binaries
 * ({@code /usr/lib/postgresql/<major>/bin}): {@code initdb} into a fresh directory under /tmp, then
 * {@code pg_ctl start} listening only on 127.0.0.1 at a free port, its unix socket in that same
 * directory, trust authentication for the single user {@code campusgate}. Started once per test
 * run (held in JUnit's root store), stopped with {@code pg_ctl stop -m fast} and deleted when the
 * run ends; a shutdown hook does the same if the JVM ends first (e.g. a killed build).
 *
 * <p>PostgreSQL refuses to run as root. When the JVM is root (as in CI), the server commands run
 * through {@code runuser -u postgres --} and the directory is handed to the {@code postgres} user
 * the Debian package creates.
 *
 * <p>Use it as {@code @RegisterExtension static final PostgresServer PG = new PostgresServer();}
 * and call {@link #newDatabase()} for an empty database.
 */
public final class PostgresServer implements BeforeAllCallback {
  private static final String USER = "campusgate";
  private static final Duration START_DEADLINE = Duration.ofSeconds(60);
  private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(60);
  private Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(ExtensionContext.Namespace.create(PostgresServer.class))
        .getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class);
  }

  /**
   * Returns the JDBC URL of a new, empty database (user {@link #user()}, no password). It is a
   * fresh schema of one shared database, made current through the URL: CREATE SCHEMA takes a
   * millisecond where CREATE DATABASE takes ~300 ms, and everything the console creates lives
   * in the current schema.
   */
  public String newDatabase() throws SQLException {
    String name = "t" + running.schemas.incrementAndGet();
    try (Connection c = DriverManager.getConnection(running.url(Running.DATABASE), USER, null);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    }
    return running.url(Running.DATABASE) + "?currentSchema=" + name;
  }

  public String user() {
    return USER;
  }

  /** How long initdb plus start took, for the record. */
  Duration startTime() {
    return running.startTime;
  }

  /** One server: its directory, port and how long it took to come up. */
  static final class Running implements AutoCloseable {
    static final String DATABASE = "contract";
    /** Every test class using the extension shares this server, so the schema count lives here. */
    final AtomicInteger schemas = new AtomicInteger();

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;
    private Duration startTime;

    private Running(Path dir, Path bin, int port, boolean asPostgresUser) {
      this.dir = dir;
      this.bin = bin;
      this.port = port;
      this.asPostgresUser = asPostgresUser;
    }

    static Running start() {
      long t0 = System.nanoTime();
      Path bin = findBinaries();
      Running r;
      try {
        // Under /tmp (not a @TempDir below the build directory) so the postgres user can reach it.
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "campusgate-pg-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        // the owner uid of what we just created says whether we are root, even without a passwd entry
        boolean root = ((Integer) Files.getAttribute(dir, "unix:uid")) == 0;
        if (root) {
          UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
          Files.setOwner(dir, postgres);
        }
        // Chosen, then released for the server to bind: another process could take it in
        // between; then the start fails at once with the server's log (no retry yet).
        r = new Running(dir, bin, freePort(), root);
      } catch (IOException e) {
        throw new IllegalStateException("cannot prepare a directory for PostgreSQL: " + e, e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(r::stopQuietly, "postgres-test-server-stop"));
      r.run(r.bin.resolve("initdb").toString(), "-D", r.data().toString(), "-U", USER,
          "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync");
      r.run(r.bin.resolve("pg_ctl").toString(), "start", "-W", "-D", r.data().toString(),
          "-l", r.dir.resolve("server.log").toString(),
          "-o", "-c listen_addresses=127.0.0.1 -c port=" + r.port + " -c unix_socket_directories=" + r.dir
              + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
      r.awaitReady();
      r.createDatabase();
      r.startTime = Duration.ofNanos(System.nanoTime() - t0);
      System.err.printf("PostgreSQL test server up on 127.0.0.1:%d in %d ms (%s)%n",
          r.port, r.startTime.toMillis(), r.dir);
      return r;
    }

    String url(String database) {
      return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private Path data() {
      return dir.resolve("data");
    }

    /** Connects until the server answers or the deadline passes; each try itself times out. */
    private void awaitReady() {
      long deadline = System.nanoTime() + START_DEADLINE.toNanos();
      SQLException last = null;
      // Each attempt is bounded too: whatever else might answer on the port must not hang us.
      Properties props = new Properties();
      props.setProperty("user", USER);
      props.setProperty("connectTimeout", "5");
      props.setProperty("loginTimeout", "5");
      props.setProperty("socketTimeout", "10");
      while (System.nanoTime() < deadline) {
        try (Connection c = DriverManager.getConnection(url("postgres"), props)) {
          if (c.isValid(5)) {
            return;
          }
        } catch (SQLException e) {
          last = e;
          if (!serverAlive()) {
            break; // e.g. the port was taken between choosing and binding it; the log says why
          }
          // back off briefly between attempts; bounded by the deadline above
          try {
            TimeUnit.MILLISECONDS.sleep(50);
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      String log = readLog();
      stopQuietly();
      throw new IllegalStateException("PostgreSQL did not accept connections (waited at most " + START_DEADLINE
          + "; last error: " + last + "); server log:\n" + log, last);
    }

    private void createDatabase() {
      try (Connection c = DriverManager.getConnection(url("postgres"), USER, null);
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + DATABASE);
      } catch (SQLException e) {
        stopQuietly();
        throw new IllegalStateException("cannot create the test database: " + e, e);
      }
    }

    /** False once the postmaster has given up: its pid file is gone and the log says why. */
    private boolean serverAlive() {
      return Files.exists(data().resolve("postmaster.pid")) || !readLog().contains("FATAL");
    }

    @Override
    public void close() {
      stopQuietly();
    }

    private synchronized void stopQuietly() {
      if (!Files.exists(dir)) {
        return;
      }
      try {
        if (Files.exists(data().resolve("postmaster.pid"))) {
          run(bin.resolve("pg_ctl").toString(), "stop", "-m", "fast", "-w", "-D", data().toString());
        }
      } catch (RuntimeException e) {
        System.err.println("stopping the PostgreSQL test server: " + e.getMessage());
      } finally {
        deleteTree(dir);
      }
    }

    private void run(String... command) {
      List<String> cmd = new ArrayList<>();
      if (asPostgresUser) {
        cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
      }
      cmd.addAll(List.of(command));
      try {
        Path out = Files.createTempFile("campusgate-pg-cmd", ".log");
        try {
          Process p = new ProcessBuilder(cmd)
              .directory(dir.toFile()) // the postgres user may not enter the build's working directory
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
          if (!p.waitFor(COMMAND_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + COMMAND_DEADLINE);
          }
          if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "):\n"
                + Files.readString(out) + readLog());
          }
        } finally {
          Files.deleteIfExists(out);
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted running " + String.join(" ", cmd), e);
      }
    }

    private String readLog() {
      try {
        Path log = dir.resolve("server.log");
        return Files.exists(log) ? Files.readString(log) : "";
      } catch (IOException e) {
        return "(server log unreadable: " + e + ")";
      }
    }

    private static Path findBinaries() {
      Path root = Path.of("/usr/lib/postgresql");
      List<Path> found = new ArrayList<>();
      if (Files.isDirectory(root)) {
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(root)) {
          for (Path v : versions) {
            if (Files.isExecutable(v.resolve("bin/initdb")) && Files.isExecutable(v.resolve("bin/pg_ctl"))) {
              found.add(v.resolve("bin"));
            }
          }
        } catch (IOException e) {
          throw new IllegalStateException("cannot list " + root + ": " + e, e);
        }
      }
      // the newest major version wins when several are installed
      return found.stream()
          .max(Comparator.comparingInt(p -> majorOf(p.getParent().getFileName().toString())))
          .orElseThrow(() -> new IllegalStateException("PostgreSQL server binaries not found under " + root
              + "/*/bin: install the Debian package postgresql (bin/test does)"));
    }

    private static int majorOf(String dirName) {
      try {
        return Integer.parseInt(dirName.replaceAll("\\..*", ""));
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      }
    }

    private static void deleteTree(Path dir) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        System.err.println("cannot delete " + dir + ": " + e);
      }
    }
  }
}
