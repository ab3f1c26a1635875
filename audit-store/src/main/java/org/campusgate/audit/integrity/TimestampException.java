package org.campusgate.audit.integrity;

/** Getting or verifying an RFC 3161 time stamp failed; the message says how. */
public final class TimestampException extends Exception {

  private static final long serialVersionUID = 1L;

  public TimestampException(String message) {
    super(message);
  }

  public TimestampException(String message, Throwable cause) {
    super(message, cause);
  }
}
