package org.campusgate.policy.schedule;

import java.time.LocalTime;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A half-open local time window {@code [from, to)} on one day, as written by an admin ({@code "08:00-12:00"}).
 *
 * <p>{@code 24:00} is represented by {@code to == LocalTime.MIDNIGHT} with {@code endsAtMidnight == true}; such a
 * window ends exactly at the end of its day. A window whose {@code to} is not after {@code from} (and that does not end
 * at 24:00) {@linkplain #crossesMidnight() crosses midnight}: it belongs to the day it starts on and runs into the next
 * day until {@code to}. Hence {@code 00:00-00:00} (like {@code 00:00-24:00}) covers a whole day, and in general
 * {@code X-X} covers 24 hours starting at {@code X}.
 *
 * <p>Precision is one second; {@link #parse(String)} produces whole minutes.
 *
 * @param from first instant of the window (inclusive), never 24:00
 * @param to end of the window (exclusive); {@link LocalTime#MIDNIGHT} when {@code endsAtMidnight}
 * @param endsAtMidnight whether {@code to} means 24:00 (end of the start day) rather than 00:00
 */
public record TimeWindow(LocalTime from, LocalTime to, boolean endsAtMidnight) {

    // Hour 1-2 digits, minute exactly 2 digits; range checks are done by hand for precise messages.
    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

    /** Validates the components. */
    public TimeWindow {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (endsAtMidnight && !to.equals(LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("a time window ending at 24:00 must have to == 00:00, got " + to);
        }
        if (from.getNano() != 0 || to.getNano() != 0) {
            throw new IllegalArgumentException("time window " + from + "-" + to + " has sub-second precision");
        }
    }

    /**
     * Parses {@code "H:MM-H:MM"} or {@code "HH:MM-HH:MM"}; the end may be {@code 24:00}.
     *
     * @throws IllegalArgumentException naming the text, e.g. {@code invalid time window '25:00-26:00': hour must be 0..24}
     */
    public static TimeWindow parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("invalid time window '" + text + "': expected HH:MM-HH:MM");
        }
        Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid time window '" + text + "': expected HH:MM-HH:MM, e.g. 08:00-12:00");
        }
        int fromHour = Integer.parseInt(m.group(1));
        int fromMinute = Integer.parseInt(m.group(2));
        int toHour = Integer.parseInt(m.group(3));
        int toMinute = Integer.parseInt(m.group(4));
        checkField(text, fromHour, fromMinute);
        checkField(text, toHour, toMinute);
        if (fromHour == 24) {
            throw new IllegalArgumentException("invalid time window '" + text + "': start cannot be 24:00");
        }
        LocalTime from = LocalTime.of(fromHour, fromMinute);
        if (toHour == 24) {
            return new TimeWindow(from, LocalTime.MIDNIGHT, true);
        }
        return new TimeWindow(from, LocalTime.of(toHour, toMinute), false);
    }

    private static void checkField(String text, int hour, int minute) {
        if (hour > 24) {
            throw new IllegalArgumentException("invalid time window '" + text + "': hour must be 0..24");
        }
        if (minute > 59) {
            throw new IllegalArgumentException("invalid time window '" + text + "': minute must be 0..59");
        }
        if (hour == 24 && minute != 0) {
            throw new IllegalArgumentException("invalid time window '" + text + "': 24:00 is the only time with hour 24");
        }
    }

    /** True when the window runs past midnight into the next day ({@code to <= from} and not ending at 24:00). */
    public boolean crossesMidnight() {
        return !endsAtMidnight && !to.isAfter(from);
    }

    /** Seconds of the start day covered from {@link #from()}: the exclusive end within the start day. */
    int startDayEndSecond() {
        return endsAtMidnight || crossesMidnight() ? DayProfile.SECONDS_PER_DAY : to.toSecondOfDay();
    }

    /** Exclusive end, in seconds of the next day, of the part after midnight; 0 when the window does not cross. */
    int nextDayEndSecond() {
        return crossesMidnight() ? to.toSecondOfDay() : 0;
    }

    /** The admin-facing form, e.g. {@code 22:00-06:00} or {@code 00:00-24:00}. */
    @Override
    public String toString() {
        return from + "-" + (endsAtMidnight ? "24:00" : to.toString());
    }
}
