package org.campusgate.console.register.files;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one register table from CSV (RFC 4180, as spreadsheets save it): UTF-8 with or without
 * a byte order mark, strictly decoded so a GBK file is refused with a hint instead of read as
 * mojibake.
 */
final class CsvTables {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
      .setIgnoreEmptyLines(false) // keep the numbering a spreadsheet shows
      .get();

  private CsvTables() {}

  /**
   * @param table the table, or null to tell it from the header among {@code candidates}
   * @param source the file name, for messages
   */
  static RawTable read(Table table, String source, byte[] bytes, List<Table> candidates) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return failed(table, source, "the file is not UTF-8 text; in Excel save it as \"CSV UTF-8\"");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    TableCollector collector = null;
    try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
      for (CSVRecord record : parser) {
        int row = (int) record.getRecordNumber();
        if (collector == null) {
          List<String> names = record.toList();
          if (names.stream().allMatch(String::isBlank)) {
            continue; // blank lines before the header
          }
          Table chosen = table != null ? table : tell(names, candidates);
          if (chosen == null) {
            return failed(null, source, "cannot tell which table this is: name the file "
                + String.join(", ", candidates.stream().map(Table::fileName).toList())
                + " or give it their header");
          }
          collector = new TableCollector(chosen, source);
          if (!collector.header(row, names)) {
            break;
          }
          continue;
        }
        SortedMap<Integer, String> cells = new TreeMap<>();
        for (int i = 0; i < record.size(); i++) {
          cells.put(i, record.get(i));
        }
        if (!collector.row(row, cells)) {
          break;
        }
      }
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      if (collector == null) {
        return failed(table, source, "not valid CSV: " + why);
      }
      collector.fail(0, "not valid CSV: " + why + " (a quote not closed?)");
    }
    return collector == null ? failed(table, source, "the file is empty; the first row must name the columns")
        : collector.finish();
  }

  private static Table tell(List<String> header, List<Table> candidates) {
    List<Table> fitting = new ArrayList<>();
    for (Table t : candidates) {
      if (HeaderMap.fits(t, header)) {
        fitting.add(t);
      }
    }
    return fitting.size() == 1 ? fitting.get(0) : null;
  }

  private static RawTable failed(Table table, String source, String message) {
    return new RawTable(table, source, List.of(), List.of(new RowError(source, 0, null, message)));
  }
}
