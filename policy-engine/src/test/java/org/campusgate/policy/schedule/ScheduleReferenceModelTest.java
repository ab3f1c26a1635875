package org.campusgate.policy.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sweeps months of instants and compares {@link Schedule#isActive} with a direct, slow transcription of the
 * semantics through {@link LocalDateTime}, so the compiled form (offset table, merged ranges, exception search) cannot
 * drift from the rules the admin reads.
 */
class ScheduleReferenceModelTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Asia/Shanghai", "America/New_York", "UTC", "Australia/Lord_Howe", "Europe/Dublin"})
    void compiledScheduleAgreesWithTheWrittenRulesEveryFiveMinutes(String zoneId) {
        ZoneId zone = ZoneId.of(zoneId);
        Model model = new Model(Schedule.builder("sweep", zone));
        model.weekly("mon-fri", "08:00-12:00", "13:30-17:30", "11:00-12:30");
        model.weekly("sun-thu", "19:00-21:30");
        model.weekly("daily", "22:00-06:00");
        model.weekly("sat", "23:45-00:15", "00:00-24:00");
        model.weekly("wed", "00:00-00:00");
        model.exception("2026-09-27", "08:00-17:30");
        model.exception("2026-10-01..2026-10-07");
        model.exception("2026-10-10", "20:00-02:00");
        model.exception("2026-10-11");
        model.exception("2026-11-01..2026-11-02", "01:00-02:00", "05:00-05:05");
        Schedule schedule = model.builder.build();

        Instant end = LocalDate.parse("2026-11-20").atStartOfDay(zone).toInstant();
        int checked = 0;
        for (Instant t = LocalDate.parse("2026-09-01").atStartOfDay(zone).toInstant(); t.isBefore(end);
                t = t.plusSeconds(300)) {
            for (Instant probe : List.of(t, t.minusSeconds(1))) {
                assertThat(schedule.isActive(probe))
                        .as("%s at %s", zone, LocalDateTime.ofInstant(probe, zone))
                        .isEqualTo(model.isActive(probe));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(40_000);
    }

    /** The semantics, written as plainly as possible. */
    private static final class Model {
        final Schedule.Builder builder;
        final ZoneId zone;
        final Map<DayOfWeek, List<TimeWindow>> weekly = new EnumMap<>(DayOfWeek.class);
        final Map<DateRange, List<TimeWindow>> exceptions = new LinkedHashMap<>();

        Model(Schedule.Builder builder) {
            this.builder = builder;
            this.zone = builder.build().zone();
        }

        void weekly(String days, String... windows) {
            Set<DayOfWeek> set = DaySets.parse(days);
            List<TimeWindow> list = ScheduleTest.windows(windows);
            builder.weekly(set, list);
            set.forEach(d -> weekly.computeIfAbsent(d, k -> new ArrayList<>()).addAll(list));
        }

        void exception(String dates, String... windows) {
            DateRange range = DateRange.parse(dates);
            List<TimeWindow> list = ScheduleTest.windows(windows);
            if (list.isEmpty()) {
                builder.closed(range);
            } else {
                builder.exception(range, list);
            }
            exceptions.put(range, list);
        }

        List<TimeWindow> applicable(LocalDate date) {
            for (Map.Entry<DateRange, List<TimeWindow>> e : exceptions.entrySet()) {
                if (e.getKey().contains(date)) {
                    return e.getValue();
                }
            }
            return weekly.getOrDefault(date.getDayOfWeek(), List.of());
        }

        boolean isActive(Instant t) {
            LocalDateTime local = LocalDateTime.ofInstant(t, zone);
            LocalDate date = local.toLocalDate();
            LocalTime time = local.toLocalTime();
            for (TimeWindow w : applicable(date)) {
                boolean beforeEnd = w.endsAtMidnight() || w.crossesMidnight() || time.isBefore(w.to());
                if (!time.isBefore(w.from()) && beforeEnd) {
                    return true;
                }
            }
            for (TimeWindow w : applicable(date.minusDays(1))) {
                if (w.crossesMidnight() && time.isBefore(w.to())) {
                    return true;
                }
            }
            return false;
        }
    }
}
