package org.campusgate.audit.embedded;

import java.nio.file.Path;
import java.time.Duration;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.AuditStoreContractTest;
import org.junit.jupiter.api.io.TempDir;

/** The contract, run against the journal + Lucene store in a temporary directory. */
class EmbeddedAuditStoreContractTest extends AuditStoreContractTest {
  @TempDir Path dir;

  @Override
  protected AuditStore openEmptyStore() throws Exception {
    return EmbeddedAuditStore.open(EmbeddedStoreConfig.builder(dir.resolve("audit"),
            "campusgate/test/gw-1")
        .commitInterval(Duration.ofMillis(50))
        .build());
  }
}
