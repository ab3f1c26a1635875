package org.campusgate.audit.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** File-system durability helpers. */
final class Fsync {
  private Fsync() {}

  /** Forces a directory's entries (creations, renames, deletions) to disk. */
  static void directory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some platforms (Windows) cannot open a directory; there renames are durable anyway
      if (!System.getProperty("os.name", "").startsWith("Windows")) {
        throw e;
      }
    }
  }

  /** Best effort: removes write permissions, so a sealed segment is not modified by accident. */
  static void makeReadOnly(Path file) {
    try {
      Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
      perms.addAll(Files.getPosixFilePermissions(file));
      perms.removeAll(EnumSet.of(PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
      Files.setPosixFilePermissions(file, perms);
    } catch (UnsupportedOperationException | IOException e) {
      file.toFile().setWritable(false, false);
    }
  }

  /** Best effort: gives the owner write permission back (an active segment must be writable). */
  static void makeWritable(Path file) {
    file.toFile().setWritable(true, true);
  }
}
