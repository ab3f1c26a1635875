package org.campusgate.policy.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled time schedule: weekly windows per day of the week plus dated exceptions, evaluated in one zone.
 *
 * <p>Semantics: a window {@code from-to} is half-open; a window with {@code to <= from} crosses midnight and belongs
 * to the day it starts on (see {@link TimeWindow}). The windows applicable to a date are those of the exception
 * covering it (none if the exception is closed), otherwise the weekly windows of its day of week. At local date
 * {@code D} and time {@code T} the schedule is active if a window of {@code D} covers {@code T}, or a crossing window of
 * {@code D-1} has {@code T < to}. So Friday's {@code 22:00-06:00} still covers Saturday 03:00 when Saturday is closed,
 * and a Monday holiday does not cut Sunday's night window. Local time is the wall-clock time of the instant under the
 * zone's rules (during a DST gap the skipped times never occur; during an overlap they occur twice).
 *
 * <p>Immutable and thread-safe; {@link #isActive(Instant)} does not allocate for instants in 1970..2099.
 */
public final class Schedule {

    /** Zone used when a schedule does not name one. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private static final int SECONDS_PER_DAY = DayProfile.SECONDS_PER_DAY;

    private final String name;
    private final ZoneId zone;
    private final OffsetTable offsets;
    /** Indexed by {@code DayOfWeek.getValue() - 1}. */
    private final DayProfile[] weekly;
    /** Exception ranges as epoch days, sorted by first day and disjoint; parallel arrays. */
    private final long[] exceptionFirst;
    private final long[] exceptionLast;
    private final DayProfile[] exceptionProfile;

    private Schedule(String name, ZoneId zone, DayProfile[] weekly,
            long[] exceptionFirst, long[] exceptionLast, DayProfile[] exceptionProfile) {
        this.name = name;
        this.zone = zone;
        this.offsets = new OffsetTable(zone);
        this.weekly = weekly;
        this.exceptionFirst = exceptionFirst;
        this.exceptionLast = exceptionLast;
        this.exceptionProfile = exceptionProfile;
    }

    /**
     * Starts a schedule.
     *
     * @param name the schedule's name as the admin wrote it, used in error messages
     * @param zone the zone whose wall clock the windows refer to; {@code null} means {@link #DEFAULT_ZONE}
     */
    public static Builder builder(String name, ZoneId zone) {
        return new Builder(name, zone == null ? DEFAULT_ZONE : zone);
    }

    /** Whether the schedule is active at {@code t}. Hot path: no allocation, no {@code ZonedDateTime}. */
    public boolean isActive(Instant t) {
        long local = t.getEpochSecond() + offsets.offsetSeconds(t);
        long day = Math.floorDiv(local, SECONDS_PER_DAY);
        int second = (int) (local - day * SECONDS_PER_DAY);
        return profile(day).coversSameDay(second) || profile(day - 1).coversNextDay(second);
    }

    /** The schedule's name. */
    public String name() {
        return name;
    }

    /** The zone whose wall clock the windows refer to. */
    public ZoneId zone() {
        return zone;
    }

    private DayProfile profile(long epochDay) {
        long[] firsts = exceptionFirst;
        if (firsts.length != 0 && epochDay >= firsts[0] && epochDay <= exceptionLast[firsts.length - 1]) {
            // Last exception whose first day is <= epochDay; it applies if it has not ended yet.
            int lo = 0;
            int hi = firsts.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (firsts[mid] <= epochDay) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (epochDay <= exceptionLast[lo - 1]) {
                return exceptionProfile[lo - 1];
            }
        }
        // 1970-01-01 (epoch day 0) was a Thursday, index 3 with Monday = 0.
        return weekly[(int) Math.floorMod(epochDay + 3, 7L)];
    }

    @Override
    public String toString() {
        return "Schedule[" + name + ", " + zone + ", " + exceptionFirst.length + " exceptions]";
    }

    /** Collects weekly entries and exceptions; not thread-safe. {@link #build()} may be called repeatedly. */
    public static final class Builder {

        private final String name;
        private final ZoneId zone;
        private final List<List<TimeWindow>> weekly = new ArrayList<>();
        private final List<DatedException> exceptions = new ArrayList<>();

        private Builder(String name, ZoneId zone) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("schedule name must not be blank");
            }
            this.name = name;
            this.zone = zone;
            for (int i = 0; i < 7; i++) {
                weekly.add(new ArrayList<>());
            }
        }

        /**
         * Adds {@code windows} to each of {@code days}. Entries accumulate: two entries naming the same day give the
         * union of their windows, and overlapping windows are allowed.
         */
        public Builder weekly(Set<DayOfWeek> days, List<TimeWindow> windows) {
            List<TimeWindow> copy = List.copyOf(Objects.requireNonNull(windows, "windows"));
            for (DayOfWeek d : Objects.requireNonNull(days, "days")) {
                weekly.get(d.getValue() - 1).addAll(copy);
            }
            return this;
        }

        /** Declares {@code dates} closed: no window starts on them (a crossing window of the day before still ends). */
        public Builder closed(DateRange dates) {
            exceptions.add(new DatedException(Objects.requireNonNull(dates, "dates"), List.of()));
            return this;
        }

        /**
         * Replaces the weekly windows on {@code dates} by {@code windows} (e.g. a make-up working day on a Sunday).
         * An empty list is the same as {@link #closed(DateRange)}.
         */
        public Builder exception(DateRange dates, List<TimeWindow> windows) {
            exceptions.add(new DatedException(Objects.requireNonNull(dates, "dates"),
                    List.copyOf(Objects.requireNonNull(windows, "windows"))));
            return this;
        }

        /**
         * Compiles the schedule.
         *
         * @throws IllegalArgumentException when two exceptions cover the same date, naming both and the schedule
         */
        public Schedule build() {
            DayProfile[] weeklyProfiles = new DayProfile[7];
            for (int i = 0; i < 7; i++) {
                weeklyProfiles[i] = DayProfile.of(weekly.get(i));
            }
            List<DatedException> sorted = new ArrayList<>(exceptions);
            sorted.sort(Comparator.comparing((DatedException e) -> e.dates().first()));
            int n = sorted.size();
            long[] firsts = new long[n];
            long[] lasts = new long[n];
            DayProfile[] profiles = new DayProfile[n];
            for (int i = 0; i < n; i++) {
                DateRange dates = sorted.get(i).dates();
                if (i > 0 && sorted.get(i - 1).dates().overlaps(dates)) {
                    DateRange previous = sorted.get(i - 1).dates();
                    throw new IllegalArgumentException("schedule '" + name + "': exceptions " + previous + " and "
                            + dates + " overlap on " + dates.first() + "; a date may have only one exception");
                }
                firsts[i] = dates.first().toEpochDay();
                lasts[i] = dates.last().toEpochDay();
                profiles[i] = DayProfile.of(sorted.get(i).windows());
            }
            return new Schedule(name, zone, weeklyProfiles, firsts, lasts, profiles);
        }
    }

    private record DatedException(DateRange dates, List<TimeWindow> windows) {
    }
}
