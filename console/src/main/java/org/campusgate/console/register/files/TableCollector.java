package org.campusgate.console.register.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Turns the header and rows of one sheet or CSV file into a {@link RawTable}, whatever the file
 * format: maps cells to columns, skips blank rows, and enforces the row and cell bounds. The
 * readers stop feeding it when a method returns false.
 */
final class TableCollector {
  private final Table table;
  private final String source;
  private final List<RawRow> rows = new ArrayList<>();
  private final List<RowError> errors = new ArrayList<>();
  private HeaderMap header;
  private boolean stopped;

  TableCollector(Table table, String source) {
    this.table = table;
    this.source = source;
  }

  /** The header row; false when it is unusable (the errors say why). */
  boolean header(int row, List<String> names) {
    header = HeaderMap.read(table, names);
    for (String e : header.errors()) {
      errors.add(new RowError(source, row, null, e));
    }
    stopped = !header.errors().isEmpty();
    return !stopped;
  }

  boolean hasHeader() {
    return header != null;
  }

  /** A data row, cells by 0-based column; false when reading must stop. */
  boolean row(int row, SortedMap<Integer, String> cells) {
    if (stopped) {
      return false;
    }
    Map<String, String> values = new HashMap<>();
    List<RowError> problems = new ArrayList<>();
    for (var cell : cells.entrySet()) {
      String value = cell.getValue() == null ? "" : cell.getValue().strip();
      if (value.isEmpty()) {
        continue;
      }
      Column column = header.column(cell.getKey());
      if (column == null) {
        if (!header.isIgnored(cell.getKey())) {
          problems.add(new RowError(source, row, null, "a value in column " + (cell.getKey() + 1)
              + ", which has no known header: '" + HeaderMap.shorten(value) + "'"));
        }
      } else if (value.length() > Limits.MAX_CELL_CHARS) {
        problems.add(new RowError(source, row, column.name(),
            "longer than " + Limits.MAX_CELL_CHARS + " characters (" + value.length() + ")"));
      } else {
        values.put(column.name(), value);
      }
    }
    if (values.isEmpty() && problems.isEmpty()) {
      return true; // a blank row
    }
    if (rows.size() >= Limits.MAX_ROWS) {
      errors.add(new RowError(source, row, null,
          "more than " + Limits.MAX_ROWS + " rows; split the file"));
      stopped = true;
      return false;
    }
    rows.add(new RawRow(source, row, values, problems));
    return true;
  }

  /** A problem with the whole file or sheet. */
  void fail(int row, String message) {
    errors.add(new RowError(source, row, null, message));
    stopped = true;
  }

  RawTable finish() {
    if (header == null && errors.isEmpty()) {
      errors.add(new RowError(source, 0, null, "the file is empty; the first row must name the columns"));
    }
    return new RawTable(table, source, rows, errors);
  }
}
