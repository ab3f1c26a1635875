package org.campusgate.audit.evidence;

/** An evidence file that is not a well-formed bundle; says what is wrong. */
public final class EvidenceFormatException extends IllegalArgumentException {
  public EvidenceFormatException(String message) {
    super(message);
  }
}
