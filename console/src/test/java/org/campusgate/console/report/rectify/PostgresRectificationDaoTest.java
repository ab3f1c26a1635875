package org.campusgate.console.report.rectify;

import java.sql.SQLException;
import org.campusgate.console.db.PostgresServer;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rectification items on a real PostgreSQL server, started by the test run. */
class PostgresRectificationDaoTest extends RectificationDaoContract {
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
