package org.campusgate.console.db;

import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DAO contract on a real PostgreSQL server, started by the test run (see {@link PostgresServer}). */
class PostgresConsoleDaoTest extends ConsoleDaoContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  String newDatabaseUrl() throws SQLException {
    return PG.newDatabase();
  }

  @Override
  String user() {
    return PG.user();
  }

  @Override
  String password() {
    return ""; // trust authentication; Flyway refuses a null password
  }
}
