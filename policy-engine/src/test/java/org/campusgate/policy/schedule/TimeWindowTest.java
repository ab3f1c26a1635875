package org.campusgate.policy.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimeWindowTest {

    @ParameterizedTest(name = "{0} -> {1}..{2} endsAtMidnight={3} crosses={4}")
    @CsvSource({
        "08:00-12:00,   08:00, 12:00, false, false",
        "8:00-9:30,     08:00, 09:30, false, false",
        "' 13:30 - 17:30 ', 13:30, 17:30, false, false",
        "22:00-06:00,   22:00, 06:00, false, true",
        "00:00-24:00,   00:00, 00:00, true,  false",
        "22:00-24:00,   22:00, 00:00, true,  false",
        "00:00-00:00,   00:00, 00:00, false, true",
        "09:00-09:00,   09:00, 09:00, false, true",
        "23:59-00:00,   23:59, 00:00, false, true",
    })
    void parsesWhatAdminsWrite(String text, LocalTime from, LocalTime to, boolean endsAtMidnight, boolean crosses) {
        TimeWindow w = TimeWindow.parse(text);

        assertThat(w).isEqualTo(new TimeWindow(from, to, endsAtMidnight));
        assertThat(w.crossesMidnight()).isEqualTo(crosses);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "25:00-26:00 | invalid time window '25:00-26:00': hour must be 0..24",
        "08:00-25:00 | invalid time window '08:00-25:00': hour must be 0..24",
        "08:60-09:00 | invalid time window '08:60-09:00': minute must be 0..59",
        "08:00-24:30 | invalid time window '08:00-24:30': 24:00 is the only time with hour 24",
        "24:00-06:00 | invalid time window '24:00-06:00': start cannot be 24:00",
        "08:00       | invalid time window '08:00': expected HH:MM-HH:MM, e.g. 08:00-12:00",
        "8-12        | invalid time window '8-12': expected HH:MM-HH:MM, e.g. 08:00-12:00",
        "08:0-09:00  | invalid time window '08:0-09:00': expected HH:MM-HH:MM, e.g. 08:00-12:00",
        "08h00-09h00 | invalid time window '08h00-09h00': expected HH:MM-HH:MM, e.g. 08:00-12:00",
        "''          | invalid time window '': expected HH:MM-HH:MM",
    })
    void rejectsMalformedTextNamingIt(String text, String message) {
        assertThatThrownBy(() -> TimeWindow.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void printsBackInAdminForm() {
        assertThat(TimeWindow.parse("8:00-9:30")).hasToString("08:00-09:30");
        assertThat(TimeWindow.parse("00:00-24:00")).hasToString("00:00-24:00");
        assertThat(TimeWindow.parse("22:00-06:00")).hasToString("22:00-06:00");
    }

    @Test
    void endsAtMidnightRequiresMidnightAsTo() {
        assertThatThrownBy(() -> new TimeWindow(LocalTime.of(8, 0), LocalTime.of(9, 0), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("24:00");
    }
}
