package org.campusgate.policy.lists;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Imports block lists in the UT1 / SquidGuard layout: {@code <category>/domains}, {@code urls},
 * {@code expressions} and {@code usage}, plus {@code global_usage} for display names and the
 * alias files UT1 ships (a file {@code porn} whose content is {@code adult}). Reads a directory
 * (the {@code blacklists} folder or its parent) or the {@code .tar.gz} UT1 publishes, streaming.
 *
 * <p>Every entry is canonicalised as requests are, so {@code WWW.Example.COM}, {@code
 * ｅｘａｍｐｌｅ．com} and {@code example.com.} are one entry. A line that cannot be an entry rejects
 * the whole import with its file and line number: a half-loaded list would silently let through
 * what the admin meant to block.
 */
public final class Ut1Importer {
  private static final int MAX_ERRORS = 100;
  private static final int MAX_ALIAS_FILE_BYTES = 64;
  /** Hostnames are at most 253 bytes and URLs in lists a few hundred; this is generous. */
  private static final int MAX_LINE_BYTES = 16 * 1024;

  private final Map<String, Builder> categories = new TreeMap<>();
  private final Map<String, String> aliases = new HashMap<>();
  private final Map<String, Map<String, String>> names = new HashMap<>();
  private final Map<String, Map<String, String>> descriptions = new HashMap<>();
  private final List<ListError> errors = new ArrayList<>();
  private int suppressedErrors;

  private Ut1Importer() {}

  /** Imports a directory or a {@code .tar.gz}/{@code .tgz} archive. */
  public static ListSet importPath(Path path) throws IOException, ListFormatException {
    Ut1Importer importer = new Ut1Importer();
    if (Files.isDirectory(path)) {
      importer.readDirectory(path);
    } else if (Files.isRegularFile(path)) {
      try (InputStream in = Files.newInputStream(path)) {
        importer.readTarGz(in);
      }
    } else {
      throw new ListFormatException(List.of(new ListError(path.toString(), 0, "no such file or directory")));
    }
    return importer.result(path.toString());
  }

  /** Imports a {@code .tar.gz} stream. */
  public static ListSet importTarGz(InputStream in, String name) throws IOException, ListFormatException {
    Ut1Importer importer = new Ut1Importer();
    importer.readTarGz(in);
    return importer.result(name);
  }

  private void readDirectory(Path root) throws IOException {
    Path blacklists = root.resolve("blacklists");
    Path base = Files.isDirectory(blacklists) ? blacklists : root;
    try (Stream<Path> walk = Files.walk(base, 2)) {
      for (Path file : (Iterable<Path>) walk.sorted()::iterator) {
        String relative = base.relativize(file).toString().replace('\\', '/');
        if (Files.isSymbolicLink(file) && base.equals(file.getParent())) {
          aliasCandidate(relative, Files.readSymbolicLink(file).getFileName().toString());
        } else if (Files.isRegularFile(file)) {
          if (base.equals(file.getParent()) && Files.size(file) > MAX_ALIAS_FILE_BYTES
              && !relative.equals("global_usage")) {
            continue; // README, licence files
          }
          try (InputStream in = Files.newInputStream(file)) {
            readFile(relative, in);
          }
        }
      }
    }
  }

  private void readTarGz(InputStream raw) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(raw, 1 << 16), 1 << 16))) {
      String prefix = null;
      for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
        String name = entry.getName();
        if (prefix == null) {
          prefix = rootPrefix(name);
        }
        String relative = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        if (entry.isSymbolicLink() && relative.indexOf('/') < 0) {
          String target = entry.getLinkName();
          aliasCandidate(relative, target.substring(target.lastIndexOf('/') + 1));
        } else if (entry.isFile()) {
          if (relative.indexOf('/') < 0 && entry.getSize() > MAX_ALIAS_FILE_BYTES
              && !relative.equals("global_usage")) {
            continue;
          }
          readFile(relative, tar);
        }
      }
    }
  }

  /** UT1 archives hold {@code blacklists/...}; accept any single top folder. */
  private static String rootPrefix(String firstEntry) {
    int slash = firstEntry.indexOf('/');
    return slash < 0 ? "" : firstEntry.substring(0, slash + 1);
  }

  private void readFile(String relative, InputStream in) throws IOException {
    if (relative.equals("global_usage")) {
      readGlobalUsage(in);
      return;
    }
    int slash = relative.indexOf('/');
    if (slash < 0) {
      String content = new String(in.readNBytes(MAX_ALIAS_FILE_BYTES + 1), StandardCharsets.UTF_8).strip();
      aliasCandidate(relative, content);
      return;
    }
    if (relative.indexOf('/', slash + 1) >= 0) {
      return; // deeper folders are not part of the format
    }
    String category = relative.substring(0, slash);
    String kind = relative.substring(slash + 1);
    if (kind.equals("domains") || kind.equals("urls") || kind.equals("expressions")) {
      builder(category); // an empty category is still a category
    }
    switch (kind) {
      case "domains" -> readLines(relative, in, (line, number) -> domain(category, relative, line, number));
      case "urls" -> readLines(relative, in, (line, number) -> url(category, relative, line, number));
      case "expressions" -> readLines(relative, in, (line, number) -> expression(category, relative, line, number));
      case "usage" -> readUsage(category, in);
      default -> { } // very_restrictive_expression, domains.* and the like are optional extras
    }
  }

  private void aliasCandidate(String alias, String target) {
    if (!target.isEmpty() && target.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
      aliases.put(alias, target);
    }
  }

  @FunctionalInterface
  private interface LineConsumer {
    void accept(String line, int number);
  }

  /**
   * Reads strict UTF-8 lines; comments ({@code #}) and blank lines are skipped, CRLF accepted.
   * Lines are split on bytes and decoded one by one, so a bad byte is reported on its own line.
   */
  private void readLines(String file, InputStream in, LineConsumer consumer) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    InputStream buffered = new BufferedInputStream(in, 1 << 16);
    byte[] line = new byte[256];
    int length = 0;
    int number = 0;
    boolean ascii = true;
    for (int b = buffered.read(); ; b = buffered.read()) {
      if (b == '\n' || b < 0) {
        if (b < 0 && length == 0) {
          return;
        }
        number++;
        String text = null;
        if (ascii) {
          text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        } else {
          try {
            text = decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
          } catch (CharacterCodingException e) {
            error(file, number, "not valid UTF-8");
          }
        }
        if (text != null) {
          if (number == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
          }
          String entry = text.strip();
          if (!entry.isEmpty() && entry.charAt(0) != '#') {
            consumer.accept(entry, number);
          }
        }
        if (b < 0) {
          return;
        }
        length = 0;
        ascii = true;
        continue;
      }
      if (length == line.length) {
        if (length >= MAX_LINE_BYTES) {
          error(file, number + 1, "line longer than " + MAX_LINE_BYTES + " bytes");
          return;
        }
        line = Arrays.copyOf(line, length * 2);
      }
      ascii &= b < 0x80;
      line[length++] = (byte) b;
    }
  }

  private void domain(String category, String file, String entry, int number) {
    try {
      builder(category).domains.add(ListEntries.domain(entry));
    } catch (IllegalArgumentException e) {
      error(file, number, e.getMessage());
    }
  }

  private void url(String category, String file, String entry, int number) {
    try {
      builder(category).urls.add(ListEntries.url(entry));
    } catch (IllegalArgumentException e) {
      error(file, number, e.getMessage());
    }
  }

  private void expression(String category, String file, String entry, int number) {
    try {
      builder(category).expressions.add(ListEntries.expression(entry));
    } catch (IllegalArgumentException e) {
      error(file, number, e.getMessage());
    }
  }

  private void readUsage(String category, InputStream in) throws IOException {
    String text = new String(in.readNBytes(1024), StandardCharsets.UTF_8);
    for (String line : text.split("\\R")) {
      String word = line.strip();
      if (word.equals("black") || word.equals("white")) {
        builder(category).defaultType = word;
        return;
      }
    }
  }

  /** {@code NAME: cat} opens a block; {@code NAME EN:} and {@code DESC EN:} lines fill it. */
  private void readGlobalUsage(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(nonClosing(in), StandardCharsets.UTF_8));
    String current = null;
    for (String line; (line = reader.readLine()) != null; ) {
      if (line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (key.equals("NAME")) {
        current = value;
      } else if (current != null && (key.startsWith("NAME ") || key.startsWith("DESC "))) {
        String language = key.substring(5).strip().toLowerCase(java.util.Locale.ROOT);
        var target = key.startsWith("NAME ") ? names : descriptions;
        target.computeIfAbsent(current, k -> new LinkedHashMap<>()).put(language, value);
      }
    }
  }

  private ListSet result(String source) throws ListFormatException {
    if (!errors.isEmpty()) {
      if (suppressedErrors > 0) {
        errors.add(new ListError(source, 0, suppressedErrors + " more errors not shown"));
      }
      throw new ListFormatException(errors);
    }
    if (categories.isEmpty()) {
      throw new ListFormatException(List.of(new ListError(source, 0,
          "no categories found (expected <category>/domains, urls or expressions files)")));
    }
    TreeMap<String, CategoryList> lists = new TreeMap<>();
    categories.forEach((name, b) -> lists.put(name, new CategoryList(name,
        names.getOrDefault(name, Map.of()), descriptions.getOrDefault(name, Map.of()),
        b.defaultType, b.domains, b.urls, b.expressions)));
    Map<String, String> knownAliases = new HashMap<>();
    aliases.forEach((alias, target) -> {
      if (lists.containsKey(target) && !lists.containsKey(alias)) {
        knownAliases.put(alias, target);
      }
    });
    return new ListSet(lists, knownAliases);
  }

  private Builder builder(String category) {
    return categories.computeIfAbsent(category, k -> new Builder());
  }

  private void error(String file, int line, String message) {
    if (errors.size() < MAX_ERRORS) {
      errors.add(new ListError(file, line, message));
    } else {
      suppressedErrors++;
    }
  }

  private static InputStream nonClosing(InputStream in) {
    return new java.io.FilterInputStream(in) {
      @Override
      public void close() {
        // the tar stream owns the underlying stream
      }
    };
  }

  private static final class Builder {
    final List<String> domains = new ArrayList<>();
    final List<String> urls = new ArrayList<>();
    final List<String> expressions = new ArrayList<>();
    String defaultType = "";
  }
}
