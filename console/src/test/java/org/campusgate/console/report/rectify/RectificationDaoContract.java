package org.campusgate.console.report.rectify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.FindingKind;
import org.campusgate.console.report.RectificationItem;
import org.campusgate.console.report.RectificationStatus;
import org.campusgate.console.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rectification items against a real database (H2 file and PostgreSQL subclasses): raised once,
 * owned by the school's admin, carried into later months until closed, changed only as each
 * role may, every change in the admin log.
 */
abstract class RectificationDaoContract {
  static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  static final YearMonth SEPTEMBER = YearMonth.of(2026, 9);
  static final YearMonth OCTOBER = YearMonth.of(2026, 10);
  static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
  static final ConsoleUser INSPECTOR = new ConsoleUser("insp", ConsoleRole.INSPECTOR, null,
      null, false);
  static final ConsoleUser NORTH_ADMIN = new ConsoleUser("bob", ConsoleRole.SCHOOL_ADMIN,
      "north", null, false);
  static final ConsoleUser SOUTH_ADMIN = new ConsoleUser("sue", ConsoleRole.SCHOOL_ADMIN,
      "south", null, false);

  final MutableClock clock = new MutableClock(Instant.parse("2026-10-02T01:00:00Z"));
  ConsoleDatabase db;
  RectificationService items;

  abstract String newDatabaseUrl() throws Exception;

  abstract String user();

  @BeforeEach
  void open() throws Exception {
    db = ConsoleDatabase.open(newDatabaseUrl(), user(), "", clock);
    db.schools().create("north", "North Primary");
    db.schools().create("south", "South Middle");
    db.accounts().create("zed", "x", ConsoleRole.SCHOOL_ADMIN, "north");
    db.accounts().create("bob", "x", ConsoleRole.SCHOOL_ADMIN, "north");
    ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    items = new RectificationService(new RectificationDao(db.jdbi()), db.accounts(),
        new AdminLog(db.adminLog(), json), clock, ZONE, 15);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static List<Finding> findings() {
    return List.of(
        new Finding(FindingKind.NO_EVENTS_DAY, "north", "2026-09-21", Map.of("day", "2026-09-21")),
        new Finding(FindingKind.INGEST_GAP, "south", "2026-09-14T01:00:00Z",
            Map.of("hours", "2")),
        new Finding(FindingKind.INTEGRITY_FAILURE, null, "2026-09-09", Map.of()));
  }

  @Test
  void raisesEachFindingOnceWithOwnerAndDeadline() {
    List<RectificationItem> first = items.raise(SEPTEMBER, findings(), "insp");
    List<RectificationItem> again = items.raise(SEPTEMBER, findings(), "insp");

    assertThat(again).isEqualTo(first);
    assertThat(first).extracting(RectificationItem::schoolId, RectificationItem::owner,
        RectificationItem::deadline, RectificationItem::status).containsExactly(
            org.assertj.core.groups.Tuple.tuple("north", "bob", LocalDate.of(2026, 10, 15),
                RectificationStatus.OPEN),
            org.assertj.core.groups.Tuple.tuple("south", "school-admin:south",
                LocalDate.of(2026, 10, 15), RectificationStatus.OPEN),
            org.assertj.core.groups.Tuple.tuple(null, "district-admin",
                LocalDate.of(2026, 10, 15), RectificationStatus.OPEN));
    assertThat(first.get(0).summary()).isEqualTo("day=2026-09-21");
    assertThat(first.get(0).month()).isEqualTo(SEPTEMBER);
    assertThat(db.adminLog().page(null, 0, 100)).extracting(AdminAction::action)
        .containsOnly("rectification.raise").hasSize(3);
    assertThat(items.list(INSPECTOR, SEPTEMBER, null, null)).hasSize(3);
    assertThat(items.list(NORTH_ADMIN, null, null, null)).extracting(RectificationItem::schoolId)
        .containsExactly("north");
  }

  @Test
  void carriesItemsUntilClosedBeforeTheMonth() {
    List<RectificationItem> raised = items.raise(SEPTEMBER, findings(), "insp");
    long north = raised.get(0).id();
    long south = raised.get(1).id();
    assertThat(items.carriedInto(SEPTEMBER, null)).isEmpty();
    assertThat(items.carriedInto(OCTOBER, null)).hasSize(3);

    clock.set(Instant.parse("2026-10-10T02:00:00Z"));
    items.setStatus(NORTH_ADMIN, north, RectificationStatus.RECTIFIED, "gateway fixed");
    items.setStatus(INSPECTOR, north, RectificationStatus.CLOSED, "checked");

    assertThat(items.carriedInto(OCTOBER, "north")).singleElement()
        .satisfies(i -> assertThat(i.status()).isEqualTo(RectificationStatus.CLOSED));
    assertThat(items.carriedInto(NOVEMBER, "north")).as("closed before November began").isEmpty();
    assertThat(items.carriedInto(NOVEMBER, "south")).extracting(RectificationItem::id)
        .containsExactly(south);
    assertThat(items.carriedInto(NOVEMBER, null)).hasSize(2);
  }

  @Test
  void eachRoleChangesWhatItMay() {
    List<RectificationItem> raised = items.raise(SEPTEMBER, findings(), "insp");
    long north = raised.get(0).id();
    long district = raised.get(2).id();

    assertThat(refusal(() -> items.setStatus(NORTH_ADMIN, north, RectificationStatus.RECTIFIED,
        " "))).isEqualTo("note-required");
    assertThat(refusal(() -> items.setStatus(NORTH_ADMIN, north, RectificationStatus.CLOSED,
        "done"))).isEqualTo("bad-status");
    assertThat(refusal(() -> items.setStatus(SOUTH_ADMIN, north, RectificationStatus.RECTIFIED,
        "done"))).isEqualTo("forbidden-school");
    assertThat(refusal(() -> items.setStatus(NORTH_ADMIN, district,
        RectificationStatus.RECTIFIED, "done"))).isEqualTo("forbidden-school");
    assertThat(refusal(() -> items.setStatus(INSPECTOR, north, RectificationStatus.RECTIFIED,
        null))).isEqualTo("bad-status");
    assertThat(refusal(() -> items.setStatus(INSPECTOR, 999_999, RectificationStatus.CLOSED,
        null))).isEqualTo("no-such-item");
    assertThat(refusal(() -> items.list(SOUTH_ADMIN, null, "north", null)))
        .isEqualTo("forbidden-school");

    RectificationItem fixed = items.setStatus(NORTH_ADMIN, north, RectificationStatus.RECTIFIED,
        "uplink replaced");
    assertThat(fixed.status()).isEqualTo(RectificationStatus.RECTIFIED);
    assertThat(fixed.note()).isEqualTo("uplink replaced");
    assertThat(fixed.updatedBy()).isEqualTo("bob");
    RectificationItem reopened = items.setStatus(INSPECTOR, north, RectificationStatus.OPEN,
        "still silent on the 3rd");
    assertThat(reopened.status()).isEqualTo(RectificationStatus.OPEN);
    RectificationItem moved = items.reassign(INSPECTOR, north, "zed", LocalDate.of(2026, 11, 30));
    assertThat(moved.owner()).isEqualTo("zed");
    assertThat(moved.deadline()).isEqualTo(LocalDate.of(2026, 11, 30));
    assertThat(refusal(() -> items.reassign(INSPECTOR, north, " ", LocalDate.of(2026, 11, 30))))
        .isEqualTo("bad-owner");

    List<AdminAction> log = db.adminLog().page(null, 3, 100);
    assertThat(log).extracting(AdminAction::action).containsExactly("rectification.status",
        "rectification.status", "rectification.reassign");
    assertThat(log.get(0).target()).isEqualTo("rectification:" + north);
    assertThat(log.get(0).schoolId()).isEqualTo("north");
    assertThat(log.get(0).beforeJson()).contains("\"status\":\"OPEN\"");
    assertThat(log.get(0).afterJson()).contains("\"status\":\"RECTIFIED\"")
        .contains("uplink replaced");
  }

  private static String refusal(Runnable call) {
    try {
      call.run();
    } catch (RefusedRequest e) {
      return e.code();
    }
    throw new AssertionError("not refused");
  }
}
