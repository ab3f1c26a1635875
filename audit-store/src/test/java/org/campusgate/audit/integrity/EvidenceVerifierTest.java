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
import java.util.stream.IntStream;
import org.campusgate.audit.journal.RecordCodec;
import org.junit.jupiter.api.Test;

class EvidenceVerifierTest {

  private final GatewayKeys keys = GatewayKeys.generate("gw");
  private final RecordCodec codec = new RecordCodec();
  private final List<byte[]> records = IntStream.range(0, 13)
      .mapToObj(i -> codec.encode(i, event(i))).toList();
  private final NodeSource source = NaiveMerkle.source(records);
  private final SignedCheckpoint signed = new CheckpointSigner(keys).sign(new Checkpoint("gw",
      13, MerkleProofs.rootHash(13, source), Instant.parse("2026-01-01T00:00:00Z")));
  private final EvidenceVerifier verifier =
      new EvidenceVerifier(new CheckpointVerifier(keys.verifierKey()));

  private static IdentityEvent event(int seq) {
    return new IdentityEvent(new UUID(0, seq), Instant.EPOCH, "s", "gw",
        IdentityEvent.Kind.LOGIN, "u" + seq, List.of(), "10.0.0.1", "proxy-basic", null);
  }

  private EvidenceBundle.Item item(int seq, byte[] bytes) {
    return new EvidenceBundle.Item(seq, bytes, event(seq),
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
    changed[changed.length - 1] ^= 1; // the actor: null becomes ""
    assertThat(codec.decode(changed).record()).isNotEqualTo(event(5));
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

  @Test
  void anItemShowingAnotherEventThanItsProvenBytesIsChanged() {
    EvidenceBundle.Item honest = item(3, records.get(3));
    EvidenceBundle.Item lying = new EvidenceBundle.Item(3, records.get(3), event(4),
        honest.auditPath());
    assertThat(verifier.verify(new EvidenceBundle(signed, "gw", List.of(lying))))
        .extracting(IntegrityProblem::kind).containsExactly(IntegrityProblem.Kind.CHANGED);
  }
}
