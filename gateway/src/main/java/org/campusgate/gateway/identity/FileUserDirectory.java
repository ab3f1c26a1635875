package org.campusgate.gateway.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A user directory read from a text file, for a single school before the console's database
 * takes over. The file is UTF-8, one user per line:
 *
 * <pre>
 * # comment lines start with '#'; blank lines are ignored
 * # username:password-hash:groups:Display Name
 * alice:$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$...:staff,teachers:Alice Li
 * bob:!$argon2id$v=19$m=19456,t=2,p=1$...$...:students:
 * </pre>
 *
 * <ul>
 *   <li>{@code username}: 1..64 of {@code a-z A-Z 0-9 . _ @ -}; matched case-insensitively
 *       (the id is the lower-case form), each at most once in the file.
 *   <li>{@code password-hash}: an Argon2id PHC string as {@link PasswordHashes#hash} writes it;
 *       a leading {@code !} disables the user and keeps the hash.
 *   <li>{@code groups}: comma-separated names of {@code a-z A-Z 0-9 . _ -}, 1..64 each; may be
 *       empty.
 *   <li>{@code Display Name}: the rest of the line (it may contain ':'); optional, the username
 *       when empty.
 * </ul>
 *
 * <p>A file with any bad line is rejected as a whole: the message lists every problem with its
 * line number (up to {@value #MAX_REPORTED}), so the running directory can stay in place.
 * Immutable and thread-safe.
 */
public final class FileUserDirectory implements UserDirectory {
  static final int MAX_REPORTED = 20;
  private static final int MAX_LINE = 4096;
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Map<String, DirectoryUser> users;

  private FileUserDirectory(Map<String, DirectoryUser> users) {
    this.users = Map.copyOf(users);
  }

  /**
   * Reads a user file.
   *
   * @throws IOException when it cannot be read or is not UTF-8
   * @throws IllegalArgumentException listing each bad line by number
   */
  public static FileUserDirectory load(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /**
   * Parses the lines of a user file.
   *
   * @param source names the file in error messages
   * @throws IllegalArgumentException listing each bad line by number
   */
  public static FileUserDirectory parse(String source, List<String> lines) {
    Objects.requireNonNull(source, "source");
    Map<String, DirectoryUser> users = new TreeMap<>();
    Map<String, Integer> definedOn = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i);
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      try {
        DirectoryUser u = parseLine(t);
        Integer first = definedOn.putIfAbsent(u.id(), lineNo);
        if (first != null) {
          throw new IllegalArgumentException("user '" + u.id() + "' is already defined on line "
              + first);
        }
        users.put(u.id(), u);
      } catch (IllegalArgumentException e) {
        problems.add("line " + lineNo + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder b = new StringBuilder(source).append(": ").append(problems.size())
          .append(problems.size() == 1 ? " problem" : " problems").append(", no user loaded");
      problems.stream().limit(MAX_REPORTED).forEach(p -> b.append("\n  ").append(p));
      if (problems.size() > MAX_REPORTED) {
        b.append("\n  ... and ").append(problems.size() - MAX_REPORTED).append(" more");
      }
      throw new IllegalArgumentException(b.toString());
    }
    return new FileUserDirectory(users);
  }

  private static DirectoryUser parseLine(String line) {
    if (line.length() > MAX_LINE) {
      throw new IllegalArgumentException("the line is longer than " + MAX_LINE + " characters");
    }
    if (line.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
      throw new IllegalArgumentException("the line contains a control character");
    }
    String[] f = line.split(":", 4);
    if (f.length < 3) {
      throw new IllegalArgumentException("expected username:password-hash:groups[:Display Name],"
          + " found " + f.length + (f.length == 1 ? " field" : " fields"));
    }
    String name = f[0];
    if (!USERNAME.matcher(name).matches()) {
      throw new IllegalArgumentException("'" + shorten(name) + "' is not a valid username"
          + " (1..64 of a-z A-Z 0-9 . _ @ -)");
    }
    String id = name.toLowerCase(Locale.ROOT);
    boolean enabled = !f[1].startsWith("!");
    String hash = enabled ? f[1] : f[1].substring(1);
    try {
      PasswordHashes.paramsOf(hash);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("user '" + id + "': " + e.getMessage());
    }
    LinkedHashSet<String> groups = new LinkedHashSet<>();
    if (!f[2].isBlank()) {
      for (String g : f[2].split(",", -1)) {
        String gt = g.strip();
        if (!GROUP.matcher(gt).matches()) {
          throw new IllegalArgumentException("user '" + id + "': '" + shorten(gt)
              + "' is not a valid group name (1..64 of a-z A-Z 0-9 . _ -)");
        }
        groups.add(gt);
      }
    }
    String display = f.length == 4 ? f[3].strip() : "";
    return new DirectoryUser(id, display.isEmpty() ? id : display, groups, hash, enabled);
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  /** Case-insensitive for ASCII letters; a name with other characters is nobody. */
  @Override
  public Optional<DirectoryUser> find(String username) {
    if (username == null || username.length() > 64
        || !username.chars().allMatch(c -> c < 0x80)) {
      return Optional.empty();
    }
    return Optional.ofNullable(users.get(username.toLowerCase(Locale.ROOT)));
  }

  /** How many users the file holds. */
  public int size() {
    return users.size();
  }
}
