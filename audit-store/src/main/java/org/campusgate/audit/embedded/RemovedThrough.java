package org.campusgate.audit.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The time of the newest record retention removed, kept in one small text file (an ISO-8601
 * instant) beside the journal, so a report can tell a pruned store from a young one.
 */
final class RemovedThrough {
  static final String FILE = "removed-through";

  private RemovedThrough() {}

  /** The instant in the file, or null when there is no file (nothing was ever removed). */
  static Instant load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return null;
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IOException(file + " is damaged: " + text, e);
    }
  }

  /** Writes the instant atomically. */
  static void save(Path file, Instant newest) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, newest.toString() + "\n", StandardCharsets.US_ASCII);
    try (var ch = java.nio.channels.FileChannel.open(tmp,
        java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
