package org.campusgate.policy.apps;

import java.util.List;

/** A register that does not hold together; every problem is listed with where it is. */
public final class InvalidRegisterException extends Exception {
  private final List<String> problems;

  public InvalidRegisterException(List<String> problems) {
    super(problems.size() + " problem(s) in the app register: "
        + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
        + (problems.size() > 5 ? "; ..." : ""));
    this.problems = List.copyOf(problems);
  }

  /** Each problem as {@code where: what}, e.g. {@code app ketang: domains[1]: not a domain}. */
  public List<String> problems() {
    return problems;
  }
}
