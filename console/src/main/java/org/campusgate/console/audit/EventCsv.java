package org.campusgate.console.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.StoredEvent;

/**
 * Access events as CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Chinese
 * text right), a header row, one row per event with every field of {@link AccessEvent}.
 *
 * <p>Text that a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @},
 * tab, carriage return first) is prefixed with an apostrophe: URLs and user agents come from
 * clients, and opening an export must not run what a client sent.
 */
public final class EventCsv implements AutoCloseable {
  /** The columns, in order: the journal sequence number, then the event's fields. */
  public static final List<String> HEADER = List.of("seq", "eventId", "timestamp", "schoolId",
      "gatewayId", "userId", "groups", "authMethod", "clientIp", "method", "host", "port", "sni",
      "url", "httpStatus", "bytesUp", "bytesDown", "durationMillis", "category", "appId",
      "action", "reason", "ruleId", "policyVersion", "providerFiling", "schoolFiling",
      "tlsInspected", "userAgent");

  private final CSVPrinter printer;

  /** Starts the CSV on {@code out}: the byte-order mark and the header row. */
  public EventCsv(OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    w.write('\uFEFF');
    this.printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
    printer.printRecord(HEADER);
  }

  public void write(StoredEvent stored) throws IOException {
    AccessEvent e = stored.event();
    printer.printRecord(stored.seq(), e.eventId(), e.timestamp(), text(e.schoolId()),
        text(e.gatewayId()), text(e.userId()), text(String.join(" ", e.groups())),
        text(e.authMethod()), text(e.clientIp()), text(e.method()), text(e.host()), e.port(),
        text(e.sni()), text(e.url()), e.httpStatus(), e.bytesUp(), e.bytesDown(),
        e.durationMillis(), text(e.category()), text(e.appId()), text(e.action()),
        text(e.reason()), text(e.ruleId()), e.policyVersion(), text(e.providerFiling()),
        text(e.schoolFiling()), e.tlsInspected(), text(e.userAgent()));
  }

  /** Writes what is buffered to the stream (between pages, so the download progresses). */
  public void flush() throws IOException {
    printer.flush();
  }

  /** Flushes; the stream stays open (it belongs to the caller). */
  @Override
  public void close() throws IOException {
    printer.flush();
  }

  static String text(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char c = value.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
        ? "'" + value : value;
  }
}
