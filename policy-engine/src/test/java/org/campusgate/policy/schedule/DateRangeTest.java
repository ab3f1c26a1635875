package org.campusgate.policy.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateRangeTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "2026-10-01,                 2026-10-01, 2026-10-01",
        "2026-10-01..2026-10-07,     2026-10-01, 2026-10-07",
        "' 2026-10-01 .. 2026-10-07 ', 2026-10-01, 2026-10-07",
        "2026-12-31..2027-01-01,     2026-12-31, 2027-01-01",
        "2026-10-01..2026-10-01,     2026-10-01, 2026-10-01",
    })
    void parsesSingleDatesAndInclusiveRanges(String text, LocalDate first, LocalDate last) {
        assertThat(DateRange.parse(text)).isEqualTo(new DateRange(first, last));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "2026-10-07..2026-10-01 | invalid date range '2026-10-07..2026-10-01': last date is before first date",
        "2026-13-01             | invalid date range '2026-13-01': '2026-13-01' is not a valid date (expected YYYY-MM-DD)",
        "2026-02-30             | invalid date range '2026-02-30': '2026-02-30' is not a valid date (expected YYYY-MM-DD)",
        "2026-10-01..           | invalid date range '2026-10-01..': '' is not a valid date (expected YYYY-MM-DD)",
        "1.10.2026              | invalid date range '1.10.2026': '1.10.2026' is not a valid date (expected YYYY-MM-DD)",
        "''                     | invalid date range '': expected YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD",
    })
    void rejectsMalformedTextNamingIt(String text, String message) {
        assertThatThrownBy(() -> DateRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void constructorRejectsReversedRange() {
        assertThatThrownBy(() -> new DateRange(LocalDate.of(2026, 10, 7), LocalDate.of(2026, 10, 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid date range '2026-10-07..2026-10-01': last date is before first date");
    }

    @Test
    void containsAndOverlapsAreInclusive() {
        DateRange holiday = DateRange.parse("2026-10-01..2026-10-07");

        assertThat(holiday.contains(LocalDate.of(2026, 10, 1))).isTrue();
        assertThat(holiday.contains(LocalDate.of(2026, 10, 7))).isTrue();
        assertThat(holiday.contains(LocalDate.of(2026, 10, 8))).isFalse();
        assertThat(holiday.overlaps(DateRange.parse("2026-10-07..2026-10-09"))).isTrue();
        assertThat(holiday.overlaps(DateRange.parse("2026-10-08"))).isFalse();
        assertThat(holiday).hasToString("2026-10-01..2026-10-07");
        assertThat(DateRange.parse("2026-09-27")).hasToString("2026-09-27");
    }
}
