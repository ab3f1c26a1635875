package org.campusgate.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
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

  @Test
  void theEmbeddedDatabaseIsOneFileUnderTheGivenDirectory(@TempDir Path var) {
    try (ConsoleDatabase embedded = ConsoleDatabase.openEmbedded(var)) {
      embedded.schools().create("demo-school", "Demo");
    }
    assertThat(var.resolve("console.mv.db")).isRegularFile();
    try (ConsoleDatabase again = ConsoleDatabase.openEmbedded(var)) {
      assertThat(again.schools().find("demo-school")).isPresent();
    }
  }
}
