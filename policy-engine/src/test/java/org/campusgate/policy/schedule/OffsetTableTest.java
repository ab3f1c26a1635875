package org.campusgate.policy.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OffsetTableTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Asia/Shanghai", "America/New_York", "UTC", "Australia/Lord_Howe", "Europe/Dublin",
        "Asia/Kathmandu", "America/Sao_Paulo", "Pacific/Apia", "+05:30"})
    void agreesWithZoneRulesAroundEveryTransitionAndBeyondTheTable(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        ZoneRules rules = zone.getRules();
        OffsetTable table = new OffsetTable(zone);

        // Every transition inside the table, one second either side.
        ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(OffsetTable.TABLE_START));
        while (t != null && t.toEpochSecond() < OffsetTable.TABLE_END) {
            for (long delta = -1; delta <= 1; delta++) {
                assertAgrees(table, rules, t.getInstant().plusSeconds(delta));
            }
            t = rules.nextTransition(t.getInstant());
        }
        // A coarse sweep from well before to well after the table, including both fallbacks.
        for (long sec = -3_000_000_000L; sec < 6_000_000_000L; sec += 7_777_777L) {
            assertAgrees(table, rules, Instant.ofEpochSecond(sec));
        }
        assertAgrees(table, rules, Instant.ofEpochSecond(OffsetTable.TABLE_START - 1));
        assertAgrees(table, rules, Instant.ofEpochSecond(OffsetTable.TABLE_END));
        assertAgrees(table, rules, Instant.ofEpochSecond(OffsetTable.TABLE_END - 1));
    }

    private static void assertAgrees(OffsetTable table, ZoneRules rules, Instant instant) {
        assertThat(table.offsetSeconds(instant))
                .as("offset at %s", instant)
                .isEqualTo(rules.getOffset(instant).getTotalSeconds());
    }
}
