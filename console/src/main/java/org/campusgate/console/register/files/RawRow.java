package org.campusgate.console.register.files;

import java.util.List;
import java.util.Map;

/**
 * One data row as read from a sheet or CSV file, before its cells are parsed.
 *
 * @param source the file or sheet
 * @param row the row as a spreadsheet shows it
 * @param cells the non-blank cells, stripped, by column name
 * @param problems what was wrong with the row as read (over-long cells, cells without a header)
 */
record RawRow(String source, int row, Map<String, String> cells, List<RowError> problems) {
  RawRow {
    cells = Map.copyOf(cells);
    problems = List.copyOf(problems);
  }
}
