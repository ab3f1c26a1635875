package org.campusgate.console.report.rectify;

import java.nio.file.Path;
import org.campusgate.console.db.ConsoleDatabase;
import org.junit.jupiter.api.io.TempDir;

/** Rectification items on the embedded default: an H2 file database in PostgreSQL mode. */
class H2RectificationDaoTest extends RectificationDaoContract {
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
