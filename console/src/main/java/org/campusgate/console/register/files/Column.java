package org.campusgate.console.register.files;

/**
 * One column of a register table.
 *
 * @param name the English snake_case header name, as the writer writes it
 * @param label the Simplified Chinese header label, also accepted on import
 * @param required whether a file must have the column and every row a value in it
 */
public record Column(String name, String label, boolean required) {
  static Column required(String name, String label) {
    return new Column(name, label, true);
  }

  static Column optional(String name, String label) {
    return new Column(name, label, false);
  }

  /** How errors and messages name the column: {@code filing_number (备案编号)}. */
  String display() {
    return name + " (" + label + ")";
  }
}
