package org.campusgate.console.register.files;

import java.nio.file.Path;
import java.time.Instant;

/** Where the committed example files are, and the fixed times the tests read them at. */
final class Examples {
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final Path CSV_DIR = HOME.resolve("docs/examples/register");
  static final Path WORKBOOK = HOME.resolve("docs/examples/register.xlsx");
  static final Path REVOCATIONS = HOME.resolve("docs/examples/revocations.csv");
  static final Instant IMPORTED = Instant.parse("2026-11-23T01:00:00Z");

  private Examples() {}
}
