package org.campusgate.console.report.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prints an HTML file to PDF with headless Chromium ({@code --print-to-pdf}): the same engine
 * that shows the report, so the PDF is what the reader saw, charts included (they are drawn
 * without animation before the load event the printer waits for). Each run gets a fresh profile
 * folder (runs may overlap with other Chromium users) and a time limit; a run over it is killed
 * with its children. A missing binary is an answer, not an exception: the report is still made,
 * without its PDF.
 */
public final class PdfPrinter {
  private static final int MAX_ERROR_TAIL = 600;

  private final Path chromium;
  private final Duration timeout;

  /** The outcome: the PDF, or why there is none. */
  public record Result(Path pdf, String problem) {
    public boolean printed() {
      return pdf != null;
    }
  }

  public PdfPrinter(Path chromium, Duration timeout) {
    this.chromium = Objects.requireNonNull(chromium, "chromium");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Whether the configured browser is there to print with. */
  public boolean available() {
    return Files.isRegularFile(chromium) && Files.isExecutable(chromium);
  }

  /**
   * Prints {@code html} to {@code pdf}.
   *
   * @throws InterruptedException when the calling job is cancelled (the browser is killed first)
   */
  public Result print(Path html, Path pdf) throws IOException, InterruptedException {
    if (!available()) {
      return new Result(null, "no PDF: the browser " + chromium + " (report.chromium) is missing"
          + " or not executable; install Chromium or set report.chromium");
    }
    Files.deleteIfExists(pdf);
    Path profile = Files.createTempDirectory("campusgate-pdf-");
    Path log = profile.resolve("chromium.log");
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless",
        "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-extensions", "--disable-sync", "--no-proxy-server",
        "--user-data-dir=" + profile.resolve("profile"),
        "--print-to-pdf=" + pdf.toAbsolutePath(), html.toAbsolutePath().toUri().toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        return new Result(null, "no PDF: the browser did not finish within "
            + timeout.toSeconds() + " s and was stopped");
      }
      if (p.exitValue() != 0 || !Files.isRegularFile(pdf) || Files.size(pdf) == 0) {
        return new Result(null, "no PDF: the browser failed (exit " + p.exitValue() + "): "
            + tail(log));
      }
      return new Result(pdf, null);
    } catch (InterruptedException e) {
      kill(p);
      throw e;
    } finally {
      delete(profile);
    }
  }

  private static void kill(Process p) throws InterruptedException {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(5, TimeUnit.SECONDS);
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8).strip();
      return s.length() <= MAX_ERROR_TAIL ? s : "…" + s.substring(s.length() - MAX_ERROR_TAIL);
    } catch (IOException e) {
      return "(no output)";
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary profile left behind is harmless
    }
  }
}
