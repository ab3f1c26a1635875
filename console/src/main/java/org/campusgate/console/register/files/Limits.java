package org.campusgate.console.register.files;

/** The bounds every register file is read within. */
final class Limits {
  /** Largest file accepted, CSV or workbook. */
  static final long MAX_FILE_BYTES = 20L << 20;
  /** Most data rows in one sheet or CSV file. */
  static final int MAX_ROWS = 100_000;
  /** Longest cell, in characters (a long list of domains fits). */
  static final int MAX_CELL_CHARS = 4_000;
  /** Most columns read in one row; cells beyond are an error. */
  static final int MAX_COLUMNS = 64;
  /** Most errors kept in a report; the rest are counted. */
  static final int MAX_ERRORS = 1_000;

  private Limits() {}
}
