package org.campusgate.console.db;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The DAO contract on the embedded default: an H2 file database in PostgreSQL mode. */
class H2ConsoleDaoTest extends ConsoleDaoContract {
  @TempDir Path dir;

  @Override
  String newDatabaseUrl() {
    return ConsoleDatabase.embeddedUrl(dir);
  }

  @Override
  String user() {
    return "sa";
  }

  @Override
  String password() {
    return "";
  }
}
