package org.campusgate.audit;

import java.util.Objects;

/**
 * A checkpoint with the gateway's Ed25519 signature, in the signed-note text form the district
 * collects; optionally with an RFC 3161 time-stamp token over the note from a trusted TSA.
 *
 * @param checkpoint the tree head
 * @param note the whole signed note as text (body, blank line, signature lines); what is
 *     verified and what is shipped
 * @param timestampToken the DER RFC 3161 token over the note's body, or null
 */
public record SignedCheckpoint(Checkpoint checkpoint, String note, byte[] timestampToken) {
  public SignedCheckpoint {
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(note, "note");
    timestampToken = timestampToken == null ? null : timestampToken.clone();
  }

  @Override
  public byte[] timestampToken() {
    return timestampToken == null ? null : timestampToken.clone();
  }
}
