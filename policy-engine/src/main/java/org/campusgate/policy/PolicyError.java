package org.campusgate.policy;

/**
 * One problem in a policy document.
 *
 * @param path where in the document, e.g. {@code rules[2].block[0]}; empty for the whole document
 * @param line 1-based line in the source, or 0 when unknown
 * @param message what is wrong
 */
public record PolicyError(String path, int line, String message) {
  @Override
  public String toString() {
    String where = path.isEmpty() ? "" : path + ": ";
    return (line > 0 ? "line " + line + ": " : "") + where + message;
  }
}
