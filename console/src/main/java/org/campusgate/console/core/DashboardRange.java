package org.campusgate.console.core;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.campusgate.audit.TimeBucket;

/**
 * The time range a dashboard shows, widened to whole buckets of the school's zone: hours when it
 * spans at most two days, else days. Whole buckets keep every bar of the chart comparable and
 * let the audit store answer the counts from its hourly roll-ups.
 *
 * @param from the start of the first bucket
 * @param to the end of the last bucket (exclusive)
 * @param bucket {@link TimeBucket#HOUR} or {@link TimeBucket#DAY}
 * @param zone the zone the buckets follow
 */
public record DashboardRange(Instant from, Instant to, TimeBucket bucket, ZoneId zone) {
  /** The longest range asked for; longer ones are refused, not cut. */
  public static final Duration MAX = Duration.ofDays(92);
  public static final Duration DEFAULT = Duration.ofDays(7);
  private static final Duration HOURLY_UP_TO = Duration.ofDays(2);
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
  private static final int MAX_TEXT = 40;

  public DashboardRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(zone, "zone");
  }

  /**
   * The range for the {@code from} and {@code to} parameters: each an instant
   * ({@code 2026-03-01T08:00:00Z}), a date-time with offset ({@code 2026-03-01T08:00+08:00}) or a
   * date of the school's calendar ({@code 2026-03-01}; as {@code to}, the whole day is included).
   * Missing: {@code to} is now, {@code from} is seven days before {@code to}.
   *
   * @throws IllegalArgumentException with a message for the user when a value cannot be read,
   *     the range is empty or longer than {@link #MAX}
   */
  public static DashboardRange of(String fromText, String toText, Instant now, ZoneId zone) {
    Instant to = blank(toText) ? now : parse("to", toText, zone, true);
    Instant from = blank(fromText) ? to.minus(DEFAULT) : parse("from", fromText, zone, false);
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
    if (Duration.between(from, to).compareTo(MAX) > 0) {
      throw new IllegalArgumentException("the range is longer than " + MAX.toDays() + " days");
    }
    TimeBucket bucket = Duration.between(from, to).compareTo(HOURLY_UP_TO) <= 0
        ? TimeBucket.HOUR : TimeBucket.DAY;
    return new DashboardRange(start(from, bucket, zone), end(to, bucket, zone), bucket, zone);
  }

  /** The start of every bucket, oldest first; buckets without events are in the list too. */
  public List<Instant> bucketStarts() {
    List<Instant> out = new ArrayList<>();
    for (Instant t = from; t.isBefore(to); t = next(t, bucket, zone)) {
      out.add(t);
    }
    return out;
  }

  private static Instant start(Instant t, TimeBucket bucket, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    return (bucket == TimeBucket.HOUR ? z.truncatedTo(ChronoUnit.HOURS)
        : z.toLocalDate().atStartOfDay(zone)).toInstant();
  }

  private static Instant end(Instant t, TimeBucket bucket, ZoneId zone) {
    Instant s = start(t, bucket, zone);
    return s.equals(t) ? t : next(s, bucket, zone);
  }

  private static Instant next(Instant bucketStart, TimeBucket bucket, ZoneId zone) {
    ZonedDateTime z = bucketStart.atZone(zone);
    return (bucket == TimeBucket.HOUR ? z.plusHours(1)
        : z.toLocalDate().plusDays(1).atStartOfDay(zone)).toInstant();
  }

  private static Instant parse(String name, String text, ZoneId zone, boolean endOfDay) {
    String s = text.strip();
    if (s.length() > MAX_TEXT) {
      throw new IllegalArgumentException(name + " is too long");
    }
    Instant t;
    try {
      t = TimeText.parse(s, zone, endOfDay, false);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(name + " must be a date (2026-03-01) or a time with "
          + "offset (2026-03-01T08:00:00Z), not '" + s + "'");
    }
    if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
      throw new IllegalArgumentException(name + " must lie between 2000 and 2100");
    }
    return t;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
