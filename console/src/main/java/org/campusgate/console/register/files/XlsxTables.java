package org.campusgate.console.register.files;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads the register tables from an .xlsx workbook, one sheet each, with POI's streaming (SAX)
 * reader: a sheet is never held as a DOM, formulas count by their cached value, and a date cell
 * reads as ISO text ({@code 2026-03-01}, or {@code 2026-03-01T08:00} with a time) whatever its
 * display format, so dates typed as text and real date cells parse alike.
 */
final class XlsxTables {
  /** Sheets a district workbook may carry beside the tables (instructions). */
  private static final Set<String> IGNORED_SHEETS = Set.of("说明", "填表说明", "readme", "instructions", "notes");

  private XlsxTables() {}

  /** The tables of the workbook among {@code wanted}; a problem with the file is one failed table. */
  static List<RawTable> read(String fileName, byte[] bytes, List<Table> wanted) {
    String budget = ZipBudget.check(bytes);
    if (budget != null) {
      return List.of(failed(fileName, budget));
    }
    List<RawTable> tables = new ArrayList<>();
    try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      StylesTable styles = reader.getStylesTable();
      XSSFReader.SheetIterator sheets = reader.getSheetIterator();
      List<Table> seen = new ArrayList<>();
      while (sheets.hasNext()) {
        try (InputStream sheet = sheets.next()) {
          String name = sheets.getSheetName();
          if (IGNORED_SHEETS.contains(name.strip().toLowerCase(Locale.ROOT))) {
            continue;
          }
          Table table = Table.named(name).filter(wanted::contains).orElse(null);
          String source = fileName + " [" + name + "]";
          if (table == null) {
            tables.add(failed(source, "unknown sheet '" + HeaderMap.shorten(name) + "' (the sheets are "
                + String.join(", ", wanted.stream().map(t -> t.sheet() + " / " + t.label()).toList()) + ")"));
            continue;
          }
          if (seen.contains(table)) {
            tables.add(failed(source, "a second sheet for the table " + table.sheet()));
            continue;
          }
          seen.add(table);
          tables.add(readSheet(table, source, sheet, styles, strings));
        }
      }
      if (seen.isEmpty() && tables.isEmpty()) {
        tables.add(failed(fileName, "the workbook has none of the sheets "
            + String.join(", ", wanted.stream().map(Table::sheet).toList())));
      }
    } catch (Exception e) { // POI reports a broken file with many exception types
      return List.of(failed(fileName, "not a readable .xlsx workbook (" + e.getMessage() + ")"));
    }
    return tables;
  }

  private static RawTable readSheet(Table table, String source, InputStream sheet, StylesTable styles,
      ReadOnlySharedStringsTable strings) throws Exception {
    TableCollector collector = new TableCollector(table, source);
    Rows rows = new Rows(collector);
    XMLReader parser = XMLHelper.newXMLReader();
    parser.setContentHandler(new XSSFSheetXMLHandler(styles, strings, rows, new IsoDates(), false));
    try {
      parser.parse(new InputSource(sheet));
    } catch (Stop stop) {
      // the collector said why
    }
    if (!collector.hasHeader()) {
      return new RawTable(table, source, List.of(), List.of());
    }
    return collector.finish();
  }

  private static RawTable failed(String source, String message) {
    return new RawTable(null, source, List.of(), List.of(new RowError(source, 0, null, message)));
  }

  /** Ends the parse of a sheet early (too many rows, an unusable header). */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  /** Gathers a row's cells and hands the row to the collector. */
  private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final TableCollector collector;
    private final SortedMap<Integer, String> cells = new TreeMap<>();
    private int next;

    Rows(TableCollector collector) {
      this.collector = collector;
    }

    @Override
    public void startRow(int rowNum) {
      cells.clear();
      next = 0;
    }

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
      int column = reference == null ? next : new CellReference(reference).getCol();
      next = column + 1;
      if (column < Limits.MAX_COLUMNS) {
        cells.put(column, value);
      } else if (value != null && !value.isBlank()) {
        cells.put(Limits.MAX_COLUMNS, value); // reported as a value without a header
      }
    }

    @Override
    public void endRow(int rowNum) {
      int row = rowNum + 1;
      boolean go;
      if (!collector.hasHeader()) {
        if (cells.values().stream().allMatch(v -> v == null || v.isBlank())) {
          return;
        }
        List<String> names = new ArrayList<>();
        cells.forEach((i, v) -> {
          while (names.size() < i) {
            names.add("");
          }
          names.add(v);
        });
        go = collector.header(row, names);
      } else {
        go = collector.row(row, cells);
      }
      if (!go) {
        throw new Stop();
      }
    }
  }

  /** Formats date cells as ISO text, other cells as Excel shows them. */
  private static final class IsoDates extends DataFormatter {
    IsoDates() {
      super(Locale.ROOT);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        LocalDateTime t = DateUtil.getLocalDateTime(value, use1904, true);
        return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
      }
      return super.formatRawCellContents(value, formatIndex, formatString, use1904);
    }
  }
}
