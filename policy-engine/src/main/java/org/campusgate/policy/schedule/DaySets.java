package org.campusgate.policy.schedule;

import java.time.DayOfWeek;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Parses admin-written sets of days of the week: {@code "mon-fri"}, {@code "sat,sun"}, {@code "mon,wed-fri"},
 * {@code "daily"}. Names are English three-letter abbreviations or full names, case-insensitive; a range may wrap
 * around the end of the week ({@code "fri-mon"} is Friday, Saturday, Sunday, Monday).
 */
public final class DaySets {

    private DaySets() {
    }

    /**
     * Parses a comma-separated list of days and day ranges.
     *
     * @return an unmodifiable, non-empty set iterating Monday to Sunday
     * @throws IllegalArgumentException naming the offending text, e.g. {@code unknown day 'mox'}
     */
    public static Set<DayOfWeek> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("invalid day set '" + text + "': expected e.g. mon-fri, sat,sun or daily");
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        // limit -1 keeps trailing empty items so "mon," is reported instead of silently accepted.
        for (String rawItem : text.split(",", -1)) {
            String item = rawItem.strip();
            if (item.isEmpty()) {
                throw new IllegalArgumentException("invalid day set '" + text + "': empty item");
            }
            if (item.equalsIgnoreCase("daily")) {
                days.addAll(EnumSet.allOf(DayOfWeek.class));
                continue;
            }
            int dash = item.indexOf('-');
            if (dash < 0) {
                days.add(day(item));
                continue;
            }
            String start = item.substring(0, dash).strip();
            String end = item.substring(dash + 1).strip();
            if (start.isEmpty() || end.isEmpty()) {
                throw new IllegalArgumentException("invalid day range '" + item + "': expected e.g. mon-fri");
            }
            DayOfWeek d = day(start);
            DayOfWeek last = day(end);
            days.add(d);
            while (d != last) { // plus() wraps Sunday to Monday, so "fri-mon" works
                d = d.plus(1);
                days.add(d);
            }
        }
        return Collections.unmodifiableSet(days);
    }

    private static DayOfWeek day(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            if (lower.equals(full) || lower.equals(full.substring(0, 3))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown day '" + name + "'");
    }
}
