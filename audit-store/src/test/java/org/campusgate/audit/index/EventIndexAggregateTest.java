package org.campusgate.audit.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AggregateResult;
import org.campusgate.audit.AggregateRow;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.GroupField;
import org.campusgate.audit.TimeBucket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventIndexAggregateTest {
  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, SHANGHAI);
  /** Shanghai midnights, across a month end: whole UTC hours. */
  static final Instant FROM = Instant.parse("2026-01-29T16:00:00Z");
  static final Instant TO = Instant.parse("2026-02-02T16:00:00Z");

  EventIndex index;
  final Map<Long, AccessEvent> events = new LinkedHashMap<>();

  @BeforeAll
  void setUp(@TempDir Path dir) throws IOException {
    index = EventIndex.open(dir, IndexOptions.defaults());
    long seq = 0;
    for (AccessEvent e : new TestEvents(7).spread(
        FROM.minus(Duration.ofHours(3)), Duration.ofDays(4).plusHours(6), 2000)) {
      events.put(seq, e);
      index.add(seq++, e);
    }
    index.refresh();
  }

  @AfterAll
  void tearDown() throws IOException {
    index.close();
  }

  List<List<GroupField>> rolledUpGroupings() {
    List<List<GroupField>> out = new ArrayList<>();
    out.add(List.of());
    for (GroupField f : List.of(GroupField.SCHOOL, GroupField.GROUP, GroupField.CATEGORY,
        GroupField.APP, GroupField.ACTION, GroupField.REASON)) {
      out.add(List.of(f));
    }
    out.add(List.of(GroupField.CATEGORY, GroupField.GROUP, GroupField.ACTION));
    return out;
  }

  @Test
  void rollupsAnswerExactlyWhatTheScanAnswers() throws IOException {
    List<AuditQuery> queries = List.of(
        AuditQuery.between(FROM, TO).build(),
        AuditQuery.between(FROM, TO).school("school-1").group("students").build(),
        AuditQuery.between(FROM.plus(Duration.ofHours(5)), TO).category("games").action("BLOCK")
            .build(),
        AuditQuery.between(FROM, TO).app("tube").reason("APP").build());
    for (AuditQuery q : queries) {
      for (ZoneId zone : ZONES) {
        for (TimeBucket bucket : TimeBucket.values()) {
          for (List<GroupField> groupBy : rolledUpGroupings()) {
            AggregateResult rolled = index.aggregate(q, groupBy, bucket, zone);
            AggregateResult scanned = index.aggregate(q, groupBy, bucket, zone, false);
            String what = q + " " + groupBy + " " + bucket + " " + zone;
            assertThat(rolled.fromRollups()).as(what).isTrue();
            assertThat(scanned.fromRollups()).isFalse();
            assertThat(rolled.rows()).as(what).containsExactlyElementsOf(scanned.rows());
            assertThat(scanned.rows()).as(what)
                .containsExactlyInAnyOrderElementsOf(oracle(q, groupBy, bucket, zone));
            assertOrdered(scanned.rows());
          }
        }
      }
    }
  }

  @Test
  void scanOnlyFieldsAndFiltersMatchTheOracle() throws IOException {
    AuditQuery q = AuditQuery.between(FROM, TO).build();
    for (GroupField f : List.of(GroupField.USER, GroupField.HOST, GroupField.RULE)) {
      for (TimeBucket bucket : TimeBucket.values()) {
        AggregateResult r = index.aggregate(q, List.of(f), bucket, SHANGHAI);
        assertThat(r.fromRollups()).isFalse();
        assertThat(r.rows()).containsExactlyInAnyOrderElementsOf(oracle(q, List.of(f), bucket,
            SHANGHAI));
        assertOrdered(r.rows());
      }
    }
    AuditQuery byUser = AuditQuery.between(FROM, TO).user("alice").domain("example.com").build();
    AggregateResult r = index.aggregate(byUser, List.of(GroupField.CATEGORY), TimeBucket.DAY,
        SHANGHAI);
    assertThat(r.fromRollups()).isFalse();
    assertThat(r.rows()).containsExactlyInAnyOrderElementsOf(
        oracle(byUser, List.of(GroupField.CATEGORY), TimeBucket.DAY, SHANGHAI));
  }

  @Test
  void bucketsOffWholeUtcHoursFallBackToTheScan() throws IOException {
    AuditQuery q = AuditQuery.between(FROM, TO).build();
    ZoneId kolkata = ZoneId.of("Asia/Kolkata"); // +05:30
    AggregateResult r = index.aggregate(q, List.of(GroupField.ACTION), TimeBucket.DAY, kolkata);
    assertThat(r.fromRollups()).isFalse();
    assertThat(r.rows()).containsExactlyInAnyOrderElementsOf(
        oracle(q, List.of(GroupField.ACTION), TimeBucket.DAY, kolkata));
    // NONE ignores the zone: the roll-ups still fit
    assertThat(index.aggregate(q, List.of(), TimeBucket.NONE, kolkata).fromRollups()).isTrue();
    AuditQuery ragged = AuditQuery.between(FROM.plusSeconds(60), TO).build();
    AggregateResult scanned = index.aggregate(ragged, List.of(), TimeBucket.HOUR, ZoneOffset.UTC);
    assertThat(scanned.fromRollups()).isFalse();
    assertThat(scanned.rows()).containsExactlyInAnyOrderElementsOf(
        oracle(ragged, List.of(), TimeBucket.HOUR, ZoneOffset.UTC));
  }

  @Test
  void groupSplitsAnEventIntoEachGroupsRow() throws IOException {
    AuditQuery q = AuditQuery.between(FROM, TO).build();
    AggregateResult none = index.aggregate(q, List.of(), TimeBucket.NONE, ZoneOffset.UTC);
    AggregateResult byGroup =
        index.aggregate(q, List.of(GroupField.GROUP), TimeBucket.NONE, ZoneOffset.UTC);
    long total = none.rows().get(0).count();
    long split = byGroup.rows().stream().mapToLong(AggregateRow::count).sum();
    long extra = events.values().stream().filter(e -> Oracle.matches(e, q))
        .mapToLong(e -> Math.max(0, e.groups().size() - 1)).sum();
    assertThat(split).isEqualTo(total + extra);
    assertThat(byGroup.rows()).extracting(r -> r.keys().get(GroupField.GROUP))
        .contains("", "students", "staff", "teachers");
  }

  @Test
  void badGroupingsAreRejected() {
    AuditQuery q = AuditQuery.between(FROM, TO).build();
    assertThatThrownBy(() -> index.aggregate(q, List.of(GroupField.APP, GroupField.APP),
        TimeBucket.NONE, ZoneOffset.UTC)).isInstanceOf(IllegalArgumentException.class);
  }

  static void assertOrdered(List<AggregateRow> rows) {
    for (int i = 1; i < rows.size(); i++) {
      AggregateRow a = rows.get(i - 1);
      AggregateRow b = rows.get(i);
      if (a.bucketStart() != null && !a.bucketStart().equals(b.bucketStart())) {
        assertThat(a.bucketStart()).isBefore(b.bucketStart());
      } else {
        assertThat(a.count()).isGreaterThanOrEqualTo(b.count());
      }
    }
  }

  List<AggregateRow> oracle(AuditQuery q, List<GroupField> groupBy, TimeBucket bucket,
      ZoneId zone) {
    Map<List<Object>, long[]> sums = new HashMap<>();
    for (AccessEvent e : events.values()) {
      if (!Oracle.matches(e, q)) {
        continue;
      }
      List<String> groups = groupBy.contains(GroupField.GROUP)
          ? (e.groups().isEmpty() ? List.of("") : e.groups().stream().distinct().toList())
          : List.of("");
      for (String g : groups) {
        List<Object> key = new ArrayList<>();
        key.add(start(e.timestamp(), bucket, zone));
        for (GroupField f : groupBy) {
          key.add(f == GroupField.GROUP ? g : value(e, f));
        }
        long[] s = sums.computeIfAbsent(key, k -> new long[3]);
        s[0]++;
        s[1] += e.bytesUp();
        s[2] += e.bytesDown();
      }
    }
    List<AggregateRow> rows = new ArrayList<>();
    sums.forEach((k, s) -> {
      Map<GroupField, String> keys = new EnumMap<>(GroupField.class);
      for (int i = 0; i < groupBy.size(); i++) {
        keys.put(groupBy.get(i), (String) k.get(i + 1));
      }
      rows.add(new AggregateRow((Instant) k.get(0), keys, s[0], s[1], s[2]));
    });
    return rows;
  }

  static Instant start(Instant t, TimeBucket bucket, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    return switch (bucket) {
      case NONE -> null;
      case HOUR -> z.truncatedTo(ChronoUnit.HOURS).toInstant();
      case DAY -> z.toLocalDate().atStartOfDay(zone).toInstant();
      case MONTH -> LocalDate.from(z).withDayOfMonth(1).atStartOfDay(zone).toInstant();
    };
  }

  static String value(AccessEvent e, GroupField f) {
    String v = switch (f) {
      case SCHOOL -> e.schoolId();
      case USER -> e.userId();
      case HOST -> e.host();
      case CATEGORY -> e.category();
      case APP -> e.appId();
      case ACTION -> e.action();
      case REASON -> e.reason();
      case RULE -> e.ruleId();
      case GROUP -> throw new IllegalArgumentException();
    };
    return v == null ? "" : v;
  }
}
