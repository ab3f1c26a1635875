package org.campusgate.console.register;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.campusgate.console.core.RefusedRequest;

/**
 * Reads the fields of one request body and collects every problem, so the answer (422
 * {@code invalid-input}) lists them all with their field names, not just the first.
 */
final class FieldErrors {
  /** Ids of apps and user filings: what {@code AppRegister} accepts for apps. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  static final int MAX_ITEMS = 200;

  /** One problem: the field (JSON name, with an index for list items) and what is wrong. */
  public record FieldError(String field, String message) {}

  private final List<FieldError> errors = new ArrayList<>();

  void add(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** @throws RefusedRequest 422 {@code invalid-input} with every problem, when there is one */
  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
  }

  static RefusedRequest invalid(List<FieldError> errors) {
    FieldError first = errors.get(0);
    return new RefusedRequest(422, "invalid-input", errors.size() + " problem(s), first: "
        + first.field() + ": " + first.message(), errors);
  }

  /** Stripped text; null when blank (an error when required); at most {@code max} characters. */
  String text(String field, String value, int max, boolean required) {
    String v = value == null ? null : value.strip();
    if (v == null || v.isEmpty()) {
      if (required) {
        add(field, "is required");
      }
      return null;
    }
    if (v.length() > max) {
      add(field, "is longer than " + max + " characters");
      return null;
    }
    if (v.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      add(field, "holds control characters");
      return null;
    }
    return v;
  }

  String id(String field, String value, boolean required) {
    String v = text(field, value, 64, required);
    if (v != null && !ID.matcher(v).matches()) {
      add(field, "use letters, digits, '_', '.', '-' (at most 64, not starting with a sign)");
      return null;
    }
    return v;
  }

  /** The enum constant named {@code value} (case-insensitive, '-' for '_'); {@code dflt} when absent. */
  <E extends Enum<E>> E oneOf(String field, String value, Class<E> type, E dflt) {
    if (value == null || value.isBlank()) {
      if (dflt == null) {
        add(field, "is required; one of " + names(type));
      }
      return dflt;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      add(field, "'" + cut(value) + "' is not one of " + names(type));
      return dflt;
    }
  }

  <E extends Enum<E>> Set<E> enums(String field, List<String> values, Class<E> type) {
    Set<E> out = EnumSet.noneOf(type);
    if (values == null) {
      return out;
    }
    for (int i = 0; i < values.size() && i < MAX_ITEMS; i++) {
      E e = oneOf(field + "[" + i + "]", values.get(i), type, null);
      if (e != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** Texts of a list, each stripped, blanks dropped, duplicates once. */
  List<String> list(String field, List<String> values, int maxItems, int maxLength) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > maxItems) {
      add(field, "has more than " + maxItems + " entries");
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String v = text(field + "[" + i + "]", values.get(i), maxLength, false);
      if (v != null) {
        out.add(v);
      }
    }
    return List.copyOf(out);
  }

  /** A day, {@code 2026-09-01}; null when absent. */
  LocalDate date(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      add(field, "'" + cut(value) + "' is not a date like 2026-09-01");
      return null;
    }
  }

  /** An instant with its offset, {@code 2026-11-10T08:00:00+08:00}; null when absent. */
  Instant instant(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.strip()).toInstant();
    } catch (DateTimeParseException e) {
      add(field, "'" + cut(value) + "' is not a time like 2026-11-10T08:00:00+08:00");
      return null;
    }
  }

  private static String cut(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }

  private static <E extends Enum<E>> String names(Class<E> type) {
    List<String> out = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      out.add(e.name());
    }
    return String.join(", ", out);
  }
}
