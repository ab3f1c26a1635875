package org.campusgate.audit.integrity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.SignedCheckpoint;

/**
 * Signs checkpoints as C2SP signed notes with the gateway's Ed25519 key (see
 * {@link CheckpointText} for the body and {@link SignedNote} for the note). Thread-safe.
 */
public final class CheckpointSigner {

  private final GatewayKeys keys;

  public CheckpointSigner(GatewayKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
  }

  /** The signed note for {@code checkpoint}, without a time stamp token. */
  public SignedCheckpoint sign(Checkpoint checkpoint) {
    String body = CheckpointText.body(checkpoint);
    return new SignedCheckpoint(checkpoint, note(body), null);
  }

  /**
   * The signed note for {@code checkpoint} with an RFC 3161 token from {@code tsa} over the
   * note's body (UTF-8).
   */
  public SignedCheckpoint sign(Checkpoint checkpoint, TimestampAuthority tsa)
      throws TimestampException {
    Objects.requireNonNull(tsa, "tsa");
    String body = CheckpointText.body(checkpoint);
    byte[] token = tsa.timestamp(body.getBytes(StandardCharsets.UTF_8));
    return new SignedCheckpoint(checkpoint, note(body), token);
  }

  /** The key this signer signs with. */
  public VerifierKey verifierKey() {
    return keys.verifierKey();
  }

  private String note(String body) {
    byte[] sig = keys.sign(body.getBytes(StandardCharsets.UTF_8));
    VerifierKey key = keys.verifierKey();
    return new SignedNote(body, List.of(new SignedNote.Signature(key.name(), key.keyId(), sig)))
        .text();
  }
}
