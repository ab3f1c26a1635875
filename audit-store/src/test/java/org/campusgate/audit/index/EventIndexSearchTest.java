package org.campusgate.audit.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.SortOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One index shared by the class; tests that add events keep the oracle in step. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventIndexSearchTest {
  static final Instant DAY1 = Instant.parse("2026-03-01T00:00:00Z");
  static final Instant END = DAY1.plus(Duration.ofDays(3));

  EventIndex index;
  final Map<Long, AccessEvent> events = new LinkedHashMap<>();
  final TestEvents gen = new TestEvents(42);
  long nextSeq;

  @BeforeAll
  void setUp(@TempDir Path dir) throws IOException {
    index = EventIndex.open(dir, IndexOptions.defaults());
    // three UTC days, so queries span several day indexes
    for (AccessEvent e : gen.spread(DAY1, Duration.ofDays(3), 2000)) {
      add(e);
    }
    index.refresh();
  }

  @AfterAll
  void tearDown() throws IOException {
    index.close();
  }

  void add(AccessEvent e) throws IOException {
    events.put(nextSeq, e);
    assertThat(index.add(nextSeq++, e)).isTrue();
  }

  AuditQuery.Builder all() {
    return AuditQuery.between(DAY1, END).limit(AuditQuery.MAX_LIMIT);
  }

  /** Pages through a query and checks every page against the oracle. */
  List<Long> pageAll(AuditQuery first) throws IOException {
    List<Long> seen = new ArrayList<>();
    AuditQuery q = first;
    for (int pages = 0; pages < 10_000; pages++) {
      IndexHits hits = index.search(q);
      assertThat(hits.total()).isEqualTo(Oracle.matches(events, first).size());
      seen.addAll(hits.seqs());
      if (hits.next() == null) {
        return seen;
      }
      q = q.withCursor(hits.next());
    }
    throw new AssertionError("paging does not end");
  }

  void assertMatches(UnaryOperator<AuditQuery.Builder> filter) throws IOException {
    for (SortOrder order : SortOrder.values()) {
      AuditQuery q = filter.apply(all()).order(order).limit(97).build();
      List<Long> expected = Oracle.matches(events, q);
      assertThat(pageAll(q)).as("%s", q).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void everyFilterAloneMatchesTheOracle() throws IOException {
    assertMatches(b -> b);
    assertMatches(b -> b.school("school-2"));
    assertMatches(b -> b.user("alice"));
    assertMatches(b -> b.clientIp("10.0.0.3"));
    assertMatches(b -> b.clientIp("2001:db8::5"));
    assertMatches(b -> b.host("example.com"));
    assertMatches(b -> b.domain("example.com"));
    assertMatches(b -> b.urlContains("/path/7"));
    assertMatches(b -> b.action("BLOCK"));
    assertMatches(b -> b.reason("APP"));
    assertMatches(b -> b.category("games"));
    assertMatches(b -> b.app("tube"));
    assertMatches(b -> b.group("teachers"));
  }

  @Test
  void filtersCombine() throws IOException {
    assertMatches(b -> b.school("school-1").user("bob").action("ALLOW"));
    assertMatches(b -> b.domain("example.com").group("students").category("video"));
    assertMatches(b -> b.urlContains("index").reason("DEFAULT").app("wiki"));
    AuditQuery none = all().user("alice").user("nobody").build();
    assertThat(index.search(none).total()).isZero();
  }

  @Test
  void hostIsExactWhileDomainTakesSubdomains() throws IOException {
    long host = index.search(all().host("example.com").build()).total();
    long domain = index.search(all().domain("example.com").build()).total();
    long sub = index.search(all().domain("b.example.com").build()).total();
    assertThat(host).isPositive();
    assertThat(domain).isGreaterThan(host);
    assertThat(sub).isPositive().isLessThan(domain);
    assertThat(index.search(all().domain("EXAMPLE.COM.").build()).total()).isEqualTo(domain);
    assertThat(index.search(all().domain("ample.com").build()).total()).isZero();
  }

  @Test
  void urlContainsIgnoresCaseAndTakesWildcardsLiterally() throws IOException {
    long lower = index.search(all().urlContains("index.html").build()).total();
    assertThat(lower).isPositive();
    assertThat(index.search(all().urlContains("INDEX.html").build()).total()).isEqualTo(lower);
    // "*" and "?" in the input are characters, not wildcards
    assertMatches(b -> b.urlContains("a*b"));
    assertThat(index.search(all().urlContains("a*b").build()).total()).isPositive();
    assertThat(index.search(all().urlContains("q=a?b").build()).total()).isZero();
    assertThat(index.search(all().urlContains("path*7").build()).total()).isZero();
    assertThat(index.search(all().urlContains("\\").build()).total()).isZero();
  }

  @Test
  void timeRangeIsHalfOpenAndSpansDays() throws IOException {
    Instant from = DAY1.plus(Duration.ofHours(20));
    Instant to = DAY1.plus(Duration.ofHours(50));
    AuditQuery q = AuditQuery.between(from, to).limit(50).order(SortOrder.OLDEST_FIRST).build();
    assertThat(pageAll(q)).containsExactlyElementsOf(Oracle.matches(events, q));
    AccessEvent first = events.get(0L);
    AuditQuery exact = AuditQuery.between(first.timestamp(), first.timestamp().plusMillis(1))
        .build();
    assertThat(index.search(exact).seqs()).contains(0L);
    AuditQuery before = AuditQuery.between(first.timestamp().minusMillis(1), first.timestamp())
        .build();
    assertThat(index.search(before).seqs()).doesNotContain(0L);
  }

  @ParameterizedTest
  @EnumSource(SortOrder.class)
  void pagingIsStableWhileEventsArrive(SortOrder order) throws IOException {
    AuditQuery q = all().school("school-1").order(order).limit(100).build();
    List<Long> expected = Oracle.matches(events, q);
    List<Long> seen = new ArrayList<>();
    IndexHits page = index.search(q);
    seen.addAll(page.seqs());
    int pages = 1;
    while (page.next() != null) {
      // new events inside the range, newer and older than the cursor, between pages
      for (int i = 0; i < 5; i++) {
        add(gen.random(DAY1.plus(Duration.ofMinutes(pages * 7L + i * 600))).toBuilder()
            .schoolId("school-1").build());
      }
      index.refresh();
      page = index.search(q.withCursor(page.next()));
      seen.addAll(page.seqs());
      pages++;
    }
    assertThat(seen).doesNotHaveDuplicates();
    List<Long> original = seen.stream().filter(expected::contains).toList();
    assertThat(original).containsExactlyElementsOf(expected);
    // whatever arrived late is in order too
    List<Long> reordered = Oracle.matches(events, q).stream().filter(seen::contains).toList();
    assertThat(seen).containsExactlyElementsOf(reordered);
  }

  @Test
  void lastPageHasNoCursorAndEmptyResultsAreFine() throws IOException {
    IndexHits all = index.search(all().build());
    assertThat(all.seqs()).hasSize(1000);
    assertThat(all.total()).isEqualTo(events.size());
    IndexHits none = index.search(
        AuditQuery.between(END.plusSeconds(10), END.plusSeconds(20)).build());
    assertThat(none.seqs()).isEmpty();
    assertThat(none.next()).isNull();
    assertThat(none.total()).isZero();
  }

  @Test
  void malformedCursorsAreRejected() throws IOException {
    AuditQuery q = all().limit(10).build();
    String good = index.search(q).next();
    assertThat(good).isNotNull().matches("[A-Za-z0-9_-]{24}");
    for (String bad : List.of("", "x", good + "A", good.substring(1), "!!!!!!!!!!!!!!!!!!!!!!!!",
        "AAAAAAAAAAAAAAAAAAAAAAAA")) {
      assertThatThrownBy(() -> index.search(q.withCursor(bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cursor");
    }
    AuditQuery otherOrder = all().limit(10).order(SortOrder.OLDEST_FIRST).cursor(good).build();
    assertThatThrownBy(() -> index.search(otherOrder))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order");
    AuditQuery otherRange = AuditQuery.between(END, END.plusSeconds(1)).cursor(good).build();
    assertThatThrownBy(() -> index.search(otherRange))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range");
  }

  @Test
  void tooLongUrlFilterIsRejected() {
    assertThatThrownBy(() -> index.search(all().urlContains("x".repeat(300)).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addsAreSearchableAfterRefresh() throws IOException {
    AccessEvent e = gen.random(DAY1.plusSeconds(5)).toBuilder().userId("zed").build();
    add(e);
    AuditQuery q = all().user("zed").build();
    assertThat(index.search(q).total()).isZero();
    index.refresh();
    assertThat(index.search(q).seqs()).containsExactly(nextSeq - 1);
  }

  @Test
  void seqOfFindsAnEventById() throws IOException {
    assertThat(index.seqOf(events.get(1234L).eventId())).hasValue(1234L);
    assertThat(index.seqOf(new EventIdsForTest().unknown())).isEmpty();
  }

  /** An id nobody used, at a time the index covers. */
  static final class EventIdsForTest {
    java.util.UUID unknown() {
      return new org.campusgate.audit.EventIds(new java.util.Random(7)).next(DAY1.plusSeconds(1));
    }
  }
}
