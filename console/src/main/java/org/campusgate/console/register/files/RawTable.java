package org.campusgate.console.register.files;

import java.util.List;

/**
 * One table as read from a file: its rows, and the problems of the file or sheet as a whole
 * (bad header, too many rows, not CSV); {@code table} is null when the file could not be told.
 */
record RawTable(Table table, String source, List<RawRow> rows, List<RowError> errors) {
  RawTable {
    rows = List.copyOf(rows);
    errors = List.copyOf(errors);
  }
}
