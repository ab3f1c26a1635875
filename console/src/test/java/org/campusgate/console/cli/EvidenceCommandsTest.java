package org.campusgate.console.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campusgate.console.cli.InProcessCli.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.TestEvents;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.console.cli.InProcessCli.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A responder exports evidence from a store; anyone with the public key checks it offline. */
class EvidenceCommandsTest {
  @TempDir Path dir;
  private Path store;
  private Path bundle;
  private Path publicKey;
  private AccessEvent blocked;

  @BeforeEach
  void recordSomeTraffic() throws Exception {
    store = dir.resolve("audit");
    bundle = dir.resolve("case-2026-17.json");
    publicKey = store.resolve("keys/checkpoint.pub");
    TestEvents events = new TestEvents();
    blocked = events.access("2026-10-12T08:05:00Z", "alice", "10.0.0.1", "casino.example")
        .action("BLOCK").reason("CATEGORY_BLOCKED").category("gambling").build();
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(
        EmbeddedStoreConfig.builder(store, "campusgate/school-1/gw-1").build())) {
      s.append(List.of(
              events.access("2026-10-12T08:00:00Z", "alice", "10.0.0.1", "example.com").build(),
              blocked))
          .awaitDurable(Duration.ofSeconds(10));
    }
  }

  @Test
  void exportedEvidenceVerifiesOfflineWithThePublicKey() {
    Result export = run("audit", "evidence", "--dir", store.toString(),
        "--event", blocked.eventId().toString(), "--out", bundle.toString());
    assertThat(export.err()).isEmpty();
    assertThat(export.code()).isZero();

    Result zh = run("verify-evidence", bundle.toString(), "--key", publicKey.toString());
    assertThat(zh.code()).isZero();
    assertThat(zh.out()).contains("验证通过", "alice", "casino.example", "CATEGORY_BLOCKED",
        "campusgate/school-1/gw-1");

    Result en = run("verify-evidence", bundle.toString(), "--key", publicKey.toString(),
        "--lang", "en");
    assertThat(en.out()).contains("VERIFIED: all 1 events");
  }

  @Test
  void aBundleWhoseEventWasAlteredDoesNotVerify() throws Exception {
    run("audit", "evidence", "--dir", store.toString(), "--event", blocked.eventId().toString(),
        "--out", bundle.toString());
    String json = Files.readString(bundle);
    String record = json.replaceAll("(?s).*\"record\" : \"([^\"]+)\".*", "$1");
    byte[] bytes = Base64.getDecoder().decode(record);
    String forged = new String(bytes, StandardCharsets.ISO_8859_1).replace("alice", "bobby");
    Files.writeString(bundle, json.replace(record, Base64.getEncoder().encodeToString(
        forged.getBytes(StandardCharsets.ISO_8859_1))));

    Result r = run("verify-evidence", bundle.toString(), "--key", publicKey.toString(),
        "--lang", "en");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("bobby", "NOT VERIFIED", "CHANGED");
  }

  @Test
  void anotherKeyDoesNotVerifyAndGarbageIsRefusedClearly() throws Exception {
    run("audit", "evidence", "--dir", store.toString(), "--event", blocked.eventId().toString(),
        "--out", bundle.toString());
    String otherKey = "campusgate/school-1/gw-1+00000000+AQ"
        + Base64.getEncoder().encodeToString(new byte[32]).substring(2);
    Result wrong = run("verify-evidence", bundle.toString(), "--key", otherKey, "--lang", "en");
    assertThat(wrong.code()).isNotZero();

    Files.writeString(dir.resolve("junk.json"), "{\"format\":\"nope\"}");
    Result junk = run("verify-evidence", dir.resolve("junk.json").toString(), "--key",
        publicKey.toString(), "--lang", "en");
    assertThat(junk.code()).isEqualTo(2);
    assertThat(junk.err()).contains("Cannot check this evidence");
  }

  @Test
  void auditVerifyReportsAnIntactStore() {
    Result r = run("audit", "verify", "--dir", store.toString(), "--lang", "en");
    assertThat(r.out()).contains("Integrity verified: 2 records");
    assertThat(r.code()).isZero();
    assertThat(run("audit", "key", "--dir", store.toString()).out())
        .startsWith("campusgate/school-1/gw-1+");
  }

  @Test
  void reindexRebuildsTheIndexesAndEvidenceStillExports() {
    Result r = run("audit", "reindex", "--dir", store.toString(), "--lang", "en");
    assertThat(r.out()).contains("Rebuilt the search indexes");
    assertThat(r.code()).isZero();
    Result export = run("audit", "evidence", "--dir", store.toString(),
        "--event", blocked.eventId().toString(), "--out", bundle.toString());
    assertThat(export.code()).isZero();
    assertThat(run("audit", "reindex", "--dir", dir.resolve("nothing").toString()).code())
        .isNotZero();
  }
}
