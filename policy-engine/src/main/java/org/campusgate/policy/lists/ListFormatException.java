package org.campusgate.policy.lists;

import java.util.List;
import java.util.stream.Collectors;

/** A list set could not be imported; {@link #errors()} says where and why. Nothing was loaded. */
public final class ListFormatException extends Exception {
  private final List<ListError> errors;

  public ListFormatException(List<ListError> errors) {
    super(errors.stream().map(ListError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  public List<ListError> errors() {
    return errors;
  }
}
