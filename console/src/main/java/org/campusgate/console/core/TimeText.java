package org.campusgate.console.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;

/**
 * Reads the times API users type into {@code from}/{@code to}: a date of the school's calendar
 * ({@code 2026-03-01}, its start, or with {@code endOfDay} its end), an instant
 * ({@code 2026-03-01T00:00:00Z}), a time with an offset ({@code 2026-03-01T08:00:00+08:00}) and,
 * where the caller takes them, a local time in the school's zone ({@code 2026-03-01T08:00}).
 */
public final class TimeText {
  private TimeText() {}

  /** @throws DateTimeException when the text is none of the accepted forms */
  public static Instant parse(String text, ZoneId zone, boolean endOfDay, boolean localTimes) {
    if (text.length() == 10) {
      LocalDate d = LocalDate.parse(text);
      return (endOfDay ? d.plusDays(1) : d).atStartOfDay(zone).toInstant();
    }
    if (text.endsWith("Z") || text.endsWith("z")) {
      return Instant.parse(text.toUpperCase(Locale.ROOT));
    }
    if (localTimes && !(text.matches(".*[+-]\\d\\d:?\\d\\d$") && text.indexOf('T') > 0)) {
      return LocalDateTime.parse(text).atZone(zone).toInstant();
    }
    return OffsetDateTime.parse(text).toInstant();
  }
}
