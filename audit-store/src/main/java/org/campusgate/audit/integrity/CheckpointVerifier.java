package org.campusgate.audit.integrity;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.integrity.CheckpointException.Reason;

/**
 * Checks signed checkpoint notes against one gateway key. As in the C2SP signed-note rules, the
 * first signature line whose key name and key id match the key decides; lines from other keys
 * are ignored. Thread-safe.
 */
public final class CheckpointVerifier {

  private final VerifierKey key;
  private final Ed25519PublicKeyParameters publicKey;

  /** A verifier for the key in C2SP verifier key text form (see {@link VerifierKey}). */
  public CheckpointVerifier(String verifierKeyText) {
    this(VerifierKey.parse(verifierKeyText));
  }

  public CheckpointVerifier(VerifierKey key) {
    this.key = Objects.requireNonNull(key, "key");
    this.publicKey = new Ed25519PublicKeyParameters(key.publicKey());
  }

  /**
   * Verifies a note and parses its checkpoint.
   *
   * @throws CheckpointException {@link Reason#MALFORMED} for a malformed note or body,
   *     {@link Reason#UNKNOWN_KEY} when no signature is from this key, {@link
   *     Reason#BAD_SIGNATURE} when this key's signature does not verify
   */
  public Checkpoint verify(String note) throws CheckpointException {
    SignedNote parsed = SignedNote.parse(note);
    SignedNote.Signature mine = null;
    for (SignedNote.Signature s : parsed.signatures()) {
      if (s.isFrom(key)) {
        mine = s;
        break;
      }
    }
    if (mine == null) {
      throw new CheckpointException(Reason.UNKNOWN_KEY,
          "no signature from key " + key.name() + "+" + key.keyIdHex());
    }
    byte[] sig = mine.signature();
    byte[] body = parsed.body().getBytes(StandardCharsets.UTF_8);
    if (sig.length != 64 || !verifyEd25519(body, sig)) {
      throw new CheckpointException(Reason.BAD_SIGNATURE,
          "signature of key " + key.name() + " does not verify");
    }
    // Only signed text is interpreted.
    return CheckpointText.parse(parsed.body());
  }

  /** The key this verifier trusts. */
  public VerifierKey key() {
    return key;
  }

  private boolean verifyEd25519(byte[] message, byte[] sig) {
    Ed25519Signer verifier = new Ed25519Signer(); // not thread-safe, so one per call
    verifier.init(false, publicKey);
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(sig);
  }
}
