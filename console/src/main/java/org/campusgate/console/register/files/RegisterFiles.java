package org.campusgate.console.register.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.campusgate.policy.apps.AppRegister;

/**
 * Reads and writes the learning-app register as files (format in README, "App register files").
 *
 * <p>Reading: an .xlsx workbook (sheets {@code apps}, {@code provider_filings}, {@code
 * user_filings}, any of them), one CSV file of one table, or a directory of CSV files. Every row
 * is checked and the {@link ImportReport} says what is wrong where; the file may be imported only
 * when {@link ImportReport#ok()}. References may point into the {@code existing} register, and
 * the report's register is {@code existing} with the file's records added.
 *
 * <p>Writing: the same tables, the current version of each record or every version.
 */
public final class RegisterFiles {
  /** Largest file read: {@value} bytes (20 MiB). */
  public static final long MAX_FILE_BYTES = Limits.MAX_FILE_BYTES;
  /** Most data rows in one sheet or CSV file. */
  public static final int MAX_ROWS = Limits.MAX_ROWS;

  private RegisterFiles() {}

  /** Reads a file or directory as a new register (nothing existing), imported now. */
  public static ImportReport read(Path path) throws IOException {
    return read(path, AppRegister.empty(), Instant.now());
  }

  /**
   * Reads a workbook, a CSV file or a directory of CSV files.
   *
   * @param existing the register the file adds to; its filing numbers and apps may be referenced
   * @param importedAt the recorded-at time of rows without one, and the register's last update
   */
  public static ImportReport read(Path path, AppRegister existing, Instant importedAt) throws IOException {
    if (!Files.isDirectory(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        return read(in, path.getFileName().toString(), existing, importedAt);
      }
    }
    List<RawTable> tables = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(path)) {
      files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
          .sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      Optional<Table> table = Table.named(name).filter(Table.REGISTER::contains);
      if (table.isEmpty()) {
        tables.add(failed(name, "not a register table: name the files "
            + String.join(", ", Table.REGISTER.stream().map(Table::fileName).toList())));
        continue;
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] bytes = bounded(in);
        tables.add(bytes == null ? tooLarge(name) : CsvTables.read(table.get(), name, bytes, Table.REGISTER));
      }
    }
    if (files.isEmpty()) {
      tables.add(failed(path.toString(), "the directory holds none of "
          + String.join(", ", Table.REGISTER.stream().map(Table::fileName).toList())));
    }
    return new RegisterImport(path.getFileName().toString(), existing, importedAt).run(tables);
  }

  /**
   * Reads an upload: {@code fileName} ending {@code .xlsx} is a workbook, else CSV of the table
   * the name or the header says. Reads at most {@link #MAX_FILE_BYTES}.
   */
  public static ImportReport read(InputStream in, String fileName, AppRegister existing, Instant importedAt)
      throws IOException {
    String name = fileName == null || fileName.isBlank() ? "upload" : Path.of(fileName).getFileName().toString();
    byte[] bytes = bounded(in);
    List<RawTable> tables;
    if (bytes == null) {
      tables = List.of(tooLarge(name));
    } else if (name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
      tables = XlsxTables.read(name, bytes, Table.REGISTER);
    } else {
      Table table = Table.named(name).filter(Table.REGISTER::contains).orElse(null);
      tables = List.of(CsvTables.read(table, name, bytes, Table.REGISTER));
    }
    return new RegisterImport(name, existing, importedAt).run(tables);
  }

  /** Writes the register as an .xlsx workbook; {@code history}: every version, not only the current. */
  public static void writeXlsx(AppRegister register, boolean history, OutputStream out) throws IOException {
    XlsxRegisterWriter.write(register, history, out);
  }

  /** Writes one table as CSV (UTF-8 with a byte order mark). */
  public static void writeCsv(AppRegister register, Table table, boolean history, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    CsvRegisterWriter.write(register, table, history, w);
    w.flush();
  }

  /** Writes the three tables as {@code apps.csv}, {@code provider-filings.csv}, {@code user-filings.csv} in {@code dir}. */
  public static void writeCsv(AppRegister register, boolean history, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Table table : Table.REGISTER) {
      try (OutputStream out = Files.newOutputStream(dir.resolve(table.fileName()))) {
        writeCsv(register, table, history, out);
      }
    }
  }

  /** The whole stream, or null when it is larger than {@link #MAX_FILE_BYTES}. */
  static byte[] bounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes((int) Limits.MAX_FILE_BYTES + 1);
    return bytes.length > Limits.MAX_FILE_BYTES ? null : bytes;
  }

  static RawTable tooLarge(String source) {
    return failed(source, "the file is larger than " + (Limits.MAX_FILE_BYTES >> 20) + " MiB");
  }

  static RawTable failed(String source, String message) {
    return new RawTable(null, source, List.of(), List.of(new RowError(source, 0, null, message)));
  }
}
