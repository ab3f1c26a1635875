package org.campusgate.console.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AppendTicket;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.audit.testing.HostCatalogue;
import org.campusgate.audit.testing.SyntheticEvents;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.register.RegisterDao;
import org.campusgate.console.register.RegisterService;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppCategory;
import org.campusgate.policy.apps.AppKind;
import org.campusgate.policy.apps.Evidence;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.Fingerprints;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UsageMode;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;

/**
 * A generated month with planted problems, for the monthly report's tests: October 2026 of four
 * schools ({@code school-01..04}, ~60 users each, UT1 sample hosts, the generator's six learning
 * apps) in a real embedded audit store, a real H2 console database with the schools and a real
 * register holding the generator's apps, provider filings and exactly the school filings the
 * generator decided with. Planted:
 *
 * <ul>
 *   <li>an ingest gap: {@link #GAP_SCHOOL} silent on {@link #GAP_DAY} {@link #GAP_FROM}–{@link
 *       #GAP_TO} local time;
 *   <li>a tampered day: one record of {@link #TAMPERED_DAY} changed in the journal (checksum
 *       fixed, as someone editing the file would) after the store was closed;
 *   <li>unfiled apps: {@link #unfiled()}, the apps each school's students were blocked from with
 *       APP_SCHOOL_NOT_FILED (the generator leaves some apps unfiled per school).
 * </ul>
 *
 * Nothing else is wrong: every filing is confirmed with its evidence, every provider filing is
 * active, guests are the only anonymous users (about 2 %). The store and the database stay open
 * until {@link #close()}.
 *
 * <pre>{@code
 * try (PlantedMonth m = PlantedMonth.build(dir)) {
 *   MonthlyReport r = m.reports(rectifications).make(PlantedMonth.MONTH, null, "inspector");
 * }
 * }</pre>
 */
public final class PlantedMonth implements AutoCloseable {
  public static final YearMonth MONTH = YearMonth.of(2026, 10);
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  /** When the reports are made: early the next month. */
  public static final Instant NOW = Instant.parse("2026-11-05T02:00:00Z");
  public static final String DISTRICT = "海淀区";
  public static final List<String> SCHOOLS = List.of("school-01", "school-02", "school-03",
      "school-04");
  public static final String GAP_SCHOOL = "school-02";
  public static final LocalDate GAP_DAY = LocalDate.of(2026, 10, 14); // a Wednesday
  public static final LocalTime GAP_FROM = LocalTime.of(9, 0);
  public static final LocalTime GAP_TO = LocalTime.of(11, 0);
  public static final LocalDate TAMPERED_DAY = LocalDate.of(2026, 10, 21); // a Wednesday
  /** Access events on a school weekday, all schools: small enough for CI, dense enough for gaps. */
  static final long EVENTS_PER_DAY = 5_000;

  private static final Instant FILED_AT = Instant.parse("2026-08-20T02:00:00Z");
  private static final Map<String, String> APP_NAMES = Map.of(
      "app.reading-garden", "阅读花园", "app.math-practice", "数学练习",
      "app.english-dubbing", "英语配音", "app.class-notice", "班级通知",
      "app.coding-kids", "少儿编程", "app.homework-helper", "作业帮手");

  private final Path dir;
  private final EmbeddedAuditStore store;
  private final ConsoleDatabase db;
  private final AdminLog adminLog;
  private final RegisterService register;
  private final Map<String, Set<String>> unfiled;
  private final Map<String, Counts> counts;
  private final long tamperedSeq;

  /** What the generator produced per school, counted from the records themselves. */
  public static final class Counts {
    long events;
    long blocked;
    long identified;
    Instant last;

    public long events() { return events; }
    public long blocked() { return blocked; }
    public long identified() { return identified; }
    public Instant last() { return last; }
  }

  private PlantedMonth(Path dir, EmbeddedAuditStore store, ConsoleDatabase db, AdminLog adminLog,
      RegisterService register, Map<String, Set<String>> unfiled, Map<String, Counts> counts,
      long tamperedSeq) {
    this.dir = dir;
    this.store = store;
    this.db = db;
    this.adminLog = adminLog;
    this.register = register;
    this.unfiled = unfiled;
    this.counts = counts;
    this.tamperedSeq = tamperedSeq;
  }

  /** Generates the month into {@code dir} (audit store under {@code audit/}, database beside). */
  public static PlantedMonth build(Path dir) throws Exception {
    SyntheticEvents events = SyntheticEvents.builder().seed(2026)
        .start(MONTH.atDay(1)).days(MONTH.lengthOfMonth()).zone(ZONE)
        .schools(SCHOOLS).usersPerSchool(60).eventsPerDay(EVENTS_PER_DAY)
        .catalogue(HostCatalogue.sample(200))
        .gapOn(GAP_SCHOOL, GAP_DAY, GAP_FROM, GAP_TO)
        .build();
    Map<String, Set<String>> unfiled = new TreeMap<>();
    Map<String, Map<String, String>> filed = new TreeMap<>();
    Map<String, Counts> counts = new TreeMap<>();
    SCHOOLS.forEach(s -> {
      unfiled.put(s, new TreeSet<>());
      filed.put(s, new TreeMap<>());
      counts.put(s, new Counts());
    });
    Instant tamperAt = TAMPERED_DAY.atTime(12, 0).atZone(ZONE).toInstant();
    long tamperedSeq = -1;
    long seq = 0; // one producer: a record's seq is its place in the append order
    long accessEvents = 0;
    try (EmbeddedAuditStore s = EmbeddedAuditStore.open(storeConfig(dir))) {
      List<AuditRecord> batch = new ArrayList<>(1000);
      AppendTicket last = null;
      int batches = 0;
      for (AuditRecord r : events) {
        if (r instanceof AccessEvent e) {
          note(e, counts.get(e.schoolId()), unfiled, filed);
          accessEvents++;
          if (tamperedSeq < 0 && !e.timestamp().isBefore(tamperAt)) {
            tamperedSeq = seq;
          }
        }
        seq++;
        batch.add(r);
        if (batch.size() == 1000) {
          last = s.append(batch);
          batch = new ArrayList<>(1000);
          if (++batches % 10 == 0) {
            last.awaitDurable(Duration.ofSeconds(60)); // stay well below the queue's capacity
          }
        }
      }
      if (!batch.isEmpty()) {
        last = s.append(batch);
      }
      if (last != null) {
        last.awaitDurable(Duration.ofSeconds(60));
      }
      s.checkpointNow();
      awaitIndexed(s, accessEvents);
    }
    JournalEdit.editRecord(dir.resolve("audit"), tamperedSeq);
    EmbeddedAuditStore store = EmbeddedAuditStore.open(storeConfig(dir));
    awaitIndexed(store, accessEvents);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    ConsoleDatabase db = ConsoleDatabase.open(ConsoleDatabase.embeddedUrl(dir.resolve("console")),
        "sa", "", clock);
    try {
      SCHOOLS.forEach(id -> db.schools().create(id, "第" + id.substring(7) + "中学"));
      AdminLog log = new AdminLog(db.adminLog(), new ObjectMapper().findAndRegisterModules());
      RegisterService register = new RegisterService(new RegisterDao(db.jdbi(), clock), log, ZONE,
          next -> { });
      fillRegister(register, filed);
      return new PlantedMonth(dir, store, db, log, register, unfiled, counts, tamperedSeq);
    } catch (RuntimeException e) {
      store.close();
      db.close();
      throw e;
    }
  }

  /**
   * Waits until every access event is searchable. A search waits at most 10 s for the indexers
   * and then answers with what they have done; on a busy machine they may need longer.
   */
  private static void awaitIndexed(EmbeddedAuditStore s, long accessEvents) {
    AuditQuery all = AuditQuery.between(MONTH.atDay(1).atStartOfDay(ZONE).toInstant(),
        MONTH.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant()).limit(1).build();
    for (int i = 0; i < 60; i++) { // each search itself waits up to 10 s for the indexers
      if (s.search(all).total() == accessEvents) {
        return;
      }
    }
    throw new IllegalStateException("the store did not index " + accessEvents + " events");
  }

  private static EmbeddedStoreConfig storeConfig(Path dir) {
    return EmbeddedStoreConfig.builder(dir.resolve("audit"), "campusgate/test/planted-month")
        .zone(ZONE).commitInterval(Duration.ofMillis(20)).segmentBytes(4 << 20)
        .compressSealedSegments(false).build();
  }

  private static void note(AccessEvent e, Counts c, Map<String, Set<String>> unfiled,
      Map<String, Map<String, String>> filed) {
    c.events++;
    if ("BLOCK".equals(e.action())) {
      c.blocked++;
    }
    if (e.userId() != null) {
      c.identified++;
    }
    c.last = e.timestamp();
    if (e.appId() != null) {
      if (e.schoolFiling() != null) {
        filed.get(e.schoolId()).put(e.appId(), e.schoolFiling());
      } else if ("APP_SCHOOL_NOT_FILED".equals(e.reason())) {
        unfiled.get(e.schoolId()).add(e.appId());
      }
    }
  }

  /** The generator's apps with their provider filings, and the school filings it decided with. */
  static void fillRegister(RegisterService register, Map<String, Map<String, String>> filed) {
    RegisterDao dao = register.dao();
    Instant providerSince = Instant.parse("2026-03-01T00:00:00Z");
    register.change("fixture", "register.import", "register", null, null, "planted-month", () -> {
      int n = 0;
      for (HostCatalogue.LearningApp a : HostCatalogue.builtInOnly().apps()) {
        n++;
        String name = APP_NAMES.getOrDefault(a.appId(), a.appId());
        dao.addProviderVersion(ProviderFiling.builder(a.providerFiling()).appName(name)
            .provider(name + "科技有限公司", String.format("9111000000000%04dX", n))
            .providerType("company").authority("11").icp("京ICP备2026" + n + "号")
            .mlps("11010000000-0000" + n, 3).category(AppCategory.TEACHING)
            .status(FilingStatus.ACTIVE).source("fixture").effectiveFrom(providerSince)
            .build(), "fixture");
        dao.insertApp(new App(a.appId(), name, AppKind.LEARNING, a.providerFiling(),
            AppCategory.TEACHING, Set.of(), new Fingerprints(a.hosts(), null, null, null)),
            "fixture");
      }
      filed.forEach((school, apps) -> apps.forEach((app, id) ->
          dao.addUserVersion(filing(id, school, app).build(), null, "fixture", 0)));
      return null;
    });
  }

  /** A confirmed, recommended filing with its evidence, valid this school year. */
  public static UserFiling.Builder filing(String id, String school, String app) {
    return UserFiling.builder(id, school, app).supervisingDept("海淀区教委")
        .filingNumber(HostCatalogue.builtInOnly().apps().stream()
            .filter(a -> a.appId().equals(app)).findFirst().orElseThrow().providerFiling())
        .usage(UsageMode.RECOMMENDED)
        .evidence(new Evidence("征求意见 2026-07", "校务会纪要 2026-12", "数据安全协议 2026-08"))
        .status(UserFilingStatus.CONFIRMED).confirmed("district", FILED_AT)
        .valid(LocalDate.of(2026, 9, 1), LocalDate.of(2027, 8, 31)).effectiveFrom(FILED_AT);
  }

  /** A report maker over this month's store, database and register. */
  public MonthlyReports reports(Rectifications rectifications) {
    return new MonthlyReports(() -> store, register, db.schools(), db.adminLog(), rectifications,
        clock(), ZONE, DISTRICT);
  }

  public Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  public Path dir() {
    return dir;
  }

  public EmbeddedAuditStore store() {
    return store;
  }

  public ConsoleDatabase db() {
    return db;
  }

  public AdminLog adminLog() {
    return adminLog;
  }

  public RegisterService register() {
    return register;
  }

  /** Per school, the apps whose students were blocked as unfiled (every school is a key). */
  public Map<String, Set<String>> unfiled() {
    return Collections.unmodifiableMap(unfiled);
  }

  /** The gap's window as instants, [from, to). */
  public Instant gapFrom() {
    return GAP_DAY.atTime(GAP_FROM).atZone(ZONE).toInstant();
  }

  public Instant gapTo() {
    return GAP_DAY.atTime(GAP_TO).atZone(ZONE).toInstant();
  }

  /** The seq (journal position) of the record edited on {@link #TAMPERED_DAY}. */
  public long tamperedSeq() {
    return tamperedSeq;
  }

  /** What the generator produced for a school, counted from its records. */
  public Counts counts(String school) {
    return counts.get(school);
  }

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      db.close();
    }
  }
}
