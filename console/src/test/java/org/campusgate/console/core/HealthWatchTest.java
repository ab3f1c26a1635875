package org.campusgate.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.ConsoleDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only transitions reach the admin log; a restart during an outage does not open it twice. */
class HealthWatchTest {
  @TempDir Path dir;
  ConsoleDatabase db;
  AdminLog log;
  final AtomicReference<String> storeProblem = new AtomicReference<>();

  /** A check that answers what the test says; throwing is unhealthy too. */
  final HealthCheck flipping = new HealthCheck() {
    @Override
    protected Result check() {
      String problem = storeProblem.get();
      if ("throw".equals(problem)) {
        throw new IllegalStateException("writer died");
      }
      return problem == null ? Result.healthy("open") : Result.unhealthy(problem);
    }
  };
  final HealthCheck alwaysHealthy = new HealthCheck() {
    @Override
    protected Result check() {
      return Result.healthy();
    }
  };

  @BeforeEach
  void open() {
    db = ConsoleDatabase.openEmbedded(dir);
    log = new AdminLog(db.adminLog(), new ObjectMapper());
  }

  @AfterEach
  void close() {
    db.close();
  }

  HealthWatch watch() {
    Map<String, HealthCheck> checks = new LinkedHashMap<>();
    checks.put("clock-drift", alwaysHealthy);
    checks.put("audit-store", flipping);
    return new HealthWatch(checks, log);
  }

  List<AdminAction> entries() {
    return db.adminLog().page(null, 0, 100);
  }

  @Test
  void writesTransitionsOnly() {
    HealthWatch watch = watch();
    watch.runOnce();
    assertThat(entries()).as("healthy and staying so: nothing").isEmpty();

    storeProblem.set("no audit store is attached");
    watch.runOnce();
    watch.runOnce();
    storeProblem.set(null);
    watch.runOnce();
    watch.runOnce();
    storeProblem.set("throw");
    watch.runOnce();

    assertThat(entries()).extracting(AdminAction::actor, AdminAction::action,
        AdminAction::target, AdminAction::schoolId).containsExactly(
            org.assertj.core.groups.Tuple.tuple("system", "health.unhealthy",
                "health:audit-store", null),
            org.assertj.core.groups.Tuple.tuple("system", "health.healthy",
                "health:audit-store", null),
            org.assertj.core.groups.Tuple.tuple("system", "health.unhealthy",
                "health:audit-store", null));
    assertThat(entries().get(0).afterJson())
        .isEqualTo("{\"check\":\"audit-store\",\"message\":\"no audit store is attached\"}");
    assertThat(entries().get(2).afterJson()).contains("writer died");
  }

  @Test
  void aRestartDuringAnOutageDoesNotOpenItAgain() {
    storeProblem.set("closed");
    watch().runOnce();
    HealthWatch afterRestart = watch();
    afterRestart.runOnce();
    assertThat(entries()).hasSize(1);
    storeProblem.set(null);
    afterRestart.runOnce();
    assertThat(entries()).extracting(AdminAction::action)
        .containsExactly("health.unhealthy", "health.healthy");
  }

  @Test
  void startsAndStops() throws Exception {
    HealthWatch watch = watch();
    watch.start();
    watch.stop();
    watch.stop();
  }
}
