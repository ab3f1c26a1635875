package org.campusgate.audit.journal;

import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.IdentityEvent;

/** The kind of record a journal entry holds, with its stable one-byte code (byte 1 of a record). */
public enum RecordType {
  ACCESS(1),
  IDENTITY(2);

  private final int code;

  RecordType(int code) {
    this.code = code;
  }

  /** The stable code written to the record; never the ordinal. */
  public int code() {
    return code;
  }

  /** The type of a code, or a {@link RecordFormatException} for an unknown one. */
  public static RecordType ofCode(int code) {
    return switch (code) {
      case 1 -> ACCESS;
      case 2 -> IDENTITY;
      default -> throw new RecordFormatException("unknown record type " + code);
    };
  }

  /** The type of a record. */
  public static RecordType of(AuditRecord record) {
    if (record instanceof AccessEvent) {
      return ACCESS;
    }
    if (record instanceof IdentityEvent) {
      return IDENTITY;
    }
    throw new IllegalArgumentException("not a journal record type: " + record.getClass());
  }
}
