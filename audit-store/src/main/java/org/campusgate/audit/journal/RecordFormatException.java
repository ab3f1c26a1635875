package org.campusgate.audit.journal;

/**
 * Bytes that are not a valid canonical journal record: unknown version or type, truncated or
 * trailing bytes, non-canonical varints, malformed UTF-8, values out of range.
 */
public final class RecordFormatException extends RuntimeException {
  public RecordFormatException(String message) {
    super(message);
  }

  public RecordFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
