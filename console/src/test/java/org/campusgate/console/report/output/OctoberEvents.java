package org.campusgate.console.report.output;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.TestEvents;
import org.campusgate.console.core.ConsoleServices;

/**
 * Seeds a running console with two schools with Chinese names and some October 2026 traffic for
 * each (allowed and blocked, a few reasons and categories), so a report of that month has charts.
 */
public final class OctoberEvents {
  public static final String EAST = "east-primary";
  public static final String EAST_NAME = "东城第一小学";
  public static final String WEST = "west-middle";
  public static final String WEST_NAME = "西城实验中学";
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private OctoberEvents() {}

  public static void seed(ConsoleServices s) throws Exception {
    s.db().schools().create(EAST, EAST_NAME);
    s.db().schools().create(WEST, WEST_NAME);
    TestEvents t = new TestEvents();
    List<AccessEvent> events = new ArrayList<>();
    for (int day = 1; day <= 31; day++) {
      LocalDate d = LocalDate.of(2026, 10, day);
      int weight = d.getDayOfWeek().getValue() >= 6 ? 1 : 4;
      for (int i = 0; i < weight; i++) {
        events.add(at(t, d, "09:0" + i, EAST, "s" + i, "smartedu.cn").build());
        events.add(at(t, d, "10:0" + i, WEST, "w" + i, "www.qq.com").build());
      }
      events.add(at(t, d, "11:00", EAST, "s1", "bet365.com").action("BLOCK")
          .reason("CATEGORY_BLOCKED").category("gambling").httpStatus(403).build());
      if (day % 3 == 0) {
        events.add(at(t, d, "11:30", WEST, "w2", "game.example").action("BLOCK")
            .reason("MINOR_GAME_TIME").category("games").httpStatus(403).build());
      }
    }
    s.store().append(events).awaitDurable(Duration.ofSeconds(30));
  }

  private static AccessEvent.Builder at(TestEvents t, LocalDate day, String time, String school,
      String user, String host) {
    String utc = day.atTime(LocalTime.parse(time)).atZone(ZONE).toInstant().toString();
    return t.access(utc, user, "10.0.0.7", host).schoolId(school);
  }
}
