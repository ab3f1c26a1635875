package org.campusgate.policy.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The compiled windows of one kind of day: merged, sorted second-of-day ranges that start on the day, plus how far
 * crossing windows spill into the next day. Spill always starts at 00:00, so a single end suffices.
 */
final class DayProfile {

    static final int SECONDS_PER_DAY = 86_400;

    static final DayProfile CLOSED = new DayProfile(new int[0], new int[0], 0);

    private final int[] starts;
    private final int[] ends;
    private final int nextDayEnd;

    private DayProfile(int[] starts, int[] ends, int nextDayEnd) {
        this.starts = starts;
        this.ends = ends;
        this.nextDayEnd = nextDayEnd;
    }

    static DayProfile of(List<TimeWindow> windows) {
        if (windows.isEmpty()) {
            return CLOSED;
        }
        List<int[]> ranges = new ArrayList<>(windows.size());
        int nextDayEnd = 0;
        for (TimeWindow w : windows) {
            ranges.add(new int[] {w.from().toSecondOfDay(), w.startDayEndSecond()});
            nextDayEnd = Math.max(nextDayEnd, w.nextDayEndSecond());
        }
        ranges.sort(Comparator.comparingInt(r -> r[0]));
        // Merge overlapping and touching ranges so the hot path scans as few as possible.
        int[] starts = new int[ranges.size()];
        int[] ends = new int[ranges.size()];
        int n = 0;
        for (int[] r : ranges) {
            if (n > 0 && r[0] <= ends[n - 1]) {
                ends[n - 1] = Math.max(ends[n - 1], r[1]);
            } else {
                starts[n] = r[0];
                ends[n] = r[1];
                n++;
            }
        }
        return new DayProfile(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), nextDayEnd);
    }

    /** Whether a window starting on this day covers {@code secondOfDay} of the same day. */
    boolean coversSameDay(int secondOfDay) {
        int[] s = starts;
        for (int i = 0; i < s.length; i++) {
            if (secondOfDay < s[i]) {
                return false; // sorted and disjoint: no later range can cover it
            }
            if (secondOfDay < ends[i]) {
                return true;
            }
        }
        return false;
    }

    /** Whether a crossing window starting on this day still covers {@code secondOfDay} of the next day. */
    boolean coversNextDay(int secondOfDay) {
        return secondOfDay < nextDayEnd;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DayProfile[");
        for (int i = 0; i < starts.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(starts[i]).append('-').append(ends[i]);
        }
        return sb.append(" next-day-end=").append(nextDayEnd).append(']').toString();
    }
}
