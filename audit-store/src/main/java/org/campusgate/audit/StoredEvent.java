package org.campusgate.audit;

import java.util.Objects;

/**
 * An access event as the store holds it: with its sequence number in the journal, which is also
 * its leaf index in the Merkle tree.
 */
public record StoredEvent(long seq, AccessEvent event) {
  public StoredEvent {
    Objects.requireNonNull(event, "event");
  }
}
