package org.campusgate.console.report.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.campusgate.console.report.output.LaidOutReport.Column;
import org.campusgate.console.report.output.LaidOutReport.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReportWriterTest {
  @TempDir
  Path dir;

  @Test
  void everyTableOfTheLayoutHasACsvWithTheSameRows() throws Exception {
    LaidOutReport report = ReportLayouts.layOut(SampleReports.october(), "zh");
    List<Path> files = new CsvReportWriter().write(report, dir);
    List<Table> tables = report.tables();
    assertThat(files).hasSameSizeAs(tables);
    try (var listed = Files.list(dir)) {
      assertThat(listed.count()).isEqualTo(tables.size());
    }
    for (int i = 0; i < tables.size(); i++) {
      Table t = tables.get(i);
      Path file = dir.resolve(CsvReportWriter.fileName(i, t));
      byte[] bytes = Files.readAllBytes(file);
      assertThat(bytes).as("UTF-8 BOM").startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        in.skip(1); // the BOM, read as U+FEFF
        List<CSVRecord> records = CSVFormat.RFC4180.parse(in).getRecords();
        assertThat(records.get(0).toList()).as(t.id())
            .isEqualTo(t.columns().stream().map(Column::label).toList());
        assertThat(records.subList(1, records.size()).stream().map(CSVRecord::toList).toList())
            .as(t.id()).isEqualTo(t.rows());
      }
    }
    assertThat(dir.resolve("11-school-east-primary-traffic.csv")).exists();
  }

  @Test
  void chineseTextsAndCommasSurviveAndFormulasAreDisarmed() throws Exception {
    Table t = new Table("t", "c", List.of(new Column("名称", false), new Column("n", true)),
        List.of(List.of("东城, 第一\"小学\"", "-3"), List.of("=HYPERLINK(\"x\")", "5")), "无");
    var out = new java.io.ByteArrayOutputStream();
    new CsvReportWriter().write(t, out);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).isEqualTo("\uFEFF名称,n\r\n\"东城, 第一\"\"小学\"\"\",-3\r\n"
        + "\"'=HYPERLINK(\"\"x\"\")\",5\r\n");
  }
}
