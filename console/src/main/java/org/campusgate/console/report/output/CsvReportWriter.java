package org.campusgate.console.report.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.campusgate.console.report.output.LaidOutReport.Column;
import org.campusgate.console.report.output.LaidOutReport.Table;

/**
 * Writes every table of a laid-out report as its own CSV file: {@code NN-<table id>.csv} (NN its
 * place in the report, so the files list in reading order and never collide), UTF-8 with a byte
 * order mark so Excel opens Chinese text right, RFC 4180 with CRLF, a header row of the column
 * labels and then the rows as the report shows them.
 */
public final class CsvReportWriter {
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  /** The file name of the {@code index}th table (0-based). */
  public static String fileName(int index, Table table) {
    return String.format("%02d-%s.csv", index + 1, ReportLayouts.slug(table.id()));
  }

  /** Writes the tables into {@code dir} (created when missing) and answers the files, in order. */
  public List<Path> write(LaidOutReport report, Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    List<Table> tables = report.tables();
    for (int i = 0; i < tables.size(); i++) {
      Path file = dir.resolve(fileName(i, tables.get(i)));
      try (OutputStream out = Files.newOutputStream(file)) {
        write(tables.get(i), out);
      }
      files.add(file);
    }
    return files;
  }

  /**
   * A cell that a spreadsheet will not run as a formula: text starting with {@code = + - @} or a
   * control character gets a leading apostrophe (OWASP's advice on CSV injection); negative
   * figures are left alone.
   */
  static String inert(String cell) {
    if (cell == null || cell.isEmpty()) {
      return cell;
    }
    char c = cell.charAt(0);
    boolean figure = c == '-' && cell.length() > 1 && Character.isDigit(cell.charAt(1));
    boolean risky = c == '=' || c == '+' || c == '@' || c == '\t' || c == '\r'
        || (c == '-' && !figure);
    return risky ? "'" + cell : cell;
  }

  /** One table as CSV, BOM first. */
  public void write(Table table, OutputStream out) throws IOException {
    out.write(BOM);
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    try (CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180)) {
      csv.printRecord(table.columns().stream().map(Column::label).toList());
      for (List<String> row : table.rows()) {
        csv.printRecord(row.stream().map(CsvReportWriter::inert).toList());
      }
    }
  }
}
