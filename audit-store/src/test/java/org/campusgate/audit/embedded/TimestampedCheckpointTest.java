package org.campusgate.audit.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import org.campusgate.audit.SignedCheckpoint;
import org.campusgate.audit.TestEvents;
import org.campusgate.audit.integrity.CheckpointText;
import org.campusgate.audit.integrity.InProcessTsa;
import org.campusgate.audit.integrity.TimestampVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a time-stamp authority configured, every checkpoint carries an RFC 3161 token. */
class TimestampedCheckpointTest {
  @TempDir Path dir;

  @Test
  void checkpointsAreStampedByTheConfiguredAuthority() throws Exception {
    try (InProcessTsa tsa = InProcessTsa.start();
        EmbeddedAuditStore store = EmbeddedAuditStore.open(
            EmbeddedStoreConfig.builder(dir.resolve("audit"), "test/gw")
                .timestampAuthorityUrl(tsa.uri()).build())) {
      TestEvents events = new TestEvents();
      store.append(List.of(events.access("2026-10-12T08:00:00Z", "alice", "10.0.0.1",
          "example.com").build())).awaitDurable(Duration.ofSeconds(10));
      Instant before = Instant.now().minusSeconds(5);
      SignedCheckpoint cp = store.checkpointNow();

      assertThat(cp.timestampToken()).isNotNull();
      byte[] body = CheckpointText.body(cp.checkpoint()).getBytes(StandardCharsets.UTF_8);
      assertThat(TimestampVerifier.verify(cp.timestampToken(), body, tsa.certificate()))
          .isAfter(before);
      assertThat(store.checkpoints(0).get(0).timestampToken()).isEqualTo(cp.timestampToken());
    }
  }
}
