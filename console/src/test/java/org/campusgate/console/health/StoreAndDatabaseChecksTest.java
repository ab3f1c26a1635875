package org.campusgate.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck.Result;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.console.db.ConsoleDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreAndDatabaseChecksTest {
  @TempDir Path dir;

  @Test
  void theDatabaseIsHealthyWhileItAnswers() {
    try (ConsoleDatabase db = ConsoleDatabase.open(ConsoleDatabase.embeddedUrl(dir), "sa", "")) {
      Result r = new DatabaseCheck(db.jdbi(), Duration.ofSeconds(2)).execute();
      assertThat(r.isHealthy()).as(r.getMessage()).isTrue();
      assertThat(r.getMessage()).startsWith("SELECT 1 answered in ");
    }
  }

  @Test
  void aDatabaseThatCannotBeOpenedIsUnhealthy() {
    Jdbi missing = Jdbi.create("jdbc:h2:file:" + dir.resolve("absent") + ";IFEXISTS=TRUE", "sa", "");
    Result r = new DatabaseCheck(missing, Duration.ofSeconds(2)).execute();
    assertThat(r.isHealthy()).isFalse();
    assertThat(r.getMessage()).startsWith("the database failed: ").contains("not found");
  }

  @Test
  void aDatabaseThatHangsIsUnhealthyAfterTheTimeoutAndChecksDoNotPileUp() throws Exception {
    // a "PostgreSQL server" that accepts and never answers the start-up message
    try (ServerSocket mute = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      Jdbi hanging = Jdbi.create("jdbc:postgresql://127.0.0.1:" + mute.getLocalPort() + "/x",
          "u", "p");
      DatabaseCheck check = new DatabaseCheck(hanging, Duration.ofMillis(300));
      long started = System.nanoTime();
      Result first = check.execute();
      assertThat(first.isHealthy()).isFalse();
      assertThat(first.getMessage()).isEqualTo("no answer within 300 ms");
      assertThat(System.nanoTime() - started).isLessThan(3_000_000_000L);
      Result second = check.execute();
      assertThat(second.getMessage()).isEqualTo("the previous query has not answered yet");
      try (Socket accepted = mute.accept()) {
        accepted.close(); // ends the hanging query
      }
    }
  }

  @Test
  void theAuditStoreIsHealthyWhileOpenWithItsBacklogAndUnhealthyOnceClosed() throws Exception {
    EmbeddedAuditStore store = EmbeddedAuditStore.open(
        EmbeddedStoreConfig.builder(dir.resolve("audit"), "campusgate/test/gw").build());
    AuditStoreCheck check = new AuditStoreCheck(() -> store);
    Result open = check.execute();
    assertThat(open.isHealthy()).as(open.getMessage()).isTrue();
    assertThat(open.getMessage()).isEqualTo("open, 0 records queued");
    assertThat(open.getDetails()).containsEntry("backlog", 0L);

    store.close();
    Result closed = check.execute();
    assertThat(closed.isHealthy()).isFalse();
    assertThat(closed.getMessage()).isEqualTo("the audit store is closed");
  }

  @Test
  void withoutAGatewayInThisProcessThereIsNothingToCheck() {
    Result r = new GatewayListenerCheck(Optional::empty, Duration.ofSeconds(1)).execute();
    assertThat(r.isHealthy()).isTrue();
    assertThat(r.getMessage()).isEqualTo("no gateway in this process");
  }
}
