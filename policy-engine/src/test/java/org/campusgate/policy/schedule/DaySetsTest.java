package org.campusgate.policy.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DaySetsTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("mon-fri", EnumSet.range(MONDAY, FRIDAY)),
                Arguments.of("sat,sun", EnumSet.of(SATURDAY, SUNDAY)),
                Arguments.of("mon,wed-fri", EnumSet.of(MONDAY, WEDNESDAY, THURSDAY, FRIDAY)),
                Arguments.of("daily", EnumSet.allOf(DayOfWeek.class)),
                Arguments.of("Daily", EnumSet.allOf(DayOfWeek.class)),
                Arguments.of("MON-Fri", EnumSet.range(MONDAY, FRIDAY)),
                Arguments.of("sun-thu", EnumSet.of(SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY)),
                Arguments.of("fri-mon", EnumSet.of(FRIDAY, SATURDAY, SUNDAY, MONDAY)),
                Arguments.of("Monday-Wednesday", EnumSet.range(MONDAY, WEDNESDAY)),
                Arguments.of("saturday, Sunday", EnumSet.of(SATURDAY, SUNDAY)),
                Arguments.of("tue", EnumSet.of(TUESDAY)),
                Arguments.of("wed-wed", EnumSet.of(WEDNESDAY)),
                Arguments.of("mon-fri,thu-sat", EnumSet.range(MONDAY, SATURDAY)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valid")
    void parsesDaysRangesAndLists(String text, Set<DayOfWeek> expected) {
        assertThat(DaySets.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "mox         | unknown day 'mox'",
        "mon,mox     | unknown day 'mox'",
        "mon-frx     | unknown day 'frx'",
        "mo-fr       | unknown day 'mo'",
        "mon,,fri    | invalid day set 'mon,,fri': empty item",
        "mon,        | invalid day set 'mon,': empty item",
        "mon-        | invalid day range 'mon-': expected e.g. mon-fri",
        "''          | invalid day set '': expected e.g. mon-fri, sat,sun or daily",
    })
    void rejectsUnknownDaysNamingThem(String text, String message) {
        assertThatThrownBy(() -> DaySets.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void resultIsUnmodifiableAndIteratesMondayFirst() {
        Set<DayOfWeek> days = DaySets.parse("sun,mon");

        assertThat(days).containsExactly(MONDAY, SUNDAY);
        assertThatThrownBy(() -> days.add(TUESDAY)).isInstanceOf(UnsupportedOperationException.class);
    }
}
