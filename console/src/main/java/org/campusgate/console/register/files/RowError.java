package org.campusgate.console.register.files;

/**
 * One problem in a register file, where the user will look for it.
 *
 * @param source the CSV file or the workbook sheet, as the user named it
 * @param row the row as a spreadsheet shows it (the header is row 1); 0 for the whole file or
 *     sheet
 * @param column the column's header name, or null for the whole row
 * @param message what is wrong, with the offending text
 */
public record RowError(String source, int row, String column, String message) {
  @Override
  public String toString() {
    return source + (row > 0 ? " row " + row : "") + (column == null ? "" : ", " + column) + ": " + message;
  }
}
