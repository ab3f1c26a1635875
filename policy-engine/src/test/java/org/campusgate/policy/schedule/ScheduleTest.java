package org.campusgate.policy.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** The brief's example: 2026-09-27 is a Sunday, 2026-10-01 a Thursday. */
    private static final Schedule SCHOOL = Schedule.builder("school", SHANGHAI)
            .weekly(DaySets.parse("mon-fri"), windows("08:00-12:00", "13:30-17:30"))
            .weekly(DaySets.parse("sun-thu"), windows("19:00-21:30"))
            .weekly(DaySets.parse("daily"), windows("22:00-06:00"))
            .closed(DateRange.parse("2026-10-01..2026-10-07"))
            .exception(DateRange.parse("2026-09-27"), windows("08:00-17:30"))
            .build();

    static List<TimeWindow> windows(String... texts) {
        return Arrays.stream(texts).map(TimeWindow::parse).toList();
    }

    /** The instant at which the schedule's wall clock shows {@code localDateTime}. */
    static Instant at(Schedule schedule, String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime), schedule.zone()).toInstant();
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', value = {
        // Monday 2026-09-28, an ordinary school day
        "2026-09-28T07:59:59 | false | before school",
        "2026-09-28T08:00    | true  | start is inclusive",
        "2026-09-28T11:59:59 | true  | last second of the morning",
        "2026-09-28T12:00    | false | end is exclusive: lunch",
        "2026-09-28T13:29:59 | false | still lunch",
        "2026-09-28T13:30    | true  | afternoon starts",
        "2026-09-28T17:30    | false | school is out",
        "2026-09-28T19:00    | true  | evening study Sun-Thu",
        "2026-09-28T21:30    | false | evening study ends",
        "2026-09-28T22:00    | true  | night starts",
        "2026-09-28T23:59:59 | true  | night before midnight",
        "2026-09-29T00:00    | true  | night after midnight",
        "2026-09-29T05:59:59 | true  | last second of the night",
        "2026-09-29T06:00    | false | night ends exclusive",
        // weekend
        "2026-09-26T10:00    | false | Saturday is no school day",
        "2026-09-26T19:30    | false | no evening study on Saturday",
        "2026-09-25T19:30    | false | no evening study on Friday",
        "2026-09-26T23:00    | true  | the daily night applies on Saturday",
        // make-up working day on Sunday 2026-09-27 replaces all of Sunday's weekly windows
        "2026-09-27T03:00    | true  | Saturday's night runs into the make-up day",
        "2026-09-27T08:00    | true  | make-up day starts",
        "2026-09-27T12:30    | true  | make-up day has no lunch break",
        "2026-09-27T17:30    | false | make-up day ends",
        "2026-09-27T19:30    | false | no Sunday evening study on the make-up day",
        "2026-09-27T22:30    | false | no night window on the make-up day",
        "2026-09-28T03:00    | false | so nothing runs into Monday morning",
        // National Day holiday 2026-10-01..07 (Thursday..Wednesday), closed
        "2026-10-01T03:00    | true  | Wednesday's night is not cut by the holiday",
        "2026-10-01T06:00    | false | and ends as usual",
        "2026-10-01T09:00    | false | holiday",
        "2026-10-01T22:30    | false | no night window on holidays",
        "2026-10-05T09:00    | false | holiday Monday",
        "2026-10-07T19:30    | false | last holiday evening",
        "2026-10-08T03:00    | false | the closed 7th has no night running into the 8th",
        "2026-10-08T08:00    | true  | school again",
        "2026-10-08T22:00    | true  | night again",
    })
    void schoolScheduleAsTheAdminWroteIt(String local, boolean active, String why) {
        assertThat(SCHOOL.isActive(at(SCHOOL, local))).as(why).isEqualTo(active);
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', value = {
        "2026-09-27T22:59:59 | false | Sunday before the window",
        "2026-09-27T23:00    | true  | Sunday window starts",
        "2026-09-28T00:00    | true  | Monday midnight",
        "2026-09-28T00:30    | true  | Monday 00:30 still covered by Sunday",
        "2026-09-28T01:00    | false | ends on Monday 01:00",
        "2026-09-28T23:30    | false | Monday has no window of its own",
        "2026-09-26T23:30    | false | Saturday neither",
        "2026-09-27T00:30    | false | Saturday has nothing that runs into Sunday",
    })
    void crossingWindowSpansTheWeekBoundary(String local, boolean active, String why) {
        Schedule s = Schedule.builder("sunday-late", SHANGHAI)
                .weekly(DaySets.parse("sun"), windows("23:00-01:00"))
                .build();

        assertThat(s.isActive(at(s, local))).as(why).isEqualTo(active);
    }

    @Test
    void fridayNightCoversSaturdayMorningEvenWhenSaturdayIsClosed() {
        Schedule s = Schedule.builder("friday-night", SHANGHAI)
                .weekly(DaySets.parse("fri,sat"), windows("22:00-06:00"))
                .closed(DateRange.parse("2026-09-26")) // Saturday
                .build();

        assertThat(s.isActive(at(s, "2026-09-26T03:00"))).isTrue();
        assertThat(s.isActive(at(s, "2026-09-26T06:00"))).isFalse();
        assertThat(s.isActive(at(s, "2026-09-26T22:00"))).as("Saturday's own night is closed").isFalse();
        assertThat(s.isActive(at(s, "2026-09-27T03:00"))).isFalse();
    }

    @Test
    void mondayHolidayDoesNotCutSundayNight() {
        Schedule s = Schedule.builder("sunday-night", SHANGHAI)
                .weekly(DaySets.parse("sun-thu"), windows("22:00-06:00"))
                .closed(DateRange.parse("2026-10-05")) // Monday
                .build();

        assertThat(s.isActive(at(s, "2026-10-05T05:59"))).isTrue();
        assertThat(s.isActive(at(s, "2026-10-05T06:00"))).isFalse();
        assertThat(s.isActive(at(s, "2026-10-05T22:00"))).isFalse();
        assertThat(s.isActive(at(s, "2026-10-06T03:00"))).isFalse();
        assertThat(s.isActive(at(s, "2026-10-06T22:00"))).isTrue();
    }

    @Test
    void exceptionWindowMayItselfCrossIntoAClosedDay() {
        Schedule s = Schedule.builder("new-year", SHANGHAI)
                .exception(DateRange.parse("2026-12-31"), windows("20:00-02:00"))
                .closed(DateRange.parse("2027-01-01"))
                .build();

        assertThat(s.isActive(at(s, "2026-12-31T19:59"))).isFalse();
        assertThat(s.isActive(at(s, "2026-12-31T20:00"))).isTrue();
        assertThat(s.isActive(at(s, "2027-01-01T01:59:59"))).isTrue();
        assertThat(s.isActive(at(s, "2027-01-01T02:00"))).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "00:00-24:00 | 2026-09-30T00:00     | true",
        "00:00-24:00 | 2026-09-30T12:00     | true",
        "00:00-24:00 | 2026-09-30T23:59:59  | true",
        "00:00-24:00 | 2026-10-01T00:00     | false",
        "00:00-24:00 | 2026-09-29T23:59:59  | false",
        "00:00-00:00 | 2026-09-30T00:00     | true",
        "00:00-00:00 | 2026-09-30T12:00     | true",
        "00:00-00:00 | 2026-09-30T23:59:59  | true",
        "00:00-00:00 | 2026-10-01T00:00     | false",
        "00:00-00:00 | 2026-09-29T23:59:59  | false",
        "22:00-24:00 | 2026-09-30T23:59:59  | true",
        "22:00-24:00 | 2026-10-01T00:00     | false",
        "09:00-09:00 | 2026-09-30T08:59:59  | false",
        "09:00-09:00 | 2026-09-30T09:00     | true",
        "09:00-09:00 | 2026-10-01T08:59:59  | true",
        "09:00-09:00 | 2026-10-01T09:00     | false",
    })
    void wholeDayAndTwentyFourHourWindowsOnAWednesday(String window, String local, boolean active) {
        Schedule s = Schedule.builder("wednesday", SHANGHAI)
                .weekly(DaySets.parse("wed"), windows(window))
                .build();

        assertThat(s.isActive(at(s, local))).isEqualTo(active);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2026-09-30T10:00, true",
        "2026-10-01T10:00, false",
        "2026-10-02T10:00, false",
        "2026-10-05T10:00, false",
        "2026-10-07T10:00, false",
        "2026-10-08T10:00, true",
    })
    void rangeExceptionClosesEveryDateInclusive(String local, boolean active) {
        Schedule s = Schedule.builder("weekdays", SHANGHAI)
                .weekly(DaySets.parse("mon-fri"), windows("08:00-17:00"))
                .closed(DateRange.parse("2026-10-01..2026-10-07"))
                .build();

        assertThat(s.isActive(at(s, local))).isEqualTo(active);
    }

    @Test
    void rangeExceptionWithWindowsReplacesWeeklyWindowsOnEachDate() {
        Schedule s = Schedule.builder("exam-week", SHANGHAI)
                .weekly(DaySets.parse("mon-fri"), windows("08:00-17:00"))
                .exception(DateRange.parse("2026-06-08..2026-06-10"), windows("09:00-11:00"))
                .build();

        for (String date : List.of("2026-06-08", "2026-06-09", "2026-06-10")) {
            assertThat(s.isActive(at(s, date + "T08:30"))).as(date).isFalse();
            assertThat(s.isActive(at(s, date + "T09:30"))).as(date).isTrue();
            assertThat(s.isActive(at(s, date + "T11:00"))).as(date).isFalse();
        }
        assertThat(s.isActive(at(s, "2026-06-11T08:30"))).isTrue();
    }

    @Test
    void overlappingWindowsAndRepeatedDaysAreUnited() {
        Schedule s = Schedule.builder("union", SHANGHAI)
                .weekly(DaySets.parse("mon"), windows("08:00-10:00", "09:00-11:00", "11:00-12:00"))
                .weekly(DaySets.parse("mon-tue"), windows("14:00-15:00"))
                .build();

        assertThat(s.isActive(at(s, "2026-09-28T10:30"))).isTrue();
        assertThat(s.isActive(at(s, "2026-09-28T11:30"))).isTrue();
        assertThat(s.isActive(at(s, "2026-09-28T12:00"))).isFalse();
        assertThat(s.isActive(at(s, "2026-09-28T14:30"))).isTrue();
        assertThat(s.isActive(at(s, "2026-09-29T14:30"))).isTrue();
        assertThat(s.isActive(at(s, "2026-09-29T10:30"))).isFalse();
    }

    @Test
    void emptyScheduleIsNeverActive() {
        Schedule s = Schedule.builder("never", SHANGHAI).build();

        assertThat(s.isActive(at(s, "2026-09-28T10:00"))).isFalse();
    }

    @Nested
    class Zones {

        @Test
        void defaultZoneIsShanghai() {
            Schedule s = Schedule.builder("school", null).build();

            assertThat(s.zone()).isEqualTo(ZoneId.of("Asia/Shanghai")).isEqualTo(Schedule.DEFAULT_ZONE);
            assertThat(s.name()).isEqualTo("school");
        }

        @Test
        void windowsFollowTheScheduleZoneNotUtc() {
            Schedule utc = Schedule.builder("utc", ZoneId.of("UTC"))
                    .weekly(DaySets.parse("mon-fri"), windows("08:00-09:00"))
                    .build();
            Schedule shanghai = Schedule.builder("shanghai", SHANGHAI)
                    .weekly(DaySets.parse("mon-fri"), windows("08:00-09:00"))
                    .build();
            Instant monday0830Utc = Instant.parse("2026-09-28T08:30:00Z"); // 16:30 in Shanghai
            Instant monday0030Utc = Instant.parse("2026-09-28T00:30:00Z"); // 08:30 in Shanghai

            assertThat(utc.isActive(monday0830Utc)).isTrue();
            assertThat(shanghai.isActive(monday0830Utc)).isFalse();
            assertThat(utc.isActive(monday0030Utc)).isFalse();
            assertThat(shanghai.isActive(monday0030Utc)).isTrue();
        }

        @Test
        void utcDayBoundaryAndWeekBoundary() {
            Schedule s = Schedule.builder("utc", ZoneId.of("UTC"))
                    .weekly(DaySets.parse("sun"), windows("23:00-01:00"))
                    .build();

            assertThat(s.isActive(Instant.parse("2026-09-28T00:30:00Z"))).isTrue();
            assertThat(s.isActive(Instant.parse("2026-09-28T01:00:00Z"))).isFalse();
            assertThat(s.isActive(Instant.parse("2026-09-27T22:59:59Z"))).isFalse();
        }

        @ParameterizedTest(name = "{0} -> {1} ({2})")
        @CsvSource(delimiter = '|', value = {
            // Spring forward: Sunday 2026-03-08 02:00 EST -> 03:00 EDT
            "2026-03-07T13:30:00Z | true  | 08:30 EST the day before",
            "2026-03-08T12:30:00Z | true  | 08:30 EDT on the DST day",
            "2026-03-08T13:30:00Z | false | 09:30 EDT on the DST day",
            "2026-03-08T06:59:59Z | true  | 01:59:59 EST, night window",
            "2026-03-08T07:00:00Z | true  | 03:00 EDT, night window continues",
            "2026-03-08T09:59:59Z | true  | 05:59:59 EDT",
            "2026-03-08T10:00:00Z | false | 06:00 EDT, night ends by the wall clock",
            // Fall back: Sunday 2026-11-01 02:00 EDT -> 01:00 EST
            "2026-11-01T10:59:59Z | true  | 05:59:59 EST, night window",
            "2026-11-01T11:00:00Z | false | 06:00 EST",
            "2026-11-01T13:30:00Z | true  | 08:30 EST",
            "2026-11-01T12:30:00Z | false | 07:30 EST",
        })
        void newYorkAcrossDstChanges(String instant, boolean active, String why) {
            Schedule s = Schedule.builder("ny", NEW_YORK)
                    .weekly(DaySets.parse("daily"), windows("08:00-09:00", "22:00-06:00"))
                    .build();

            assertThat(s.isActive(Instant.parse(instant))).as(why).isEqualTo(active);
        }

        @Test
        void newYorkSkippedHourNeverMatchesAndRepeatedHourMatchesTwice() {
            Schedule s = Schedule.builder("ny", NEW_YORK)
                    .weekly(DaySets.parse("daily"), windows("02:00-03:00", "01:15-01:45"))
                    .build();
            ZonedDateTime repeated = ZonedDateTime.of(LocalDateTime.parse("2026-11-01T01:30"), NEW_YORK);

            // 02:00-03:00 does not exist on 2026-03-08: 01:59:59 EST is followed by 03:00 EDT.
            assertThat(s.isActive(Instant.parse("2026-03-08T06:59:59Z"))).isFalse();
            assertThat(s.isActive(Instant.parse("2026-03-08T07:00:00Z"))).isFalse();
            assertThat(s.isActive(Instant.parse("2026-03-07T07:30:00Z"))).as("02:30 EST the day before").isTrue();
            // 01:30 happens twice on 2026-11-01, an hour apart.
            assertThat(s.isActive(repeated.withEarlierOffsetAtOverlap().toInstant())).isTrue();
            assertThat(s.isActive(repeated.withLaterOffsetAtOverlap().toInstant())).isTrue();
            assertThat(s.isActive(repeated.withEarlierOffsetAtOverlap().toInstant().plusSeconds(1800))).isFalse();
        }

        @Test
        void instantsOutsideThePrecomputedOffsetTableStillWork() {
            Schedule s = Schedule.builder("ny", NEW_YORK)
                    .weekly(DaySets.parse("wed"), windows("08:00-09:00"))
                    .build();

            assertThat(s.isActive(at(s, "2150-07-01T08:30"))).isTrue(); // a Wednesday, EDT
            assertThat(s.isActive(at(s, "2150-07-01T09:00"))).isFalse();
            assertThat(s.isActive(at(s, "1969-12-31T08:30"))).isTrue(); // a Wednesday, before epoch
            assertThat(s.isActive(at(s, "1969-12-30T08:30"))).isFalse();
        }
    }

    @Nested
    class BuildErrors {

        @Test
        void overlappingExceptionsAreRejectedNamingBoth() {
            Schedule.Builder b = Schedule.builder("school", SHANGHAI)
                    .closed(DateRange.parse("2026-10-01..2026-10-07"))
                    .exception(DateRange.parse("2026-10-05"), windows("08:00-12:00"));

            assertThatThrownBy(b::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("schedule 'school': exceptions 2026-10-01..2026-10-07 and 2026-10-05 overlap on "
                            + "2026-10-05; a date may have only one exception");
        }

        @Test
        void sameDateTwiceIsRejected() {
            Schedule.Builder b = Schedule.builder("school", SHANGHAI)
                    .closed(DateRange.parse("2026-10-01"))
                    .closed(DateRange.parse("2026-10-01"));

            assertThatThrownBy(b::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exceptions 2026-10-01 and 2026-10-01 overlap on 2026-10-01");
        }

        @Test
        void rangesSharingOnlyTheirEdgeDateOverlap() {
            Schedule.Builder b = Schedule.builder("school", SHANGHAI)
                    .closed(DateRange.parse("2026-10-05..2026-10-09"))
                    .closed(DateRange.parse("2026-10-01..2026-10-05"));

            assertThatThrownBy(b::build)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("2026-10-01..2026-10-05 and 2026-10-05..2026-10-09 overlap on 2026-10-05");
        }

        @Test
        void adjacentExceptionsAreFine() {
            Schedule s = Schedule.builder("school", SHANGHAI)
                    .closed(DateRange.parse("2026-10-01..2026-10-07"))
                    .exception(DateRange.parse("2026-10-08"), windows("10:00-11:00"))
                    .build();

            assertThat(s.isActive(at(s, "2026-10-07T10:30"))).isFalse();
            assertThat(s.isActive(at(s, "2026-10-08T10:30"))).isTrue();
        }

        @Test
        void blankNameIsRejected() {
            assertThatThrownBy(() -> Schedule.builder(" ", SHANGHAI))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("schedule name must not be blank");
        }
    }
}
