package org.campusgate.console.register;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.register.RegisterInputs.AppInput;
import org.campusgate.console.register.RegisterInputs.ProviderFilingInput;
import org.campusgate.console.register.RegisterInputs.StatusInput;
import org.campusgate.console.register.RegisterInputs.UserFilingInput;
import org.campusgate.console.register.RegisterViews.AffectedSchool;
import org.campusgate.console.register.RegisterViews.AppView;
import org.campusgate.console.register.RegisterViews.ExpiringView;
import org.campusgate.console.register.RegisterViews.ProviderFilingView;
import org.campusgate.console.register.RegisterViews.ProviderHistoryView;
import org.campusgate.console.register.RegisterViews.RevokedView;
import org.campusgate.console.register.RegisterViews.UserFilingView;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.InvalidRegisterException;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;

/**
 * The register as admins keep it: the catalogue and provider filings (district admins), the
 * schools' filings with their workflow (DRAFT → SUBMITTED → CONFIRMED or REJECTED by a district
 * admin, acting for the supervising department; WITHDRAWN by the school at any time), and the
 * lists read from them.
 *
 * <p>Every change is one transaction: the new rows, the next revision, the whole register
 * rebuilt and checked (a change that breaks it is refused and rolled back), and the admin-log
 * entry with before and after. Once committed, the new {@link AppRegister} is handed to
 * {@code inForce} (the policy service, which swaps it into every running gateway) before the
 * method returns, so a withdrawal blocks before the admin sees the answer. Changes are
 * serialised, so registers reach the gateways in revision order.
 */
public final class RegisterService {
  /** Provider statuses that end a filing: listed as "revoked this month". */
  static final Set<FilingStatus> ENDED = EnumSet.of(FilingStatus.REVOKED, FilingStatus.CANCELLED,
      FilingStatus.BLACKLISTED);
  /** User filing states whose end of validity matters. */
  private static final Set<UserFilingStatus> RUNNING = EnumSet.of(UserFilingStatus.CONFIRMED,
      UserFilingStatus.SUBMITTED);
  public static final int MAX_DAYS = 366;

  private final RegisterDao dao;
  private final AdminLog log;
  private final ZoneId zone;
  private final Consumer<AppRegister> inForce;
  private final RegisterReader reader;
  private final AtomicReference<AppRegister> current;

  /**
   * Loads the register from the database.
   *
   * @param zone the zone validity days, windows and months are read in (the district's)
   * @param inForce takes each new register at once (e.g. {@code PolicyService::replaceRegister})
   * @throws IllegalStateException when the stored register does not hold together
   */
  public RegisterService(RegisterDao dao, AdminLog log, ZoneId zone, Consumer<AppRegister> inForce) {
    this.dao = Objects.requireNonNull(dao, "dao");
    this.log = Objects.requireNonNull(log, "log");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.inForce = Objects.requireNonNull(inForce, "inForce");
    this.reader = new RegisterReader(zone);
    try {
      this.current = new AtomicReference<>(build());
    } catch (InvalidRegisterException e) {
      throw new IllegalStateException("the stored app register does not hold together: " + e.getMessage(), e);
    }
  }

  /** The register in force: what policies compile with. */
  public AppRegister current() {
    return current.get();
  }

  public ZoneId zone() {
    return zone;
  }

  public RegisterDao dao() {
    return dao;
  }

  private AppRegister build() throws InvalidRegisterException {
    RegisterState state = dao.state();
    AppRegister.Builder b = AppRegister.builder().revision(state.revision()).zone(zone);
    if (state.lastSyncedAt() != null) {
      b.lastUpdate(state.lastSyncedAt());
    }
    dao.apps().forEach(e -> b.app(e.app()));
    dao.providerVersions().forEach(v -> b.providerFiling(v.filing()));
    dao.userVersions().forEach(v -> b.userFiling(v.filing()));
    return b.build();
  }

  /**
   * Makes one change: {@code writes} adds rows through {@link #dao()} and returns the state after
   * (for the admin log and the answer); then the revision goes up, the register is rebuilt and
   * checked, the change is logged, all in one transaction; then the register is put in force.
   * Imports use this too.
   *
   * @param syncSource non-null when the change brings the filing data up to date (it restarts
   *     the staleness clock), e.g. {@code console:<actor>} or an import's file name
   * @throws RefusedRequest 422 {@code invalid-register} when the register would not hold together
   */
  public synchronized <T> T change(String actor, String action, String target, String school,
      Object before, String syncSource, Supplier<T> writes) {
    record Done<T>(T after, AppRegister next) {}
    Done<T> done = dao.inTransaction(() -> {
      T after = writes.get();
      dao.nextRevision(actor, syncSource);
      AppRegister next;
      try {
        next = build();
      } catch (InvalidRegisterException e) {
        throw new RefusedRequest(422, "invalid-register", e.getMessage(), RegisterReader.problems(e));
      }
      log.record(actor, action, target, school, before, after);
      return new Done<>(after, next);
    });
    current.set(done.next());
    inForce.accept(done.next());
    return done.after();
  }

  // ---- catalogue

  public List<AppView> catalogue() {
    return dao.apps().stream().map(RegisterService::view).toList();
  }

  public AppView addApp(ConsoleUser by, AppInput in) {
    requireDistrict(by);
    App app = reader.app(in, null);
    if (dao.app(app.id()).isPresent()) {
      throw RefusedRequest.conflict("duplicate-app", "the catalogue has an app " + app.id() + " already");
    }
    return change(by.name(), "register.app.add", "app:" + app.id(), null, null, null, () -> {
      dao.insertApp(app, by.name());
      return view(dao.app(app.id()).orElseThrow());
    });
  }

  public AppView updateApp(ConsoleUser by, String id, AppInput in) {
    requireDistrict(by);
    CatalogueEntry before = dao.app(id).orElseThrow(() -> noApp(id));
    App app = reader.app(in, id);
    return change(by.name(), "register.app.update", "app:" + id, null, view(before), null, () -> {
      dao.updateApp(app, by.name());
      return view(dao.app(id).orElseThrow());
    });
  }

  private static AppView view(CatalogueEntry e) {
    App a = e.app();
    return new AppView(a.id(), a.name(), a.kind().name(), a.filingNumber(), a.category().name(),
        a.features().stream().map(Enum::name).sorted().toList(), a.fingerprints().domains(),
        a.fingerprints().sniPatterns(), a.fingerprints().urlPrefixes(), a.fingerprints().ipRanges(),
        e.updatedAt(), e.updatedBy());
  }

  // ---- provider filings

  /** Every provider filing: its version in force now (else its newest). */
  public List<ProviderFilingView> providerFilings() {
    Instant now = dao.now();
    Map<String, List<String>> apps = appsByFiling();
    return dao.providerVersions().stream()
        .collect(Collectors.groupingBy(v -> v.filing().filingNumber(), LinkedHashMap::new, Collectors.toList()))
        .values().stream().map(versions -> view(inForce(versions, now), versions.size(), apps))
        .toList();
  }

  public ProviderHistoryView providerHistory(String number) {
    List<ProviderVersion> versions = dao.providerHistory(number);
    if (versions.isEmpty()) {
      throw noFiling(number);
    }
    Map<String, List<String>> apps = appsByFiling();
    return new ProviderHistoryView(view(inForce(versions, dao.now()), versions.size(), apps),
        versions.stream().map(v -> view(v, versions.size(), apps)).toList());
  }

  public ProviderHistoryView addProviderFiling(ConsoleUser by, ProviderFilingInput in) {
    requireDistrict(by);
    ProviderFiling f = reader.providerFiling(in, dao.now());
    if (!dao.providerHistory(f.filingNumber()).isEmpty()) {
      throw RefusedRequest.conflict("duplicate-filing", "provider filing " + f.filingNumber()
          + " is recorded already; record a new status instead");
    }
    return change(by.name(), "register.provider.add", "provider-filing:" + f.filingNumber(), null,
        null, "console:" + by.name(), () -> {
          dao.addProviderVersion(f, by.name());
          return providerHistory(f.filingNumber());
        });
  }

  /** Records a new version of the filing with another status (a revocation, a suspension, ...). */
  public ProviderHistoryView changeProviderStatus(ConsoleUser by, String number, StatusInput in) {
    requireDistrict(by);
    List<ProviderVersion> versions = dao.providerHistory(number);
    if (versions.isEmpty()) {
      throw noFiling(number);
    }
    ProviderFiling newest = versions.get(versions.size() - 1).filing();
    FieldErrors e = new FieldErrors();
    if (in == null) {
      e.add("status", "is required; send {\"status\": \"REVOKED\", \"reason\": ...}");
      e.throwIfAny();
    }
    FilingStatus status = e.oneOf("status", in.status(), FilingStatus.class, null);
    String reason = e.text("reason", in.reason(), 1000, status != null && status != FilingStatus.ACTIVE);
    Instant now = dao.now();
    Instant from = e.instant("effectiveFrom", in.effectiveFrom());
    LocalDate refile = e.date("mayRefileFrom", in.mayRefileFrom());
    String source = e.text("source", in.source(), 500, false);
    from = from == null ? now : from;
    if (from.isBefore(newest.effectiveFrom())) {
      e.add("effectiveFrom", "is before the newest version's (" + newest.effectiveFrom() + ")");
    }
    e.throwIfAny();
    if (status == newest.status()) {
      throw RefusedRequest.conflict("no-change", "provider filing " + number + " is " + status + " already");
    }
    ProviderFiling next = new ProviderFiling(newest.filingNumber(), newest.appName(), newest.aliases(),
        newest.form(), newest.providerName(), newest.creditCode(), newest.providerType(),
        newest.authority(), newest.icpNumber(), newest.mlpsNumber(), newest.mlpsLevel(),
        newest.category(), newest.features(), newest.trainingLicence(), status, reason,
        refile != null ? refile : status == FilingStatus.ACTIVE ? null : newest.mayRefileFrom(),
        newest.provincialLists(), source != null ? source : "console", from, now);
    ProviderHistoryView before = providerHistory(number);
    return change(by.name(), "register.provider.status", "provider-filing:" + number, null,
        before.current(), "console:" + by.name(), () -> {
          dao.addProviderVersion(next, by.name());
          return providerHistory(number);
        });
  }

  /** Records that the filing data was checked against the platform now (nothing else changed). */
  public RegisterState markSynced(ConsoleUser by, String source) {
    requireDistrict(by);
    FieldErrors e = new FieldErrors();
    String s = e.text("source", source, 500, false);
    e.throwIfAny();
    RegisterState before = dao.state();
    String from = s == null ? "console:" + by.name() : s;
    change(by.name(), "register.sync", "register", null, before, from, () -> Map.of("source", from));
    return dao.state();
  }

  /** The version in force at {@code t} (ordered as the register orders them), else the newest. */
  private static ProviderVersion inForce(List<ProviderVersion> versions, Instant t) {
    List<ProviderVersion> sorted = new ArrayList<>(versions);
    sorted.sort(Comparator.comparing((ProviderVersion v) -> v.filing().effectiveFrom())
        .thenComparing(v -> v.filing().recordedAt()));
    ProviderVersion found = null;
    for (ProviderVersion v : sorted) {
      if (!v.filing().effectiveFrom().isAfter(t)) {
        found = v;
      }
    }
    return found != null ? found : versions.get(versions.size() - 1);
  }

  private Map<String, List<String>> appsByFiling() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (CatalogueEntry e : dao.apps()) {
      if (e.app().filingNumber() != null) {
        out.computeIfAbsent(e.app().filingNumber(), k -> new ArrayList<>()).add(e.app().id());
      }
    }
    return out;
  }

  private static ProviderFilingView view(ProviderVersion v, int versions, Map<String, List<String>> apps) {
    ProviderFiling f = v.filing();
    Map<String, String> lists = new LinkedHashMap<>();
    f.provincialLists().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(x -> lists.put(x.getKey(), x.getValue().name()));
    return new ProviderFilingView(f.filingNumber(), v.version(), versions, f.appName(), f.aliases(),
        f.form().name(), f.providerName(), f.creditCode(), f.providerType(), f.authority(),
        f.icpNumber(), f.mlpsNumber(), f.mlpsLevel(), f.category().name(),
        f.features().stream().map(Enum::name).sorted().toList(), f.trainingLicence(),
        f.status().name(), f.statusReason(), f.mayRefileFrom(), lists, f.source(),
        f.effectiveFrom(), f.recordedAt(), v.recordedBy(), apps.getOrDefault(f.filingNumber(), List.of()));
  }

  // ---- user filings

  /** The school's filings, newest version of each with its history, by app then id. */
  public List<UserFilingView> userFilings(String school) {
    Map<String, String> names = appNames();
    return byId(dao.userVersions()).values().stream()
        .filter(vs -> vs.get(0).filing().schoolId().equals(school))
        .map(vs -> view(vs, names, true))
        .sorted(Comparator.comparing(UserFilingView::appId).thenComparing(UserFilingView::id))
        .toList();
  }

  public UserFilingView userFiling(String school, String id) {
    return view(history(school, id), appNames(), true);
  }

  /** Creates a DRAFT filing of {@code school} (its admins, or a district admin). */
  public UserFilingView createUserFiling(ConsoleUser by, String school, UserFilingInput in) {
    requireAdminister(by, school);
    if (in == null) {
      throw FieldErrors.invalid(List.of(new FieldErrors.FieldError("",
          "send the filing as JSON: {\"appId\": ..., \"usage\": \"RECOMMENDED\", ...}")));
    }
    FieldErrors e = new FieldErrors();
    String appId = e.id("appId", in.appId(), true);
    String id = e.id("id", in.id(), false);
    e.throwIfAny();
    CatalogueEntry app = dao.app(appId).orElseThrow(() -> FieldErrors.invalid(List.of(
        new FieldErrors.FieldError("appId", "the catalogue has no app '" + appId + "'"))));
    if (id == null) {
      id = newId(school, appId);
    } else if (dao.userFilingExists(id)) {
      throw RefusedRequest.conflict("duplicate-filing", "there is a user filing " + id + " already");
    }
    UserFiling draft = reader.draft(in, id, school, appId, app.app().filingNumber(), dao.now());
    String fid = id;
    return change(by.name(), "register.user-filing.create", "user-filing:" + id, school, null, null,
        () -> {
          dao.addUserVersion(draft, null, by.name(), 0);
          return userFiling(school, fid);
        });
  }

  /** Replaces a DRAFT's (or a REJECTED filing's) fields; the result is a DRAFT. */
  public UserFilingView editUserFiling(ConsoleUser by, String school, String id, UserFilingInput in) {
    requireAdminister(by, school);
    List<UserVersion> versions = history(school, id);
    UserVersion newest = versions.get(versions.size() - 1);
    UserFiling f = newest.filing();
    if (f.status() != UserFilingStatus.DRAFT && f.status() != UserFilingStatus.REJECTED) {
      throw RefusedRequest.conflict("not-a-draft", "user filing " + id + " is " + f.status()
          + "; only a DRAFT or REJECTED filing can be edited (withdraw it and file anew)");
    }
    if (in == null) {
      throw FieldErrors.invalid(List.of(new FieldErrors.FieldError("", "send the filing as JSON")));
    }
    if (in.appId() != null && !in.appId().strip().equals(f.appId())) {
      throw FieldErrors.invalid(List.of(new FieldErrors.FieldError("appId",
          "a filing's app cannot be changed; file the other app separately")));
    }
    String appFiling = dao.app(f.appId()).map(a -> a.app().filingNumber()).orElse(null);
    UserFiling draft = reader.draft(in, id, school, f.appId(), appFiling, dao.now());
    UserFilingView before = userFiling(school, id);
    return change(by.name(), "register.user-filing.edit", "user-filing:" + id, school, before, null,
        () -> {
          dao.addUserVersion(draft, null, by.name(), newest.version());
          return userFiling(school, id);
        });
  }

  /** DRAFT → SUBMITTED, by the school's admins (or a district admin). */
  public UserFilingView submit(ConsoleUser by, String school, String id) {
    requireAdminister(by, school);
    return transition(by, school, id, EnumSet.of(UserFilingStatus.DRAFT), UserFilingStatus.SUBMITTED, null);
  }

  /** SUBMITTED → CONFIRMED, by a district admin acting for the supervising department. */
  public UserFilingView confirm(ConsoleUser by, String school, String id) {
    requireDistrict(by);
    return transition(by, school, id, EnumSet.of(UserFilingStatus.SUBMITTED), UserFilingStatus.CONFIRMED, null);
  }

  /** SUBMITTED → REJECTED with the reason, by a district admin. */
  public UserFilingView reject(ConsoleUser by, String school, String id, String reason) {
    requireDistrict(by);
    return transition(by, school, id, EnumSet.of(UserFilingStatus.SUBMITTED), UserFilingStatus.REJECTED,
        note(reason, true));
  }

  /** Any state but WITHDRAWN → WITHDRAWN, by the school's admins or a district admin. */
  public UserFilingView withdraw(ConsoleUser by, String school, String id, String reason) {
    requireAdminister(by, school);
    return transition(by, school, id, EnumSet.complementOf(EnumSet.of(UserFilingStatus.WITHDRAWN)),
        UserFilingStatus.WITHDRAWN, note(reason, false));
  }

  private UserFilingView transition(ConsoleUser by, String school, String id,
      Set<UserFilingStatus> from, UserFilingStatus to, String note) {
    List<UserVersion> versions = history(school, id);
    UserVersion newest = versions.get(versions.size() - 1);
    UserFiling f = newest.filing();
    if (!from.contains(f.status())) {
      throw RefusedRequest.conflict("illegal-transition", "user filing " + id + " is " + f.status()
          + "; it cannot become " + to + " (only from " + from.stream().map(Enum::name).sorted()
          .collect(Collectors.joining(", ")) + ")");
    }
    UserFiling next = f.withStatus(to, by.name(), dao.now());
    UserFilingView before = userFiling(school, id);
    return change(by.name(), "register.user-filing." + to.name().toLowerCase(java.util.Locale.ROOT),
        "user-filing:" + id, school, before, null, () -> {
          dao.addUserVersion(next, note, by.name(), newest.version());
          return userFiling(school, id);
        });
  }

  private static String note(String reason, boolean required) {
    FieldErrors e = new FieldErrors();
    String r = e.text("reason", reason, 1000, required);
    e.throwIfAny();
    return r;
  }

  private List<UserVersion> history(String school, String id) {
    List<UserVersion> versions = id == null || id.length() > 100 ? List.of() : dao.userHistory(id);
    if (versions.isEmpty() || !versions.get(0).filing().schoolId().equals(school)) {
      throw RefusedRequest.notFound("no-such-filing", "school " + school + " has no user filing " + id);
    }
    return versions;
  }

  /** {@code <school>-<app>}, then {@code -2}, {@code -3}, ... until free. */
  private String newId(String school, String appId) {
    String base = school + "-" + appId;
    base = base.length() > 90 ? base.substring(0, 90) : base;
    String id = base;
    for (int n = 2; dao.userFilingExists(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  private static Map<String, List<UserVersion>> byId(List<UserVersion> all) {
    return all.stream().collect(Collectors.groupingBy(v -> v.filing().id(), LinkedHashMap::new,
        Collectors.toList()));
  }

  private Map<String, String> appNames() {
    Map<String, String> out = new LinkedHashMap<>();
    dao.apps().forEach(e -> out.put(e.app().id(), e.app().name()));
    return out;
  }

  private static UserFilingView view(List<UserVersion> versions, Map<String, String> names, boolean withHistory) {
    UserVersion v = versions.get(versions.size() - 1);
    UserFiling f = v.filing();
    return new UserFilingView(f.id(), v.version(), f.schoolId(), f.appId(),
        names.getOrDefault(f.appId(), f.appId()), f.supervisingDept(), f.filingNumber(),
        f.origin().name(), f.usage().name(), f.chargesStudents(), f.linkedToGrades(),
        f.evidence(), f.evidence().complete(), new java.util.TreeSet<>(f.scope()), f.windows(),
        f.status().name(), v.note(), f.confirmedBy(), f.confirmedAt(), f.validFrom(), f.validTo(),
        f.effectiveFrom(), v.recordedBy(), withHistory ? versions.stream()
            .map(x -> new RegisterViews.UserStep(x.version(), x.filing().status().name(), x.note(),
                x.filing().effectiveFrom(), x.recordedBy())).toList() : List.of());
  }

  // ---- lists

  /**
   * User filings (confirmed or submitted) whose validity ends within {@code days} from today,
   * and provider filings taken offline (OFFLINE_PENDING) now.
   *
   * @param school only this school's filings, or null for all
   */
  public ExpiringView expiring(int days, String school) {
    if (days < 0 || days > MAX_DAYS) {
      throw FieldErrors.invalid(List.of(new FieldErrors.FieldError("days", "is 0 to " + MAX_DAYS)));
    }
    Instant now = dao.now();
    LocalDate today = now.atZone(zone).toLocalDate();
    LocalDate until = today.plusDays(days);
    Map<String, String> names = appNames();
    List<UserFilingView> users = byId(dao.userVersions()).values().stream()
        .filter(vs -> {
          UserFiling f = vs.get(vs.size() - 1).filing();
          return (school == null || f.schoolId().equals(school)) && RUNNING.contains(f.status())
              && f.validTo() != null && !f.validTo().isBefore(today) && !f.validTo().isAfter(until);
        })
        .map(vs -> view(vs, names, false))
        .sorted(Comparator.comparing(UserFilingView::validTo).thenComparing(UserFilingView::id))
        .toList();
    Map<String, List<String>> apps = appsByFiling();
    List<ProviderFilingView> suspended = dao.providerVersions().stream()
        .collect(Collectors.groupingBy(v -> v.filing().filingNumber(), LinkedHashMap::new, Collectors.toList()))
        .values().stream()
        .map(vs -> view(inForce(vs, now), vs.size(), apps))
        .filter(v -> v.status().equals(FilingStatus.OFFLINE_PENDING.name()))
        .toList();
    return new ExpiringView(days, today, until, users, suspended);
  }

  /**
   * Provider filings whose status turned REVOKED, CANCELLED or BLACKLISTED with effect in
   * {@code month} (the district's zone), each with the schools that have a filing for its apps.
   *
   * @param school only this school among the affected, or null for all
   */
  public List<RevokedView> revoked(YearMonth month, String school) {
    Instant start = month.atDay(1).atStartOfDay(zone).toInstant();
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    Map<String, List<String>> apps = appsByFiling();
    List<UserFiling> users = byId(dao.userVersions()).values().stream()
        .map(vs -> vs.get(vs.size() - 1).filing()).toList();
    List<RevokedView> out = new ArrayList<>();
    Map<String, List<ProviderVersion>> byNumber = dao.providerVersions().stream()
        .collect(Collectors.groupingBy(v -> v.filing().filingNumber(), LinkedHashMap::new, Collectors.toList()));
    for (List<ProviderVersion> versions : byNumber.values()) {
      List<ProviderVersion> sorted = new ArrayList<>(versions);
      sorted.sort(Comparator.comparing((ProviderVersion v) -> v.filing().effectiveFrom())
          .thenComparing(v -> v.filing().recordedAt()));
      FilingStatus previous = null;
      for (ProviderVersion v : sorted) {
        ProviderFiling f = v.filing();
        boolean turned = ENDED.contains(f.status()) && (previous == null || previous != f.status());
        previous = f.status();
        if (!turned || f.effectiveFrom().isBefore(start) || !f.effectiveFrom().isBefore(end)) {
          continue;
        }
        List<String> appIds = apps.getOrDefault(f.filingNumber(), List.of());
        List<AffectedSchool> affected = users.stream()
            .filter(u -> appIds.contains(u.appId()) || f.filingNumber().equals(u.filingNumber()))
            .filter(u -> school == null || u.schoolId().equals(school))
            .map(u -> new AffectedSchool(u.schoolId(), u.id(), u.appId(), u.status().name()))
            .sorted(Comparator.comparing(AffectedSchool::schoolId).thenComparing(AffectedSchool::filingId))
            .toList();
        out.add(new RevokedView(f.filingNumber(), f.appName(), f.status().name(), f.statusReason(),
            f.effectiveFrom(), appIds, affected));
      }
    }
    out.sort(Comparator.comparing(RevokedView::effectiveFrom).thenComparing(RevokedView::filingNumber));
    return out;
  }

  // ---- who may

  private static void requireDistrict(ConsoleUser by) {
    if (by.role() != ConsoleRole.DISTRICT_ADMIN) {
      throw new RefusedRequest(403, "forbidden-register",
          by.name() + " may not change this: district admins keep the catalogue, the provider"
              + " filings, and confirm or reject schools' filings");
    }
  }

  private static void requireAdminister(ConsoleUser by, String school) {
    if (!by.administers(school)) {
      throw new RefusedRequest(403, "forbidden-school",
          by.name() + " may not change the filings of school " + school);
    }
  }

  private static RefusedRequest noApp(String id) {
    return RefusedRequest.notFound("no-such-app", "the catalogue has no app " + id);
  }

  private static RefusedRequest noFiling(String number) {
    return RefusedRequest.notFound("no-such-filing", "there is no provider filing " + number);
  }
}
