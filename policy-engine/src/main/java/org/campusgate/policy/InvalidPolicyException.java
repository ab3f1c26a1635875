package org.campusgate.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy document was rejected; {@link #errors()} lists every problem found, not just the first. */
public final class InvalidPolicyException extends Exception {
  private final String source;
  private final List<PolicyError> errors;

  public InvalidPolicyException(String source, List<PolicyError> errors) {
    super(source + ":\n  " + errors.stream().map(PolicyError::toString).collect(Collectors.joining("\n  ")));
    this.source = source;
    this.errors = List.copyOf(errors);
  }

  public String source() {
    return source;
  }

  public List<PolicyError> errors() {
    return errors;
  }
}
