package org.campusgate.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.EvidenceBundle;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.IntegrityProblem;
import org.campusgate.audit.SignedCheckpoint;
import org.junit.jupiter.api.Test;

class EvidenceVerifierTest {

  private final GatewayKeys keys = GatewayKeys.generate("gw");
  private final List<byte[]> records = NaiveMerkle.data(13);
  private final NodeSource source = NaiveMerkle.source(records);
  private final SignedCheckpoint signed = new CheckpointSigner(keys).sign(new Checkpoint("gw",
      13, MerkleProofs.rootHash(13, source), Instant.parse("2026-01-01T00:00:00Z")));
  private final EvidenceVerifier verifier =
      new EvidenceVerifier(new CheckpointVerifier(keys.verifierKey()));

  private EvidenceBundle.Item item(int seq, byte[] bytes) {
    IdentityEvent event = new IdentityEvent(new UUID(0, seq), Instant.EPOCH, "s", "gw",
        IdentityEvent.Kind.LOGIN, "u", List.of(), "10.0.0.1", "proxy-basic", null);
    return new EvidenceBundle.Item(seq, bytes, event,
        MerkleProofs.inclusionProof(seq, 13, source));
  }

  @Test
  void acceptsAValidBundle() {
    EvidenceBundle bundle = new EvidenceBundle(signed, "gw",
        List.of(item(0, records.get(0)), item(12, records.get(12))));
    assertThat(verifier.verify(bundle)).isEmpty();
  }

  @Test
  void reportsChangedRecordsAndForeignSignatures() {
    byte[] changed = records.get(5).clone();
    changed[0] ^= 1;
    EvidenceBundle bundle = new EvidenceBundle(signed, "gw",
        List.of(item(4, records.get(4)), item(5, changed)));
    assertThat(verifier.verify(bundle)).extracting(IntegrityProblem::kind, IntegrityProblem::seq)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(IntegrityProblem.Kind.CHANGED, 5L));

    SignedCheckpoint forged = new CheckpointSigner(GatewayKeys.generate("gw"))
        .sign(signed.checkpoint());
    assertThat(verifier.verify(new EvidenceBundle(forged, "gw", List.of())))
        .extracting(IntegrityProblem::kind)
        .containsExactly(IntegrityProblem.Kind.BAD_SIGNATURE);
  }
}
