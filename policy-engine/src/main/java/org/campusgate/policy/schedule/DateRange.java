package org.campusgate.policy.schedule;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * An inclusive range of local dates, e.g. the National Day holiday {@code 2026-10-01..2026-10-07}.
 *
 * @param first first date of the range (inclusive)
 * @param last last date of the range (inclusive), not before {@code first}
 */
public record DateRange(LocalDate first, LocalDate last) {

    private static final String SEPARATOR = "..";

    /** Validates that {@code last} is not before {@code first}. */
    public DateRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException(
                    "invalid date range '" + first + SEPARATOR + last + "': last date is before first date");
        }
    }

    /** A range of a single date. */
    public static DateRange of(LocalDate date) {
        return new DateRange(date, date);
    }

    /**
     * Parses {@code "2026-10-01"} or {@code "2026-10-01..2026-10-07"} (ISO dates, strictly validated).
     *
     * @throws IllegalArgumentException naming the text when it is malformed or {@code last < first}
     */
    public static DateRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("invalid date range '" + text + "': expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD");
        }
        String s = text.strip();
        int sep = s.indexOf(SEPARATOR);
        LocalDate first;
        LocalDate last;
        if (sep < 0) {
            first = parseDate(text, s);
            last = first;
        } else {
            first = parseDate(text, s.substring(0, sep).strip());
            last = parseDate(text, s.substring(sep + SEPARATOR.length()).strip());
        }
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("invalid date range '" + text + "': last date is before first date");
        }
        return new DateRange(first, last);
    }

    private static LocalDate parseDate(String text, String date) {
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "invalid date range '" + text + "': '" + date + "' is not a valid date (expected YYYY-MM-DD)", e);
        }
    }

    /** Whether {@code date} lies in this range. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(first) && !date.isAfter(last);
    }

    /** Whether the two ranges share at least one date. */
    public boolean overlaps(DateRange other) {
        return !other.last.isBefore(first) && !other.first.isAfter(last);
    }

    /** The admin-facing form: {@code 2026-10-01} or {@code 2026-10-01..2026-10-07}. */
    @Override
    public String toString() {
        return first.equals(last) ? first.toString() : first + SEPARATOR + last;
    }
}
