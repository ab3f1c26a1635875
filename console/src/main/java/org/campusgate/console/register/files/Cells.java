package org.campusgate.console.register.files;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Typed reads of one row's cells. A bad cell adds an error naming the column and the text and
 * reads as null or the default, so one pass collects every problem of the row.
 */
final class Cells {
  /** Fingerprints, groups: separated by spaces, commas or semicolons. */
  static final Pattern WORDS = Pattern.compile("[\\s,;，；、]+");
  /** Names that may hold spaces (aliases): commas or semicolons only. */
  static final Pattern NAMES = Pattern.compile("\\s*[,;，；、]\\s*");
  private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("uuuu/M/d");

  /** Chinese words for enum values district spreadsheets use. */
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("正常", "ACTIVE"), Map.entry("有效", "ACTIVE"), Map.entry("下线", "OFFLINE_PENDING"),
      Map.entry("撤销", "REVOKED"), Map.entry("注销", "CANCELLED"), Map.entry("黑名单", "BLACKLISTED"),
      Map.entry("草稿", "DRAFT"), Map.entry("已提交", "SUBMITTED"), Map.entry("已确认", "CONFIRMED"),
      Map.entry("已撤回", "WITHDRAWN"), Map.entry("已驳回", "REJECTED"),
      Map.entry("统一要求", "UNIFORM_REQUIRED"), Map.entry("推荐", "RECOMMENDED"));

  private final RawRow row;
  private final ZoneId zone;
  private final List<RowError> errors = new ArrayList<>();

  Cells(RawRow row, ZoneId zone) {
    this.row = row;
    this.zone = zone;
  }

  List<RowError> errors() {
    return errors;
  }

  void error(String column, String message) {
    errors.add(new RowError(row.source(), row.row(), column, message));
  }

  /** The text, or null when blank. */
  String text(String column) {
    return row.cells().get(column);
  }

  /** The text; blank is an error. */
  String required(String column) {
    String v = text(column);
    if (v == null) {
      error(column, "required, but empty");
    }
    return v;
  }

  <E extends Enum<E>> E choice(String column, Class<E> type, E otherwise) {
    String v = text(column);
    return v == null ? otherwise : parseEnum(column, type, v);
  }

  <E extends Enum<E>> E requiredChoice(String column, Class<E> type) {
    String v = required(column);
    return v == null ? null : parseEnum(column, type, v);
  }

  private <E extends Enum<E>> E parseEnum(String column, Class<E> type, String v) {
    String name = ALIASES.getOrDefault(v, v.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_'));
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      error(column, "'" + HeaderMap.shorten(v) + "' is not one of " + allowed(type));
      return null;
    }
  }

  <E extends Enum<E>> Set<E> choices(String column, Class<E> type) {
    Set<E> values = EnumSet.noneOf(type);
    for (String word : words(column)) {
      E e = parseEnum(column, type, word);
      if (e != null) {
        values.add(e);
      }
    }
    return values;
  }

  /** The cell split on spaces, commas and semicolons; empty when blank. */
  List<String> words(String column) {
    return split(column, WORDS);
  }

  List<String> split(String column, Pattern separator) {
    String v = text(column);
    if (v == null) {
      return List.of();
    }
    return Arrays.stream(separator.split(v)).map(String::strip).filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(ArrayList::new));
  }

  Set<String> wordSet(String column) {
    return new LinkedHashSet<>(words(column));
  }

  LocalDate date(String column) {
    String v = text(column);
    if (v == null) {
      return null;
    }
    LocalDate d = parseDate(v);
    if (d == null) {
      error(column, "'" + HeaderMap.shorten(v) + "' is not a date (write it as 2026-09-01)");
    }
    return d;
  }

  /** A date (its start in the register's zone) or a time, with or without an offset. */
  Instant instant(String column) {
    String v = text(column);
    return v == null ? null : parseInstant(column, v);
  }

  Instant requiredInstant(String column) {
    String v = required(column);
    return v == null ? null : parseInstant(column, v);
  }

  private Instant parseInstant(String column, String v) {
    LocalDate d = parseDate(v);
    if (d != null) {
      return d.atStartOfDay(zone).toInstant();
    }
    String iso = v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v;
    try {
      return OffsetDateTime.parse(iso).toInstant();
    } catch (DateTimeException notOffset) {
      try {
        return LocalDateTime.parse(iso).atZone(zone).toInstant();
      } catch (DateTimeException notLocal) {
        error(column, "'" + HeaderMap.shorten(v) + "' is not a date or time (write 2026-03-01, "
            + "2026-03-01 08:00 or 2026-03-01T08:00:00+08:00)");
        return null;
      }
    }
  }

  private static LocalDate parseDate(String v) {
    try {
      return LocalDate.parse(v);
    } catch (DateTimeException notIso) {
      try {
        return LocalDate.parse(v, SLASHED);
      } catch (DateTimeException notSlashed) {
        return null;
      }
    }
  }

  /** true/false, 是/否, yes/no, y/n, 1/0; blank is false. */
  boolean flag(String column) {
    String v = text(column);
    if (v == null) {
      return false;
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "1", "是" -> {
        return true;
      }
      case "false", "no", "n", "0", "否" -> {
        return false;
      }
      default -> {
        error(column, "'" + HeaderMap.shorten(v) + "' is not true/false (也可写 是/否, yes/no)");
        return false;
      }
    }
  }

  int number(String column, int min, int max) {
    String v = text(column);
    if (v == null) {
      return 0;
    }
    try {
      int n = Integer.parseInt(v.endsWith(".0") ? v.substring(0, v.length() - 2) : v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    error(column, "'" + HeaderMap.shorten(v) + "' is not a whole number from " + min + " to " + max);
    return 0;
  }

  static <E extends Enum<E>> String allowed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
