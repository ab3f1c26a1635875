package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.TestEvents;
import org.campusgate.console.DashTestConsole;
import org.campusgate.console.db.ConsoleRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard API of the running console over its real embedded audit store: buckets in the
 * school's zone, totals, top lists, and who may see which school.
 */
class DashboardResourceTest {
  private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  /** Yesterday 10:30 in the school's zone: recent (no retention), fixed for the whole class. */
  private static final LocalDate DAY = LocalDate.now(SHANGHAI).minusDays(1);
  private static final Instant NOW = DAY.atTime(10, 30).atZone(SHANGHAI).toInstant();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final DashTestConsole CONSOLE =
      DashTestConsole.create(Clock.fixed(NOW, ZoneOffset.UTC), "");
  @RegisterExtension
  static final io.dropwizard.testing.junit5.DropwizardAppExtension<?> APP = CONSOLE.extension();

  private static String district;

  @BeforeAll
  static void events() throws Exception {
    CONSOLE.services().db().schools().create("other-school", "Other School");
    district = CONSOLE.token(ConsoleRole.DISTRICT_ADMIN, null);
    TestEvents t = new TestEvents();
    List<AccessEvent> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(at(t, "09:10", "student1", "smartedu.cn").build());
    }
    events.add(blocked(at(t, "09:15", "student1", "bet365.com"), "gambling"));
    events.add(blocked(at(t, "09:40", "student2", "bet365.com"), "gambling"));
    events.add(blocked(at(t, "10:05", "student2", "weibo.com"), "social_networks"));
    events.add(at(t, "10:10", null, "example.net").build()); // unidentified: not a user
    events.add(at(t, DAY.minusDays(2), "09:00", "teacher1", "smartedu.cn").build());
    events.add(at(t, DAY.minusDays(2), "16:00", "teacher1", "smartedu.cn").build());
    events.add(at(t, DAY.minusDays(10), "09:00", "teacher1", "smartedu.cn").build()); // too old
    for (int i = 0; i < 5; i++) { // another school's blocks never show here
      events.add(blocked(at(t, "09:20", "pupil9", "bet365.com").schoolId("other-school"),
          "gambling"));
    }
    CONSOLE.services().store().append(events).awaitDurable(Duration.ofSeconds(30));
  }

  private static AccessEvent.Builder at(TestEvents t, String time, String user, String host) {
    return at(t, DAY, time, user, host);
  }

  private static AccessEvent.Builder at(TestEvents t, LocalDate day, String time, String user,
      String host) {
    String utc = ZonedDateTime.of(day, java.time.LocalTime.parse(time), SHANGHAI).toInstant()
        .toString();
    return t.access(utc, user, "10.0.0.7", host).schoolId("demo-school");
  }

  private static AccessEvent blocked(AccessEvent.Builder b, String category) {
    return b.action("BLOCK").reason("CATEGORY_BLOCKED").category(category).httpStatus(403).build();
  }

  private static JsonNode get(String query, String token) throws Exception {
    HttpResponse<String> r = CONSOLE.api("/v1/schools/demo-school/dashboard" + query, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void theLastSevenDaysByDefaultInDailyBucketsOfTheSchoolsZone() throws Exception {
    JsonNode d = get("", district);
    assertThat(d.get("zone").asText()).isEqualTo("Asia/Shanghai");
    assertThat(d.get("bucket").asText()).isEqualTo("day");
    assertThat(d.get("from").asText())
        .isEqualTo(DAY.minusDays(7).atStartOfDay(SHANGHAI).toInstant().toString());
    assertThat(d.get("to").asText())
        .isEqualTo(DAY.plusDays(1).atStartOfDay(SHANGHAI).toInstant().toString());
    JsonNode series = d.get("series");
    assertThat(series).hasSize(8);
    JsonNode today = series.get(7);
    assertThat(today.get("start").asText())
        .isEqualTo(DAY.atStartOfDay(SHANGHAI).toInstant().toString());
    assertThat(List.of(today.get("requests").asLong(), today.get("blocked").asLong(),
        today.get("activeUsers").asLong())).containsExactly(7L, 3L, 2L);
    JsonNode twoDaysAgo = series.get(5);
    assertThat(List.of(twoDaysAgo.get("requests").asLong(), twoDaysAgo.get("blocked").asLong(),
        twoDaysAgo.get("activeUsers").asLong())).containsExactly(2L, 0L, 1L);
    assertThat(series.get(0).get("requests").asLong()).isZero();

    JsonNode totals = d.get("totals");
    assertThat(totals.get("requests").asLong()).isEqualTo(9);
    assertThat(totals.get("blocked").asLong()).isEqualTo(3);
    assertThat(totals.get("blockRate").asDouble()).isEqualTo(0.3333);
    assertThat(totals.get("activeUsers").asLong()).isEqualTo(3);
  }

  @Test
  void topBlockedCategoriesAndHostsOfThisSchoolOnly() throws Exception {
    JsonNode d = get("", district);
    assertThat(d.get("topCategories").toString())
        .isEqualTo("[{\"name\":\"gambling\",\"blocked\":2},{\"name\":\"social_networks\",\"blocked\":1}]");
    assertThat(d.get("topHosts").toString())
        .isEqualTo("[{\"name\":\"bet365.com\",\"blocked\":2},{\"name\":\"weibo.com\",\"blocked\":1}]");
    assertThat(get("?top=1", district).get("topHosts")).hasSize(1);
  }

  @Test
  void aRangeOfAtMostTwoDaysHasHourlyBuckets() throws Exception {
    String day = DAY.toString();
    JsonNode d = get("?from=" + q(day + "T09:00:00+08:00") + "&to=" + q(day + "T10:59:00+08:00"),
        district);
    assertThat(d.get("bucket").asText()).isEqualTo("hour");
    JsonNode series = d.get("series");
    assertThat(series).hasSize(2);
    assertThat(series.get(0).get("start").asText())
        .isEqualTo(DAY.atTime(9, 0).atZone(SHANGHAI).toInstant().toString());
    assertThat(List.of(series.get(0).get("requests").asLong(), series.get(0).get("blocked").asLong(),
        series.get(0).get("activeUsers").asLong())).containsExactly(5L, 2L, 2L);
    assertThat(List.of(series.get(1).get("requests").asLong(), series.get(1).get("blocked").asLong(),
        series.get(1).get("activeUsers").asLong())).containsExactly(2L, 1L, 1L);
  }

  @Test
  void datesAreWholeDaysOfTheSchoolsCalendar() throws Exception {
    JsonNode d = get("?from=" + DAY.minusDays(2) + "&to=" + DAY, district);
    assertThat(d.get("bucket").asText()).isEqualTo("day");
    assertThat(d.get("series")).hasSize(3);
    assertThat(d.get("totals").get("requests").asLong()).isEqualTo(9);
  }

  @Test
  void badRangesAreRefusedWithAStableCode() throws Exception {
    for (String query : List.of("?from=" + DAY + "&to=" + DAY.minusDays(3),
        "?from=" + DAY.minusDays(93) + "&to=" + DAY.minusDays(1), "?from=yesterday",
        "?to=" + q("2026-13-01T00:00:00Z"), "?from=1900-01-01")) {
      HttpResponse<String> r = CONSOLE.api("/v1/schools/demo-school/dashboard" + query, district);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("error").asText()).as(query).isEqualTo("bad-range");
    }
    HttpResponse<String> top = CONSOLE.api("/v1/schools/demo-school/dashboard?top=0", district);
    assertThat(top.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(top.body()).get("error").asText()).isEqualTo("bad-request");
  }

  @Test
  void schoolAdminsSeeTheirOwnSchoolOnly() throws Exception {
    String own = CONSOLE.token(ConsoleRole.SCHOOL_ADMIN, "demo-school");
    String other = CONSOLE.token(ConsoleRole.SCHOOL_ADMIN, "other-school");
    assertThat(get("", own).get("totals").get("requests").asLong()).isEqualTo(9);

    HttpResponse<String> r = CONSOLE.api("/v1/schools/demo-school/dashboard", other);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("forbidden-school");
    HttpResponse<String> theirs = CONSOLE.api("/v1/schools/other-school/dashboard", other);
    assertThat(JSON.readTree(theirs.body()).get("totals").get("blocked").asLong()).isEqualTo(5);
  }

  @Test
  void inspectorsSeeAggregatesWithoutUserIds() throws Exception {
    String inspector = CONSOLE.token(ConsoleRole.INSPECTOR, null);
    HttpResponse<String> r = CONSOLE.api("/v1/schools/demo-school/dashboard", inspector);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"activeUsers\":3").doesNotContain("student1", "teacher1",
        "10.0.0.7");
  }

  @Test
  void respondersUnknownSchoolsAndVisitorsAreTurnedAway() {
    String responder = CONSOLE.token(ConsoleRole.RESPONDER, null);
    assertThat(CONSOLE.api("/v1/schools/demo-school/dashboard", responder).statusCode())
        .isEqualTo(403);
    assertThat(CONSOLE.api("/v1/schools/no-such-school/dashboard", district).statusCode())
        .isEqualTo(404);
    assertThat(CONSOLE.api("/v1/schools/demo-school/dashboard", null).statusCode())
        .isEqualTo(401);
  }
}
