package org.campusgate.audit.journal;

import java.util.Objects;
import org.campusgate.audit.AuditRecord;

/**
 * A decoded journal record with its sequence number (its Merkle leaf index).
 *
 * @param seq the sequence number, not negative
 * @param record the record
 */
public record JournalEntry(long seq, AuditRecord record) {
  public JournalEntry {
    if (seq < 0) {
      throw new IllegalArgumentException("negative seq " + seq);
    }
    Objects.requireNonNull(record, "record");
  }
}
