package org.campusgate.audit.integrity;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.EvidenceBundle;
import org.campusgate.audit.IntegrityProblem;
import org.campusgate.audit.IntegrityProblem.Kind;
import org.campusgate.audit.journal.JournalEntry;
import org.campusgate.audit.journal.RecordCodec;
import org.campusgate.audit.journal.RecordFormatException;

/**
 * Checks an {@link EvidenceBundle} offline with only the gateway's public key (and, optionally,
 * the pinned TSA certificate): the checkpoint note's signature, that the bundle's checkpoint is
 * the signed one, and each item's inclusion proof from the leaf hash of its record bytes to the
 * signed root, and that each item's {@code event} and {@code seq} are what its bytes say (so a
 * bundle cannot show one event and prove another). Thread-safe.
 */
public final class EvidenceVerifier {

  private final CheckpointVerifier verifier;
  private final X509Certificate tsaCertificate;

  /** Checks signatures and proofs; time stamp tokens are ignored. */
  public EvidenceVerifier(CheckpointVerifier verifier) {
    this(verifier, null);
  }

  /** As above, and a checkpoint's time stamp token, when present, against the TSA. */
  public EvidenceVerifier(CheckpointVerifier verifier, X509Certificate tsaCertificate) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.tsaCertificate = tsaCertificate;
  }

  /** What is wrong with {@code bundle}; empty when it proves all its items. */
  public List<IntegrityProblem> verify(EvidenceBundle bundle) {
    Objects.requireNonNull(bundle, "bundle");
    List<IntegrityProblem> problems = new ArrayList<>();
    Checkpoint signed;
    try {
      signed = verifier.verify(bundle.checkpoint().note());
    } catch (CheckpointException e) {
      problems.add(problem(Kind.BAD_SIGNATURE, -1, "checkpoint note: " + e.getMessage()));
      return problems;
    }
    if (!signed.equals(bundle.checkpoint().checkpoint())) {
      problems.add(problem(Kind.ROOT_MISMATCH, -1, "the bundle's checkpoint " + bundle
          .checkpoint().checkpoint() + " is not the signed one " + signed));
      return problems;
    }
    if (!bundle.keyName().equals(verifier.key().name())) {
      problems.add(problem(Kind.BAD_SIGNATURE, -1, "bundle names key '" + bundle.keyName()
          + "', the note is signed by '" + verifier.key().name() + "'"));
    }
    byte[] token = bundle.checkpoint().timestampToken();
    if (tsaCertificate != null && token != null) {
      try {
        SignedNote note = SignedNote.parse(bundle.checkpoint().note());
        TimestampVerifier.verify(token, note.body().getBytes(StandardCharsets.UTF_8),
            tsaCertificate);
      } catch (TimestampException | CheckpointException e) {
        problems.add(problem(Kind.BAD_TIMESTAMP, -1, e.getMessage()));
      }
    }
    MerkleHasher hasher = new MerkleHasher();
    RecordCodec codec = new RecordCodec();
    byte[] root = signed.rootHash();
    for (EvidenceBundle.Item item : bundle.items()) {
      try {
        JournalEntry entry = codec.decode(item.recordBytes());
        if (entry.seq() != item.seq() || !entry.record().equals(item.event())) {
          problems.add(problem(Kind.CHANGED, item.seq(), "item " + item.seq()
              + " shows an event other than the one its record bytes hold"));
          continue;
        }
      } catch (RecordFormatException e) {
        problems.add(problem(Kind.CORRUPT, item.seq(), "record bytes of item " + item.seq()
            + " cannot be decoded: " + e.getMessage()));
        continue;
      }
      byte[] leaf = hasher.leafHash(item.recordBytes());
      if (!MerkleProofs.verifyInclusion(item.seq(), signed.treeSize(), leaf, item.auditPath(),
          root)) {
        problems.add(problem(Kind.CHANGED, item.seq(), "record " + item.seq()
            + " is not proven to be in the signed tree of size " + signed.treeSize()));
      }
    }
    return problems;
  }

  private static IntegrityProblem problem(Kind kind, long seq, String detail) {
    return new IntegrityProblem(kind, null, seq, -1, detail);
  }
}
