package org.campusgate.console.register.files;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a header row: which column of the file holds which column of the table. Headers match
 * by English name or Chinese label, ignoring case, spaces and {@code -} vs {@code _}. A column
 * for notes ({@code notes}, {@code 备注}, {@code 序号}) is skipped; any other unknown column is
 * an error, so a misspelt optional column cannot silently drop its data.
 */
final class HeaderMap {
  private static final Set<String> IGNORED = Set.of("notes", "note", "remarks", "comment", "comments",
      "备注", "说明", "序号", "no", "no.", "#");

  private final Map<Integer, Column> byIndex;
  private final Set<Integer> ignored;
  private final List<String> errors;

  private HeaderMap(Map<Integer, Column> byIndex, Set<Integer> ignored, List<String> errors) {
    this.byIndex = byIndex;
    this.ignored = ignored;
    this.errors = errors;
  }

  static HeaderMap read(Table table, List<String> headers) {
    Map<Integer, Column> byIndex = new HashMap<>();
    Set<Integer> ignored = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < headers.size(); i++) {
      String raw = headers.get(i) == null ? "" : headers.get(i).strip();
      if (raw.isEmpty()) {
        continue;
      }
      if (IGNORED.contains(raw.toLowerCase(Locale.ROOT))) {
        ignored.add(i);
        continue;
      }
      Optional<Column> column = find(table, raw);
      if (column.isEmpty()) {
        errors.add("unknown column '" + shorten(raw) + "' (the columns are "
            + table.columns().stream().map(Column::name).collect(Collectors.joining(", ")) + ")");
      } else if (seen.putIfAbsent(column.get().name(), i) != null) {
        errors.add("the column " + column.get().display() + " appears twice");
      } else {
        byIndex.put(i, column.get());
      }
    }
    List<String> missing = table.columns().stream()
        .filter(c -> c.required() && !seen.containsKey(c.name()))
        .map(Column::display).toList();
    if (!missing.isEmpty()) {
      errors.add("required column(s) missing: " + String.join(", ", missing));
    }
    return new HeaderMap(byIndex, ignored, errors);
  }

  /** Whether these headers hold every required column of {@code table} (to tell a table by its header). */
  static boolean fits(Table table, List<String> headers) {
    return read(table, headers).errors.isEmpty();
  }

  private static Optional<Column> find(Table table, String header) {
    String n = header.toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    return table.columns().stream()
        .filter(c -> c.name().equals(n) || c.label().equals(header) || c.label().equals(n))
        .findFirst();
  }

  /** The table column of file column {@code index}, or null for a skipped one. */
  Column column(int index) {
    return byIndex.get(index);
  }

  /** Whether file column {@code index} is a notes column, read past. */
  boolean isIgnored(int index) {
    return ignored.contains(index);
  }

  List<String> errors() {
    return errors;
  }

  static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
