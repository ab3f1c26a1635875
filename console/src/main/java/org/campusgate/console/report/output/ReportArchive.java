package org.campusgate.console.report.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The reports made, kept as folders {@code <report.dir>/<month>[-<school>]/<lang>/} (what
 * {@link ReportWriter} writes, plus {@code meta.json}). Names from requests are checked against
 * the one pattern before they become paths, so a request can only ever name a report folder.
 */
public final class ReportArchive {
  /** The most reports a listing shows (newest months first). */
  public static final int MAX_LISTED = 500;
  private static final Pattern NAME =
      Pattern.compile("([0-9]{4}-[0-9]{2})(?:-([a-z0-9][a-z0-9-]{0,63}))?");
  private static final String META = "meta.json";

  private final Path root;
  private final ObjectMapper json = new ObjectMapper();

  public ReportArchive(Path root) {
    this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * Which report: a month, one school or all (null), a language.
   */
  public record Key(YearMonth month, String school, String lang) {
    public Key {
      Objects.requireNonNull(month, "month");
      lang = ReportTexts.language(lang);
    }

    /** {@code 2026-10} or {@code 2026-10-<school>}. */
    public String name() {
      return school == null ? month.toString() : month + "-" + school;
    }

    @Override
    public String toString() {
      return name() + "/" + lang;
    }
  }

  /**
   * A report made, as {@code meta.json} records it.
   *
   * @param generatedAt ISO-8601 instant
   * @param pdfProblem why there is no PDF, or null when there is one
   */
  public record Made(String name, String month, String school, String lang, String inspector,
      String generatedAt, boolean pdf, String pdfProblem, int tables) {}

  /** The key a request names, or empty when the name or language is not one. */
  public static Optional<Key> parse(String name, String lang) {
    if (name == null || lang == null || !(lang.equals("zh") || lang.equals("en"))) {
      return Optional.empty();
    }
    var m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Key(YearMonth.parse(m.group(1)), m.group(2), lang));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Whether a school id can be part of a report's name. */
  public static boolean validSchool(String school) {
    return school != null && NAME.matcher("2000-01-" + school).matches();
  }

  public Path dir(Key key) {
    return root.resolve(key.name()).resolve(key.lang());
  }

  /** The report's record, when it has been made. */
  public Optional<Made> find(Key key) {
    Path meta = dir(key).resolve(META);
    if (!Files.isRegularFile(meta)) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readValue(meta.toFile(), Made.class));
    } catch (IOException e) {
      return Optional.empty(); // half-written or damaged: not listed
    }
  }

  /** Every report made, newest month first, then by name and language; at most {@link #MAX_LISTED}. */
  public List<Made> list() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<Made> out = new ArrayList<>();
    try (Stream<Path> names = Files.list(root)) {
      for (Path n : names.sorted(Comparator.reverseOrder()).toList()) {
        for (String lang : List.of("zh", "en")) {
          parse(n.getFileName().toString(), lang).flatMap(this::find).ifPresent(out::add);
        }
        if (out.size() >= MAX_LISTED) {
          return out.subList(0, MAX_LISTED);
        }
      }
    }
    return out;
  }

  /**
   * Puts a written report folder in place of the key's, with its record: the old one is removed
   * first, the new one moved in, so readers see the old or the new folder, never a mix.
   */
  public void keep(Key key, Path written, Made made) throws IOException {
    json.writeValue(written.resolve(META).toFile(), made);
    Path target = dir(key);
    Files.createDirectories(target.getParent());
    if (Files.exists(target)) {
      Path old = root.resolve(".old-" + key.name() + "-" + key.lang() + "-" + System.nanoTime());
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      delete(old);
    }
    Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A fresh folder under the archive to write a report into before {@link #keep}. */
  public Path scratch() throws IOException {
    Files.createDirectories(root);
    return Files.createTempDirectory(root, ".new-");
  }

  /** The report's CSV files as one zip, {@code csv/} entries. */
  public void zipTables(Key key, OutputStream out) throws IOException {
    Path csv = dir(key).resolve("csv");
    try (ZipOutputStream zip = new ZipOutputStream(out);
        Stream<Path> files = Files.list(csv)) {
      for (Path f : files.sorted().toList()) {
        zip.putNextEntry(new ZipEntry(key.name() + "-" + key.lang() + "/"
            + f.getFileName()));
        Files.copy(f, zip);
        zip.closeEntry();
      }
    }
  }

  static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
