package org.campusgate.audit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.EventIds;
import org.campusgate.audit.IdentityEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticEventsTest {

  static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
  static final LocalDate MONDAY = LocalDate.of(2026, 9, 7);
  static HostCatalogue catalogue;
  /** One school day, 200 000 access events. */
  static List<AuditRecord> day;

  @BeforeAll
  static void generate() {
    catalogue = HostCatalogue.fromDirectory(HostCatalogueTest.SAMPLE, 2_000);
    day = oneDay(42).stream().toList();
  }

  static SyntheticEvents oneDay(long seed) {
    return SyntheticEvents.builder().seed(seed).catalogue(catalogue).start(MONDAY).days(1)
        .schools(4).usersPerSchool(1_000).eventsPerDay(200_000).build();
  }

  @Test
  void sameSeedSameRecordsOtherSeedOthers() {
    SyntheticEvents a = oneDay(42);
    assertThat(a.stream().limit(30_000).toList()).isEqualTo(day.subList(0, 30_000));
    Iterator<AuditRecord> again = a.iterator();
    for (int i = 0; i < 1_000; i++) {
      assertThat(again.next()).isEqualTo(day.get(i));
    }
    List<AuditRecord> other = oneDay(43).stream().limit(1_000).toList();
    assertThat(other).isNotEqualTo(day.subList(0, 1_000));
  }

  @Test
  void orderedValidAndTimeOrderedIds() {
    Instant previous = Instant.MIN;
    Set<Object> ids = new HashSet<>();
    Instant from = MONDAY.atStartOfDay(SHANGHAI).toInstant();
    Instant to = MONDAY.plusDays(1).atStartOfDay(SHANGHAI).toInstant();
    for (AuditRecord r : day) {
      assertThat(r.timestamp()).isAfterOrEqualTo(previous);
      previous = r.timestamp();
      assertThat(r.timestamp()).isBetween(from, to);
      assertThat(EventIds.timeOf(r.eventId())).isEqualTo(r.timestamp());
      assertThat(ids.add(r.eventId())).isTrue();
      assertThat(r.gatewayId()).isEqualTo("gw-01");
      // records validate in their constructors; a rebuilt copy must be accepted too
      if (r instanceof AccessEvent e) {
        assertThat(e.toBuilder().build()).isEqualTo(e);
        assertThat(e.method().equals("CONNECT") == (e.url() == null)).isTrue();
        if (e.method().equals("CONNECT")) {
          assertThat(e.sni()).isEqualTo(e.host());
          assertThat(e.port()).isEqualTo(443);
        } else {
          assertThat(e.url()).startsWith(e.port() == 443 ? "https://" + e.host() + "/"
              : "http://" + e.host() + "/");
        }
      }
    }
    assertThat(day.size()).isBetween(195_000, 230_000);
  }

  @Test
  void mixIsWithinExpectedBounds() {
    long access = 0;
    long blocks = 0;
    long connects = 0;
    long students = 0;
    long authRequired = 0;
    long appUnfiled = 0;
    long bypass = 0;
    long categorised = 0;
    long ipv6 = 0;
    Map<IdentityEvent.Kind, Long> identity = new HashMap<>();
    Map<String, Long> perHost = new HashMap<>();
    for (AuditRecord r : day) {
      if (r instanceof AccessEvent e) {
        access++;
        blocks += e.action().equals("BLOCK") ? 1 : 0;
        connects += e.method().equals("CONNECT") ? 1 : 0;
        students += e.groups().contains("students") ? 1 : 0;
        authRequired += e.action().equals("AUTH_REQUIRED") ? 1 : 0;
        appUnfiled += e.reason().equals("APP_SCHOOL_NOT_FILED") ? 1 : 0;
        bypass += e.reason().equals("BYPASS_BLOCKED") ? 1 : 0;
        categorised += e.category() != null ? 1 : 0;
        ipv6 += e.clientIp().contains(":") ? 1 : 0;
        perHost.merge(e.host(), 1L, Long::sum);
        checkDecision(e);
      } else {
        identity.merge(((IdentityEvent) r).kind(), 1L, Long::sum);
      }
    }
    System.out.printf("access=%d blocks=%.4f connect=%.4f students=%.4f auth=%.4f app-unfiled=%.4f"
            + " bypass=%.4f categorised=%.4f ipv6=%.4f hosts=%d identity=%s%n",
        access, blocks / (double) access, connects / (double) access, students / (double) access,
        authRequired / (double) access, appUnfiled / (double) access, bypass / (double) access,
        categorised / (double) access, ipv6 / (double) access, perHost.size(), identity);
    assertThat(access).isBetween(190_000L, 215_000L);
    assertThat(blocks / (double) access).isBetween(0.02, 0.05);
    assertThat(connects / (double) access).isBetween(0.78, 0.90);
    assertThat(students / (double) access).isBetween(0.75, 0.92);
    assertThat(authRequired).isPositive();
    assertThat(appUnfiled).isPositive();
    assertThat(bypass).isPositive();
    assertThat(ipv6 / (double) access).isBetween(0.03, 0.15);
    assertThat(identity.get(IdentityEvent.Kind.BINDING_ADDED)).isEqualTo(16L);
    assertThat(identity.get(IdentityEvent.Kind.LOGIN)).isEqualTo(identity.get(IdentityEvent.Kind.LOGOUT));
    assertThat(identity.get(IdentityEvent.Kind.LOGIN_FAILED)).isPositive();
    // Zipf: the most visited host takes a clear but not overwhelming share
    long top = perHost.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(top / (double) access).isBetween(0.05, 0.25);
  }

  private static void checkDecision(AccessEvent e) {
    switch (e.reason()) {
      case "ALLOWED" -> assertThat(e.action()).isEqualTo("ALLOW");
      case "AUTH_REQUIRED" -> {
        assertThat(e.action()).isEqualTo("AUTH_REQUIRED");
        assertThat(e.userId()).isNull();
        assertThat(e.httpStatus()).isEqualTo(407);
      }
      case "BYPASS_BLOCKED" -> assertThat(HostCatalogue.treatment(e.category()))
          .isEqualTo(HostCatalogue.Treatment.BYPASS);
      case "CATEGORY_BLOCKED", "OUTSIDE_SCHEDULE" -> {
        assertThat(e.action()).isEqualTo("BLOCK");
        assertThat(e.groups()).containsAnyOf("students", "guest");
      }
      case "APP_SCHOOL_NOT_FILED" -> {
        assertThat(e.action()).isEqualTo("BLOCK");
        assertThat(e.appId()).isNotNull();
        assertThat(e.providerFiling()).isNotNull();
        assertThat(e.schoolFiling()).isNull();
      }
      default -> throw new AssertionError("unexpected reason " + e.reason());
    }
    if (e.action().equals("BLOCK")) {
      assertThat(e.ruleId()).isNotNull();
      assertThat(e.httpStatus()).isEqualTo(403);
    }
    if (e.appId() != null && e.action().equals("ALLOW") && e.groups().contains("students")) {
      assertThat(e.schoolFiling()).isNotNull();
    }
  }

  @Test
  void everyProxyRequestFallsInsideItsUsersLogin() {
    assertHoldsCoverRequests(day);
  }

  @Test
  void idleLogoutsAndGapsKeepHoldsConsistent() {
    SyntheticEvents events = SyntheticEvents.builder().seed(11).catalogue(catalogue)
        .start(MONDAY).days(2).schools(2).usersPerSchool(200).eventsPerDay(20_000)
        .idleLogout(Duration.ofMinutes(20))
        .gapOn("school-01", MONDAY, LocalTime.of(10, 0), LocalTime.of(12, 0))
        .build();
    List<AuditRecord> records = events.stream().toList();
    assertHoldsCoverRequests(records);
    long logins = records.stream().filter(r -> r instanceof IdentityEvent i
        && i.kind() == IdentityEvent.Kind.LOGIN).count();
    assertThat(logins).as("idle logouts make several sessions per user").isGreaterThan(2 * 440);
  }

  private static void assertHoldsCoverRequests(List<AuditRecord> records) {
    Map<String, String> held = new HashMap<>(); // user -> address while logged in
    Set<String> bound = new HashSet<>();
    Instant previous = Instant.MIN;
    for (AuditRecord r : records) {
      assertThat(r.timestamp()).isAfterOrEqualTo(previous);
      previous = r.timestamp();
      if (r instanceof IdentityEvent i) {
        switch (i.kind()) {
          case LOGIN -> assertThat(held.put(i.userId(), i.address())).isNull();
          case LOGOUT -> assertThat(held.remove(i.userId())).isEqualTo(i.address());
          case BINDING_ADDED -> bound.add(i.userId());
          default -> { }
        }
      } else {
        AccessEvent e = (AccessEvent) r;
        switch (e.authMethod()) {
          case "proxy-basic" -> assertThat(held.get(e.userId())).isEqualTo(e.clientIp());
          case "ip-binding" -> assertThat(bound).contains(e.userId());
          default -> assertThat(e.userId()).isNull();
        }
      }
    }
    assertThat(held).isEmpty();
  }

  @Test
  void schoolHoursCarryTheTraffic() {
    long[] perHour = new long[24];
    for (AuditRecord r : day) {
      perHour[ZonedDateTime.ofInstant(r.timestamp(), SHANGHAI).getHour()]++;
    }
    assertThat(perHour[10]).isGreaterThan(20 * Math.max(1, perHour[3]));
    assertThat(perHour[12]).isGreaterThan(perHour[10]); // lunch bump
    assertThat(perHour[20]).isLessThan(perHour[10] / 3);
  }

  @Test
  void weekendsAreLight() {
    SyntheticEvents week = SyntheticEvents.builder().catalogue(catalogue).start(MONDAY).days(7)
        .eventsPerDay(20_000).build();
    Map<LocalDate, Long> perDay = new HashMap<>();
    week.forEach(r -> perDay.merge(LocalDate.ofInstant(r.timestamp(), SHANGHAI), 1L, Long::sum));
    assertThat(perDay.get(MONDAY.plusDays(5))).isLessThan(perDay.get(MONDAY) / 5);
    assertThat(week.expectedAccessEvents()).isBetween(5 * 19_000L, 5 * 21_000L + 2 * 2_000L);
  }

  @Test
  void plantedGapsAreHonoured() {
    LocalDate tuesday = MONDAY.plusDays(1);
    SyntheticEvents events = SyntheticEvents.builder().seed(5).catalogue(catalogue).start(MONDAY)
        .days(3).schools(3).usersPerSchool(300).eventsPerDay(30_000)
        .gapOn("school-02", tuesday, LocalTime.of(9, 0), LocalTime.of(11, 30))
        .skipDay("school-03", tuesday)
        .gapOn(MONDAY, LocalTime.of(14, 0), LocalTime.of(14, 20))
        .build();
    Instant gapFrom = tuesday.atTime(9, 0).atZone(SHANGHAI).toInstant();
    Instant gapTo = tuesday.atTime(11, 30).atZone(SHANGHAI).toInstant();
    Instant allFrom = MONDAY.atTime(14, 0).atZone(SHANGHAI).toInstant();
    Instant allTo = MONDAY.atTime(14, 20).atZone(SHANGHAI).toInstant();
    long school2Before = 0;
    long school2After = 0;
    long school3Tuesday = 0;
    long school3Wednesday = 0;
    for (AuditRecord r : events) {
      Instant t = r.timestamp();
      if (!t.isBefore(allFrom) && t.isBefore(allTo)) {
        throw new AssertionError("record in the gateway gap: " + r);
      }
      if (r.schoolId().equals("school-02")) {
        if (!t.isBefore(gapFrom) && t.isBefore(gapTo)) {
          throw new AssertionError("record in the school's gap: " + r);
        }
        if (t.isBefore(gapFrom) && t.isAfter(gapFrom.minusSeconds(3600))) {
          school2Before++;
        }
        if (!t.isBefore(gapTo) && t.isBefore(gapTo.plusSeconds(3600))) {
          school2After++;
        }
      }
      if (r.schoolId().equals("school-03")) {
        LocalDate d = LocalDate.ofInstant(t, SHANGHAI);
        school3Tuesday += d.equals(tuesday) ? 1 : 0;
        school3Wednesday += d.equals(tuesday.plusDays(1)) ? 1 : 0;
      }
    }
    assertThat(school2Before).isPositive();
    assertThat(school2After).isPositive();
    assertThat(school3Tuesday).isZero();
    assertThat(school3Wednesday).isPositive();
  }

  @Test
  void throughput() {
    SyntheticEvents events = SyntheticEvents.builder().seed(9).catalogue(catalogue).start(MONDAY)
        .days(5).schools(8).usersPerSchool(1_500).eventsPerDay(600_000).build();
    // warm up, then measure
    long sink = 0;
    Iterator<AuditRecord> warm = events.iterator();
    for (int i = 0; i < 300_000 && warm.hasNext(); i++) {
      sink += warm.next().timestamp().getNano();
    }
    long t0 = System.nanoTime();
    long n = 0;
    Iterator<AuditRecord> it = events.iterator();
    while (it.hasNext() && n < 2_000_000) {
      sink += it.next().timestamp().getNano();
      n++;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("generated %d records in %.2f s: %.0f records/s (sink %d)%n",
        n, seconds, n / seconds, sink);
    assertThat(n).isEqualTo(2_000_000);
  }
}
