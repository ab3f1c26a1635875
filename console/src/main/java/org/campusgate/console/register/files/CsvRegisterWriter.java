package org.campusgate.console.register.files;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.campusgate.policy.apps.AppRegister;

/**
 * Writes one register table as CSV (RFC 4180, CRLF), preceded by a byte order mark so Excel
 * opens the UTF-8 Chinese text correctly; the reader skips it.
 */
final class CsvRegisterWriter {
  private CsvRegisterWriter() {}

  static void write(AppRegister register, Table table, boolean history, Writer out) throws IOException {
    List<Column> columns = table.columns();
    out.write('\uFEFF');
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
        .setHeader(columns.stream().map(Column::name).toArray(String[]::new)).get());
    for (Map<String, String> row : RegisterRows.of(register, table, history)) {
      for (Column c : columns) {
        String v = row.get(c.name());
        printer.print(v == null ? "" : v);
      }
      printer.println();
    }
    printer.flush();
  }
}
