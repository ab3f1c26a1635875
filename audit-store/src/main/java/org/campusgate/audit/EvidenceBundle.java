package org.campusgate.audit;

import java.util.List;
import java.util.Objects;

/**
 * Events with what proves they are in the gateway's signed history: for each, its journal bytes
 * and its RFC 6962 inclusion proof against one signed checkpoint. Checked offline with nothing
 * but the gateway's public key.
 *
 * @param checkpoint the signed checkpoint the proofs lead to
 * @param keyName the signer's key name in the note
 * @param items the events and their proofs
 */
public record EvidenceBundle(SignedCheckpoint checkpoint, String keyName, List<Item> items) {

  public EvidenceBundle {
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(keyName, "keyName");
    items = List.copyOf(items);
  }

  /**
   * One event in a bundle.
   *
   * @param seq its leaf index
   * @param recordBytes its canonical journal bytes (what the leaf hash is over)
   * @param event the decoded record
   * @param auditPath the inclusion proof, from the leaf's sibling up
   */
  public record Item(long seq, byte[] recordBytes, AuditRecord event, List<byte[]> auditPath) {
    public Item {
      Objects.requireNonNull(recordBytes, "recordBytes");
      Objects.requireNonNull(event, "event");
      auditPath = List.copyOf(auditPath);
    }
  }
}
