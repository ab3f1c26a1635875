package org.campusgate.audit.integrity;

import java.util.Objects;

/** A signed checkpoint note that cannot be accepted, and why. */
public final class CheckpointException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a note was refused. */
  public enum Reason {
    /** The text is not a well-formed signed note or checkpoint body. */
    MALFORMED,
    /** No signature line is from the expected key (name and key id). */
    UNKNOWN_KEY,
    /** The expected key's signature does not verify over the body. */
    BAD_SIGNATURE
  }

  private final Reason reason;

  public CheckpointException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message);
    this.reason = reason;
  }

  /** Why the note was refused. */
  public Reason reason() {
    return reason;
  }
}
