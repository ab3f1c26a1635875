package org.campusgate.console.register;

import java.nio.file.Path;
import org.campusgate.console.db.ConsoleDatabase;
import org.junit.jupiter.api.io.TempDir;

/** The register DAO on the embedded default: an H2 file database in PostgreSQL mode. */
class H2RegisterDaoTest extends RegisterDaoContract {
  @TempDir Path dir;

  @Override
  String newDatabaseUrl() {
    return ConsoleDatabase.embeddedUrl(dir);
  }

  @Override
  String user() {
    return "sa";
  }
}
