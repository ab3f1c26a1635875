package org.campusgate.policy.lists;

/**
 * One problem found in a list file: where it is and what is wrong.
 *
 * @param file the file, relative to the list root (e.g. {@code gambling/domains})
 * @param line 1-based line number, or 0 when the problem concerns the whole file
 * @param message what is wrong, in plain words
 */
public record ListError(String file, int line, String message) {
  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }
}
