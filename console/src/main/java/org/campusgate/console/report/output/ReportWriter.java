package org.campusgate.console.report.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.campusgate.console.report.MonthlyReport;

/**
 * Writes a monthly report into a folder, complete and readable offline:
 * <pre>
 * DIR/report.html        the report (HtmlReportWriter)
 * DIR/assets/            what it loads: the console's ECharts (with its licence), report.js, report.css
 * DIR/csv/NN-*.csv       one CSV per table (CsvReportWriter)
 * DIR/report.pdf         the same report printed by headless Chromium (PdfPrinter), when it can
 * </pre>
 */
public final class ReportWriter {
  /** Classpath resources copied to {@code DIR/assets/}, by their name there. */
  static final Map<String, String> ASSETS = Map.of(
      "echarts.min.js", "/assets/vendor/echarts/echarts.min.js",
      "ECHARTS-LICENSE", "/assets/vendor/echarts/LICENSE",
      "ECHARTS-NOTICE", "/assets/vendor/echarts/NOTICE",
      "report.js", "/assets/report/report.js",
      "report.css", "/assets/report/report.css");

  private final PdfPrinter printer;
  private final HtmlReportWriter html = new HtmlReportWriter();
  private final CsvReportWriter csv = new CsvReportWriter();

  public ReportWriter(PdfPrinter printer) {
    this.printer = Objects.requireNonNull(printer, "printer");
  }

  /**
   * What was written.
   *
   * @param pdf the PDF, or null when it could not be printed ({@code pdfProblem} says why)
   */
  public record Written(Path dir, Path html, Path pdf, String pdfProblem, List<Path> csv) {}

  /** Lays the report out in {@code lang} and writes it into {@code dir} (created when missing). */
  public Written write(MonthlyReport report, String lang, Path dir)
      throws IOException, InterruptedException {
    return write(ReportLayouts.layOut(report, lang), dir);
  }

  /** Writes a laid-out report into {@code dir}, replacing what a former run left there. */
  public Written write(LaidOutReport report, Path dir) throws IOException, InterruptedException {
    Path assets = dir.resolve(HtmlReportWriter.ASSETS);
    Files.createDirectories(assets);
    for (var e : ASSETS.entrySet()) {
      try (InputStream in = ReportWriter.class.getResourceAsStream(e.getValue())) {
        if (in == null) {
          throw new IOException("the console lacks its resource " + e.getValue());
        }
        Files.copy(in, assets.resolve(e.getKey()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path page = dir.resolve("report.html");
    Files.writeString(page, html.write(report), StandardCharsets.UTF_8);
    Path tables = dir.resolve("csv");
    if (Files.isDirectory(tables)) {
      try (var old = Files.list(tables)) {
        for (Path f : old.toList()) {
          Files.delete(f);
        }
      }
    }
    List<Path> files = csv.write(report, tables);
    PdfPrinter.Result pdf = printer.print(page, dir.resolve("report.pdf"));
    return new Written(dir, page, pdf.pdf(), pdf.problem(), files);
  }
}
