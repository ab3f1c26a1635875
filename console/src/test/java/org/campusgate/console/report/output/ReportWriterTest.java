package org.campusgate.console.report.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole folder with the real headless Chromium printing the PDF; poppler reads it back. */
class ReportWriterTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  Path dir;

  @Test
  void writesHtmlAssetsCsvAndAPdfThatShowsTheSchools() throws Exception {
    ReportWriter writer = new ReportWriter(new PdfPrinter(CHROMIUM, Duration.ofSeconds(90)));
    ReportWriter.Written w = writer.write(SampleReports.october(), "zh", dir);

    String html = Files.readString(w.html());
    assertThat(html).contains("<html lang=\"zh-CN\">", "东城第一小学", "西城实验中学",
        "src=\"assets/echarts.min.js\"", "class=\"report-data\"")
        .doesNotContain("style=", "<script>", "http://", "https://");
    assertThat(dir.resolve("assets/echarts.min.js")).exists();
    assertThat(dir.resolve("assets/report.js")).exists();
    assertThat(w.csv()).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith(dir.resolve("csv")));

    assertThat(w.pdfProblem()).isNull();
    assertThat(w.pdf()).isEqualTo(dir.resolve("report.pdf"));
    String first = run("pdftotext", "-f", "1", "-l", "1", w.pdf().toString(), "-");
    assertThat(first).contains("滨江区教育局", "东城第一小学", "西城实验中学");
    String all = run("pdftotext", w.pdf().toString(), "-");
    // the charts are drawn (SVG text of their axes lands in the PDF): a day label of the x axis
    assertThat(all).contains("10-15");
    String pages = run("pdfinfo", w.pdf().toString());
    assertThat(pages).containsPattern("Pages:\\s+([5-9]|\\d\\d)");
    assertThat(pages).contains("(A4)");
    keepPages(w.pdf());
  }

  @Test
  void withoutTheBrowserTheReportIsWrittenWithoutItsPdfAndSaysWhy() throws Exception {
    ReportWriter writer = new ReportWriter(new PdfPrinter(Path.of("/nonexistent/chromium"),
        Duration.ofSeconds(5)));
    ReportWriter.Written w = writer.write(SampleReports.october(), "en", dir);
    assertThat(w.pdf()).isNull();
    assertThat(w.pdfProblem()).contains("/nonexistent/chromium", "report.chromium");
    assertThat(dir.resolve("report.pdf")).doesNotExist();
    assertThat(Files.readString(w.html())).contains("<html lang=\"en\">", "Summary");
  }

  @Test
  void aBrowserThatHangsIsStoppedAtTheTimeLimit() throws Exception {
    Path fake = dir.resolve("slow-chromium");
    Files.writeString(fake, "#!/bin/sh\nsleep 60\n", StandardCharsets.UTF_8);
    fake.toFile().setExecutable(true);
    long started = System.nanoTime();
    PdfPrinter.Result r = new PdfPrinter(fake, Duration.ofSeconds(1))
        .print(dir.resolve("x.html"), dir.resolve("x.pdf"));
    assertThat(r.printed()).isFalse();
    assertThat(r.problem()).contains("did not finish within 1 s");
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
  }

  /** The PDF's pages as PNGs under target/report-sample/, for a person to look at. */
  private static void keepPages(Path pdf) throws Exception {
    Path out = Path.of("target", "report-sample");
    Files.createDirectories(out);
    Files.copy(pdf, out.resolve("report.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    run("pdftoppm", "-r", "60", "-png", pdf.toString(), out.resolve("page").toString());
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }
}
