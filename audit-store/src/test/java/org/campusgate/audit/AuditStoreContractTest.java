package org.campusgate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.campusgate.audit.integrity.CheckpointVerifier;
import org.campusgate.audit.integrity.EvidenceVerifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AuditStore} must do, whatever holds the events. Each backend extends this
 * class and says how to open a fresh, empty store; the OpenSearch backend runs the same tests.
 */
public abstract class AuditStoreContractTest {
  protected static final Instant DAY = Instant.parse("2026-10-12T00:00:00Z");
  protected static final Instant NEXT_DAY = DAY.plus(Duration.ofDays(1));
  private static final Duration WAIT = Duration.ofSeconds(10);

  protected final TestEvents events = new TestEvents();
  protected AuditStore store;

  /** A new, empty store. Called once per test; the test closes it. */
  protected abstract AuditStore openEmptyStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openEmptyStore();
  }

  @AfterEach
  void close() {
    store.close();
  }

  protected long appendDurably(List<? extends AuditRecord> records) throws Exception {
    return store.append(records).awaitDurable(WAIT);
  }

  private List<AccessEvent> sample() {
    return List.of(
        events.access("2026-10-12T08:00:00Z", "alice", "10.0.0.1", "www.example.com")
            .url("http://www.example.com/Maths/Lesson-1?x=1").build(),
        events.access("2026-10-12T08:05:00Z", "alice", "10.0.0.1", "casino.example.net")
            .category("gambling").action("BLOCK").reason("CATEGORY_BLOCKED").ruleId("no-gambling")
            .httpStatus(403).build(),
        events.access("2026-10-12T09:00:00Z", "bob", "10.0.0.2", "example.com")
            .groups(List.of("teachers")).url("http://example.com/staff").build(),
        events.access("2026-10-12T10:00:00Z", "carol", "2001:db8::7", "sub.www.example.com")
            .appId("mathapp").providerFiling("EDU-0001").schoolFiling("S1-17").build(),
        events.access("2026-10-12T23:59:59.999Z", "bob", "10.0.0.2", "vpn.example.org")
            .method("CONNECT").port(443).url(null).sni("vpn.example.org").category("vpn")
            .action("BLOCK").reason("BYPASS_BLOCKED").build(),
        events.access("2026-10-13T00:00:00Z", "alice", "10.0.0.1", "www.example.com").build());
  }

  private List<String> usersOf(SearchPage page) {
    return page.events().stream().map(e -> e.event().userId()).toList();
  }

  private SearchPage search(Function<AuditQuery.Builder, AuditQuery.Builder> filters) {
    return store.search(filters.apply(AuditQuery.between(DAY, NEXT_DAY)).build());
  }

  @Test
  void appendedEventsAreDurableAndSearchableNewestFirst() throws Exception {
    List<AccessEvent> sample = sample();
    long last = appendDurably(sample);
    assertThat(last).isGreaterThanOrEqualTo(sample.size() - 1);

    SearchPage page = search(q -> q);
    assertThat(page.total()).isEqualTo(5);
    assertThat(page.next()).isNull();
    assertThat(page.events()).extracting(StoredEvent::event)
        .containsExactly(sample.get(4), sample.get(3), sample.get(2), sample.get(1), sample.get(0));
    assertThat(page.events()).extracting(StoredEvent::seq).doesNotHaveDuplicates();

    SearchPage oldest = search(q -> q.order(SortOrder.OLDEST_FIRST));
    assertThat(oldest.events().get(0).event()).isEqualTo(sample.get(0));
  }

  @Test
  void everyFilterNarrowsTheResults() throws Exception {
    appendDurably(sample());
    assertThat(usersOf(search(q -> q.user("bob")))).containsExactly("bob", "bob");
    assertThat(usersOf(search(q -> q.clientIp("2001:db8::7")))).containsExactly("carol");
    assertThat(usersOf(search(q -> q.clientIp("2001:DB8:0:0::7")))).containsExactly("carol");
    assertThat(usersOf(search(q -> q.host("www.example.com")))).containsExactly("alice");
    assertThat(usersOf(search(q -> q.domain("www.example.com"))))
        .containsExactly("carol", "alice");
    assertThat(usersOf(search(q -> q.domain("example.com"))))
        .containsExactly("carol", "bob", "alice");
    assertThat(usersOf(search(q -> q.urlContains("maths/lesson")))).containsExactly("alice");
    assertThat(usersOf(search(q -> q.action("BLOCK")))).containsExactly("bob", "alice");
    assertThat(usersOf(search(q -> q.reason("BYPASS_BLOCKED")))).containsExactly("bob");
    assertThat(usersOf(search(q -> q.category("gambling")))).containsExactly("alice");
    assertThat(usersOf(search(q -> q.app("mathapp")))).containsExactly("carol");
    assertThat(usersOf(search(q -> q.providerFiling("EDU-0001")))).containsExactly("carol");
    assertThat(usersOf(search(q -> q.schoolFiling("S1-17")))).containsExactly("carol");
    assertThat(usersOf(search(q -> q.schoolFiling("S1-18")))).isEmpty();
    assertThat(usersOf(search(q -> q.group("teachers")))).containsExactly("bob");
    assertThat(usersOf(search(q -> q.school("school-2")))).isEmpty();
    assertThat(usersOf(search(q -> q.user("alice").action("ALLOW")))).containsExactly("alice");
  }

  @Test
  void theTimeRangeIncludesItsStartAndExcludesItsEnd() throws Exception {
    appendDurably(sample());
    AuditQuery nextDay = AuditQuery.between(NEXT_DAY, NEXT_DAY.plusSeconds(1)).build();
    assertThat(store.search(nextDay).total()).isEqualTo(1);
    AuditQuery morning = AuditQuery.between(
        Instant.parse("2026-10-12T08:00:00Z"), Instant.parse("2026-10-12T09:00:00Z")).build();
    assertThat(store.search(morning).total()).isEqualTo(2);
  }

  @Test
  void urlSubstringsAreLiteralNotPatterns() throws Exception {
    appendDurably(List.of(
        events.access("2026-10-12T08:00:00Z", "alice", "10.0.0.1", "a.example")
            .url("http://a.example/search?q=*star*").build(),
        events.access("2026-10-12T08:00:01Z", "bob", "10.0.0.2", "b.example")
            .url("http://b.example/search?q=xstarx").build()));
    assertThat(usersOf(search(q -> q.urlContains("*star*")))).containsExactly("alice");
    assertThat(usersOf(search(q -> q.urlContains("?q=")))).hasSize(2);
  }

  @Test
  void cursorPagingVisitsEveryMatchOnceEvenWhileEventsArrive() throws Exception {
    List<AccessEvent> batch = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      // several events share a timestamp so the order must fall back on the sequence
      batch.add(events.access(DAY.plusSeconds(3600 + i / 3).toString(), "u" + i, "10.0.1.1",
          "h" + i + ".example").build());
    }
    appendDurably(batch);
    for (SortOrder order : SortOrder.values()) {
      Set<UUID> seen = new HashSet<>();
      List<StoredEvent> all = new ArrayList<>();
      AuditQuery query = AuditQuery.between(DAY, NEXT_DAY).order(order).limit(40).build();
      String cursor = null;
      int pages = 0;
      do {
        SearchPage page = store.search(query.withCursor(cursor));
        assertThat(page.total()).isGreaterThanOrEqualTo(250);
        page.events().forEach(e -> assertThat(seen.add(e.event().eventId())).isTrue());
        all.addAll(page.events());
        cursor = page.next();
        if (pages++ == 1) {
          // a newer event arriving mid-way neither repeats nor shifts what follows
          appendDurably(List.of(events.access(DAY.plusSeconds(7200 + pages).toString(), "late",
              "10.0.1.1", "late.example").build()));
        }
      } while (cursor != null && pages < 20);
      assertThat(all.stream().filter(e -> !"late".equals(e.event().userId()))).hasSize(250);
      List<StoredEvent> sorted = new ArrayList<>(all);
      java.util.Comparator<StoredEvent> byTimeThenSeq = java.util.Comparator
          .comparing((StoredEvent e) -> e.event().timestamp()).thenComparingLong(StoredEvent::seq);
      sorted.sort(order == SortOrder.OLDEST_FIRST ? byTimeThenSeq : byTimeThenSeq.reversed());
      assertThat(all).containsExactlyElementsOf(sorted);
    }
  }

  @Test
  void aMalformedCursorIsRefusedWithAClearError() throws Exception {
    appendDurably(sample());
    for (String bad : List.of("", "not-a-cursor", "%%%", "A".repeat(5000))) {
      AuditQuery q = AuditQuery.between(DAY, NEXT_DAY).cursor(bad).build();
      assertThatThrownBy(() -> store.search(q))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
    }
  }

  @Test
  void aggregatesCountAndSumBytesByFieldAndBucket() throws Exception {
    appendDurably(sample());
    AuditQuery range = AuditQuery.between(DAY, NEXT_DAY.plus(Duration.ofDays(1))).build();

    AggregateResult byAction = store.aggregate(range, List.of(GroupField.ACTION), TimeBucket.NONE,
        ZoneId.of("UTC"));
    assertThat(byAction.rows()).extracting(AggregateRow::keys, AggregateRow::count,
            AggregateRow::bytesDown)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Map.of(GroupField.ACTION, "ALLOW"), 4L, 4000L),
            org.assertj.core.groups.Tuple.tuple(Map.of(GroupField.ACTION, "BLOCK"), 2L, 2000L));

    // In Shanghai (UTC+8) the event at 23:59:59 UTC falls on the 13th, with the one after it.
    AggregateResult byDay = store.aggregate(range, List.of(), TimeBucket.DAY,
        ZoneId.of("Asia/Shanghai"));
    assertThat(byDay.rows()).extracting(AggregateRow::bucketStart, AggregateRow::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-10-11T16:00:00Z"), 4L),
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-10-12T16:00:00Z"), 2L));

    AggregateResult byGroupAndCategory = store.aggregate(
        AuditQuery.between(DAY, NEXT_DAY).action("BLOCK").build(),
        List.of(GroupField.GROUP, GroupField.CATEGORY), TimeBucket.NONE, ZoneId.of("UTC"));
    assertThat(byGroupAndCategory.rows()).extracting(AggregateRow::keys).containsExactlyInAnyOrder(
        Map.of(GroupField.GROUP, "students", GroupField.CATEGORY, "gambling"),
        Map.of(GroupField.GROUP, "students", GroupField.CATEGORY, "vpn"));

    // Roll-ups hold no filings: a filing filter is answered from the events, not ignored.
    AuditQuery filed = AuditQuery.between(DAY, NEXT_DAY.plus(Duration.ofDays(1)))
        .providerFiling("EDU-0001").build();
    AggregateResult byFiling = store.aggregate(filed, List.of(GroupField.APP), TimeBucket.NONE,
        ZoneId.of("UTC"));
    assertThat(byFiling.rows()).extracting(AggregateRow::keys, AggregateRow::count)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Map.of(GroupField.APP, "mathapp"), 1L));

    AggregateResult hourly = store.aggregate(AuditQuery.between(DAY, NEXT_DAY).build(),
        List.of(GroupField.USER), TimeBucket.HOUR, ZoneId.of("UTC"));
    assertThat(hourly.rows()).extracting(AggregateRow::bucketStart).first()
        .isEqualTo(Instant.parse("2026-10-12T08:00:00Z"));
    assertThat(hourly.rows().stream().mapToLong(AggregateRow::count).sum()).isEqualTo(5);
  }

  @Test
  void whoHadAnAddressFollowsLoginsLogoutsAndBindings() throws Exception {
    appendDurably(List.of(
        events.identity("2026-10-12T07:00:00Z", IdentityEvent.Kind.BINDING_ADDED, "room-101",
            "10.0.5.0/24"),
        events.identity("2026-10-12T08:00:00Z", IdentityEvent.Kind.LOGIN, "alice", "10.0.5.9"),
        events.identity("2026-10-12T09:00:00Z", IdentityEvent.Kind.LOGOUT, "alice", "10.0.5.9"),
        events.identity("2026-10-12T09:30:00Z", IdentityEvent.Kind.LOGIN_FAILED, "mallory",
            "10.0.5.9"),
        events.identity("2026-10-12T10:00:00Z", IdentityEvent.Kind.LOGIN, "bob", "2001:db8::9")));

    assertThat(store.whoHad("10.0.5.9", Instant.parse("2026-10-12T06:59:59Z"))).isEmpty();
    assertThat(store.whoHad("10.0.5.9", Instant.parse("2026-10-12T08:30:00Z")))
        .get().extracting(IpHolder::userId, IpHolder::how)
        .containsExactly("alice", IdentityEvent.Kind.LOGIN);
    assertThat(store.whoHad("10.0.5.9", Instant.parse("2026-10-12T09:45:00Z")))
        .get().extracting(IpHolder::userId).isEqualTo("room-101");
    assertThat(store.whoHad("10.0.5.200", Instant.parse("2026-10-12T08:30:00Z")))
        .get().extracting(IpHolder::userId).isEqualTo("room-101");
    assertThat(store.whoHad("2001:db8:0:0::9", Instant.parse("2026-10-12T11:00:00Z")))
        .get().extracting(IpHolder::userId).isEqualTo("bob");
    assertThat(store.whoHad("10.0.6.1", Instant.parse("2026-10-12T11:00:00Z"))).isEmpty();
    assertThatThrownBy(() -> store.whoHad("not-an-ip", DAY))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.identityEvents(DAY, NEXT_DAY, "alice"))
        .extracting(IdentityEvent::kind)
        .containsExactly(IdentityEvent.Kind.LOGIN, IdentityEvent.Kind.LOGOUT);
  }

  @Test
  void anUntouchedStoreVerifiesAndItsCheckpointsAreSigned() throws Exception {
    appendDurably(sample());
    SignedCheckpoint first = store.checkpointNow();
    appendDurably(List.of(events.access("2026-10-12T12:00:00Z", "dave", "10.0.0.4",
        "example.org").build()));
    SignedCheckpoint second = store.checkpointNow();
    assertThat(second.checkpoint().treeSize()).isEqualTo(first.checkpoint().treeSize() + 1);
    assertThat(store.checkpoints(first.checkpoint().treeSize()))
        .extracting(c -> c.checkpoint().treeSize()).containsExactly(second.checkpoint().treeSize());

    VerificationReport report = store.verify(DAY, NEXT_DAY.plus(Duration.ofDays(1)));
    assertThat(report.problems()).isEmpty();
    assertThat(report.recordsChecked()).isGreaterThanOrEqualTo(7);
    assertThat(report.checkpointsChecked()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void evidenceBundlesVerifyOfflineWithThePublicKeyAlone() throws Exception {
    List<AccessEvent> sample = sample();
    appendDurably(sample);
    EvidenceBundle bundle = store.proof(List.of(sample.get(1).eventId(), sample.get(3).eventId()));
    assertThat(bundle.items()).extracting(i -> i.event()).containsExactly(sample.get(1),
        sample.get(3));

    EvidenceVerifier verifier = new EvidenceVerifier(new CheckpointVerifier(store.verifierKey()));
    assertThat(verifier.verify(bundle)).isEmpty();

    assertThatThrownBy(() -> store.proof(List.of(events.id(DAY))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void identityEventsAreProvenLikeAccessEvents() throws Exception {
    // the login that shows who held an address is the evidence an incident needs most
    IdentityEvent login = events.identity("2026-10-12T08:00:00Z", IdentityEvent.Kind.LOGIN,
        "alice", "10.0.5.9");
    List<AccessEvent> sample = sample();
    List<AuditRecord> records = new ArrayList<>(sample);
    records.add(login);
    appendDurably(records);

    EvidenceBundle bundle = store.proof(List.of(login.eventId(), sample.get(0).eventId()));
    assertThat(bundle.items()).extracting(i -> i.event()).containsExactly(login, sample.get(0));
    EvidenceVerifier verifier = new EvidenceVerifier(new CheckpointVerifier(store.verifierKey()));
    assertThat(verifier.verify(bundle)).isEmpty();
  }

  @Test
  void aClosedStoreRefusesAppends() {
    store.close();
    assertThatThrownBy(() -> store.append(sample())).isInstanceOf(AuditStoreFullException.class);
  }
}
