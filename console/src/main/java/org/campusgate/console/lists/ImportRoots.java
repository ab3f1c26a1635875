package org.campusgate.console.lists;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The folders a server-side import may read ({@code listImportRoots}). A path is accepted only
 * when it lies inside one of them both as written and after symlinks are resolved, so neither
 * {@code ../} nor a link placed in an import folder reaches the rest of the machine.
 */
final class ImportRoots {
  private static final int MAX_PATH_CHARS = 1000;

  private final Path home;
  private final List<String> configured;

  ImportRoots(Path home, List<String> configured) {
    this.home = home.toAbsolutePath().normalize();
    this.configured = List.copyOf(configured);
  }

  /**
   * The real path of {@code asked} (relative to the installation folder, or absolute).
   *
   * @throws ListsException 400 for a malformed or missing path or one that is neither a folder
   *     nor a {@code .tar.gz}; 403 for a path outside the import folders
   */
  Path check(String asked) {
    if (asked == null || asked.isBlank() || asked.length() > MAX_PATH_CHARS
        || asked.chars().anyMatch(Character::isISOControl)) {
      throw new ListsException(400, "bad-request", "give the path of a UT1 folder or .tar.gz file");
    }
    Path lexical;
    try {
      lexical = home.resolve(asked.strip()).normalize();
    } catch (InvalidPathException e) {
      throw new ListsException(400, "bad-request", "not a path: " + e.getMessage());
    }
    // Checked before touching the file system, so answers do not reveal what exists elsewhere.
    if (!inside(lexical, lexicalRoots()) && !inside(lexical, realRoots())) {
      throw refused(asked);
    }
    Path real;
    try {
      real = lexical.toRealPath();
    } catch (NoSuchFileException e) {
      throw new ListsException(400, "no-such-path", "there is no file or folder " + asked);
    } catch (IOException e) {
      throw new ListsException(400, "no-such-path", "cannot read " + asked + ": " + e.getMessage());
    }
    if (!inside(real, realRoots())) {
      throw refused(asked);
    }
    String name = real.getFileName() == null ? "" : real.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!Files.isDirectory(real)
        && !(Files.isRegularFile(real) && (name.endsWith(".tar.gz") || name.endsWith(".tgz")))) {
      throw new ListsException(400, "not-a-list", asked + " is neither a folder nor a .tar.gz file");
    }
    return real;
  }

  private ListsException refused(String asked) {
    return new ListsException(403, "path-not-allowed", asked + " is outside the list import folders "
        + configured + " (listImportRoots in the configuration)");
  }

  private List<Path> lexicalRoots() {
    List<Path> out = new ArrayList<>();
    for (String root : configured) {
      out.add(home.resolve(root).normalize());
    }
    return out;
  }

  /** Resolved at each check: a root may be created (or re-linked) while the console runs. */
  private List<Path> realRoots() {
    List<Path> out = new ArrayList<>();
    for (Path root : lexicalRoots()) {
      try {
        out.add(root.toRealPath());
      } catch (IOException e) {
        // a root that does not exist holds nothing to import
      }
    }
    return out;
  }

  private static boolean inside(Path p, List<Path> roots) {
    return roots.stream().anyMatch(p::startsWith);
  }
}
