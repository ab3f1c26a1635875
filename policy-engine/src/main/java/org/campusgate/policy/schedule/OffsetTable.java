package org.campusgate.policy.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * UTC offsets of one zone, precomputed as a sorted transition table so that the hot path is a binary search over a
 * {@code long[]}. {@link ZoneRules#getOffset(Instant)} instead consults a per-year cache (boxing the year) for zones
 * with recurring DST rules. Instants outside the table fall back to the rules.
 */
final class OffsetTable {

    /** 1970-01-01T00:00Z, inclusive lower bound of the table. */
    static final long TABLE_START = 0L;
    /** 2100-01-01T00:00Z, exclusive upper bound of the table. */
    static final long TABLE_END = 4_102_444_800L;

    private final ZoneRules rules;
    /** Epoch seconds at which the offset changes, ascending, all within the table bounds. */
    private final long[] transitions;
    /** {@code offsets[i]} applies from {@code transitions[i - 1]} (inclusive) to {@code transitions[i]} (exclusive). */
    private final int[] offsets;

    OffsetTable(ZoneId zone) {
        this.rules = zone.getRules();
        List<ZoneOffsetTransition> found = new ArrayList<>();
        if (!rules.isFixedOffset()) {
            ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(TABLE_START));
            while (t != null && t.toEpochSecond() < TABLE_END) {
                found.add(t);
                t = rules.nextTransition(t.getInstant());
            }
        }
        transitions = new long[found.size()];
        offsets = new int[found.size() + 1];
        offsets[0] = rules.getOffset(Instant.ofEpochSecond(TABLE_START)).getTotalSeconds();
        for (int i = 0; i < transitions.length; i++) {
            transitions[i] = found.get(i).toEpochSecond();
            offsets[i + 1] = found.get(i).getOffsetAfter().getTotalSeconds();
        }
    }

    /** Offset in seconds to add to {@code instant}'s epoch second to get local wall-clock seconds. */
    int offsetSeconds(Instant instant) {
        long sec = instant.getEpochSecond();
        if (sec < TABLE_START || sec >= TABLE_END) {
            return rules.getOffset(instant).getTotalSeconds();
        }
        // Index of the first transition after sec == number of transitions at or before sec.
        long[] ts = transitions;
        int lo = 0;
        int hi = ts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] <= sec) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return offsets[lo];
    }
}
