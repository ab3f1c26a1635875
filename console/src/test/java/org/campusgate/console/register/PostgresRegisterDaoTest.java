package org.campusgate.console.register;

import java.sql.SQLException;
import org.campusgate.console.db.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The register DAO on a real PostgreSQL server, started by the test run. */
class PostgresRegisterDaoTest extends RegisterDaoContract {
  @RegisterExtension static final PostgresServer PG = new PostgresServer();

  @Override
  String newDatabaseUrl() throws SQLException {
    return PG.newDatabase();
  }

  @Override
  String user() {
    return PG.user();
  }
}
