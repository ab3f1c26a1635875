package org.campusgate.console.people;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV as RFC 4180 writes it (and spreadsheets save it): comma-separated fields, fields in
 * double quotes may hold commas, line breaks and doubled quotes; CRLF or LF line ends; a UTF-8
 * byte order mark is skipped. Blank lines are skipped. Each record knows the line it starts on,
 * so errors can name it.
 */
public final class CsvReader {
  /** One record: its fields, and the line (from 1) it starts on. */
  public record Row(int line, List<String> fields) {}

  /** A malformed file, with the line of the problem. */
  public static final class MalformedCsvException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;

    MalformedCsvException(int line, String message) {
      super("line " + line + ": " + message);
      this.line = line;
    }

    public int line() {
      return line;
    }
  }

  private CsvReader() {}

  /**
   * @param maxRows the most records accepted, header included
   * @throws MalformedCsvException for an unclosed quote, text after a closing quote, or more than
   *     {@code maxRows} records
   */
  public static List<Row> read(String text, int maxRows) throws MalformedCsvException {
    List<Row> rows = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = text.startsWith("\uFEFF") ? 1 : 0;
    int line = 1;
    int rowLine = 1;
    boolean quoted = false;
    boolean afterQuote = false;
    boolean any = false; // the record has content (blank lines are skipped)
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append(c);
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          if (afterQuote || field.length() > 0) {
            throw new MalformedCsvException(line,
                "a quote inside an unquoted field (put the whole field in quotes and double the quote)");
          }
          quoted = true;
          any = true;
        }
        case ',' -> {
          fields.add(field.toString());
          field.setLength(0);
          afterQuote = false;
          any = true;
        }
        case '\r' -> {
          // part of CRLF; a lone CR is treated as a line end too
          if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
            rowLine = endRecord(rows, fields, field, any, rowLine, line + 1, maxRows);
            line++;
            any = false;
            afterQuote = false;
          }
        }
        case '\n' -> {
          rowLine = endRecord(rows, fields, field, any, rowLine, line + 1, maxRows);
          line++;
          any = false;
          afterQuote = false;
        }
        default -> {
          if (afterQuote) {
            throw new MalformedCsvException(line, "text after the closing quote of a field");
          }
          field.append(c);
          any = true;
        }
      }
    }
    if (quoted) {
      throw new MalformedCsvException(rowLine, "a quoted field is not closed");
    }
    endRecord(rows, fields, field, any, rowLine, line, maxRows);
    return rows;
  }

  private static int endRecord(List<Row> rows, List<String> fields, StringBuilder field,
      boolean any, int rowLine, int nextLine, int maxRows) throws MalformedCsvException {
    if (any) {
      fields.add(field.toString());
      if (rows.size() >= maxRows) {
        throw new MalformedCsvException(rowLine, "more than " + maxRows + " rows");
      }
      rows.add(new Row(rowLine, List.copyOf(fields)));
    }
    fields.clear();
    field.setLength(0);
    return nextLine;
  }
}
