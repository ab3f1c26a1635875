package org.campusgate.policy.apps;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.campusgate.policy.schedule.Schedule;
import org.campusgate.policy.url.CanonicalUrl;

/**
 * The learning-app register of a district, compiled and immutable: the app catalogue with its
 * fingerprints, the provider filings and the schools' user filings, each with its history, so a
 * decision can be taken (or re-taken) as of any instant. Thread-safe; no I/O.
 *
 * <p>{@link #revision()} orders registers: a gateway swaps in a register only when it is newer
 * than the one in force.
 */
public final class AppRegister {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final AppRegister EMPTY = new AppRegister(List.of(), new AppMatcher.Builder().build(),
      Map.of(), Map.of(), Map.of(), null, 0, ZoneId.of("Asia/Shanghai"));

  private final List<App> apps;
  private final Map<String, Integer> appIndex;
  private final AppMatcher matcher;
  private final Map<String, Versions<ProviderFiling>> providerFilings;
  private final Map<String, Versions<ScheduledFiling>> userFilings;
  /** school + '\n' + app → ids of its user filings. */
  private final Map<String, List<String>> filingsBySchoolApp;
  private final Instant lastUpdate;
  private final long revision;
  private final ZoneId zone;
  /** By app number: the versions of its provider filing, or null. Saves a string lookup per decision. */
  private final Versions<?>[] providerByApp;

  /**
   * A user filing version with its windows read.
   *
   * @param filing the version
   * @param windows its windows, or null for any time
   */
  public record ScheduledFiling(UserFiling filing, Schedule windows) {
    /** Whether {@code t} falls in the filing's windows. */
    public boolean openAt(Instant t) {
      return windows == null || windows.isActive(t);
    }
  }

  private AppRegister(List<App> apps, AppMatcher matcher,
      Map<String, Versions<ProviderFiling>> providerFilings,
      Map<String, Versions<ScheduledFiling>> userFilings,
      Map<String, List<String>> filingsBySchoolApp, Instant lastUpdate, long revision, ZoneId zone) {
    this.apps = List.copyOf(apps);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < apps.size(); i++) {
      index.put(apps.get(i).id(), i);
    }
    this.appIndex = Map.copyOf(index);
    this.matcher = matcher;
    this.providerFilings = Map.copyOf(providerFilings);
    this.userFilings = Map.copyOf(userFilings);
    this.filingsBySchoolApp = Map.copyOf(filingsBySchoolApp);
    this.lastUpdate = lastUpdate;
    this.revision = revision;
    this.zone = zone;
    this.providerByApp = new Versions<?>[apps.size()];
    for (int i = 0; i < apps.size(); i++) {
      String number = apps.get(i).filingNumber();
      providerByApp[i] = number == null ? null : providerFilings.get(number);
    }
  }

  /** A register with no apps: every request goes straight to the URL policy. */
  public static AppRegister empty() {
    return EMPTY;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code id} is a valid app id: letters, digits, {@code _ . -}, at most 64. */
  public static boolean isValidId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  public List<App> apps() {
    return apps;
  }

  public Optional<App> app(String id) {
    Integer i = appIndex.get(id);
    return i == null ? Optional.empty() : Optional.of(apps.get(i));
  }

  public int fingerprintCount() {
    return apps.stream().mapToInt(a -> a.fingerprints().size()).sum();
  }

  /** The app {@code target} maps to (the most specific fingerprint wins), or null. */
  public App match(CanonicalUrl target) {
    int i = matcher.match(target);
    return i < 0 ? null : apps.get(i);
  }

  /** The number of the app {@code target} maps to (its index in {@link #apps()}), or -1. */
  public int matchIndex(CanonicalUrl target) {
    return matcher.match(target);
  }

  /** The provider filing of app number {@code app} in force at {@code t}, or null. */
  @SuppressWarnings("unchecked")
  public ProviderFiling providerFilingOfApp(int app, Instant t) {
    Versions<ProviderFiling> v = (Versions<ProviderFiling>) providerByApp[app];
    return v == null ? null : v.at(t);
  }

  /** One school's filings indexed by app number, for deciding many requests of that school. */
  public SchoolFilings filingsOf(String schoolId) {
    @SuppressWarnings("unchecked")
    List<Versions<ScheduledFiling>>[] byApp = new List[apps.size()];
    for (int i = 0; i < apps.size(); i++) {
      List<String> ids = filingsBySchoolApp.get(schoolId + '\n' + apps.get(i).id());
      if (ids != null) {
        byApp[i] = ids.stream().map(userFilings::get).toList();
      }
    }
    return new SchoolFilings(byApp);
  }

  /** A school's filings by app number; see {@link AppRegister#filingsOf}. */
  public static final class SchoolFilings {
    private final List<Versions<ScheduledFiling>>[] byApp;

    private SchoolFilings(List<Versions<ScheduledFiling>>[] byApp) {
      this.byApp = byApp;
    }

    /** As {@link AppRegister#userFilingAt}, with its windows, for app number {@code app}; {@code day} is t's date. */
    public ScheduledFiling at(int app, Instant t, LocalDate day) {
      List<Versions<ScheduledFiling>> filings = byApp[app];
      return filings == null ? null : best(filings, t, day);
    }
  }

  private static ScheduledFiling best(List<Versions<ScheduledFiling>> filings, Instant t, LocalDate day) {
    ScheduledFiling best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Versions<ScheduledFiling> v : filings) {
      ScheduledFiling f = v.at(t);
      if (f == null) {
        continue;
      }
      int rank = rank(f.filing(), day);
      if (rank < bestRank) {
        best = f;
        bestRank = rank;
      }
    }
    return best;
  }

  /** The version of a provider filing in force at {@code t}, or null when there is none. */
  public ProviderFiling providerFilingAt(String filingNumber, Instant t) {
    if (filingNumber == null) {
      return null;
    }
    Versions<ProviderFiling> v = providerFilings.get(filingNumber);
    return v == null ? null : v.at(t);
  }

  /** Every version of a provider filing, oldest first; empty when unknown. */
  public List<ProviderFiling> providerFilingHistory(String filingNumber) {
    Versions<ProviderFiling> v = providerFilings.get(filingNumber);
    return v == null ? List.of() : v.all();
  }

  /** The filing numbers known, sorted. */
  public Set<String> providerFilingNumbers() {
    return Collections.unmodifiableSet(new TreeSet<>(providerFilings.keySet()));
  }

  /** Every version of a user filing, oldest first; empty when unknown. */
  public List<UserFiling> userFilingHistory(String id) {
    Versions<ScheduledFiling> v = userFilings.get(id);
    return v == null ? List.of() : v.all().stream().map(ScheduledFiling::filing).toList();
  }

  /** The current version of every user filing, by id. */
  public List<UserFiling> userFilings() {
    return userFilings.values().stream().map(v -> v.latest().filing()).toList();
  }

  /**
   * The school's filing for the app that counts at {@code t}: a confirmed one valid that day
   * first, then a submitted one, then any other in force (withdrawn, rejected, expired, draft);
   * null when the school never filed it.
   */
  public UserFiling userFilingAt(String schoolId, String appId, Instant t) {
    List<String> ids = filingsBySchoolApp.get(schoolId + '\n' + appId);
    if (ids == null) {
      return null;
    }
    ScheduledFiling f = best(ids.stream().map(userFilings::get).toList(), t, LocalDate.ofInstant(t, zone));
    return f == null ? null : f.filing();
  }

  private static int rank(UserFiling f, LocalDate day) {
    boolean valid = validOn(f, day);
    if (f.status() == UserFilingStatus.CONFIRMED && valid) {
      return 0;
    }
    if (f.status() == UserFilingStatus.SUBMITTED && valid) {
      return 1;
    }
    return 2;
  }

  /** Whether {@code day} falls in the filing's validity (both ends inclusive). */
  public static boolean validOn(UserFiling f, LocalDate day) {
    return (f.validFrom() == null || !day.isBefore(f.validFrom()))
        && (f.validTo() == null || !day.isAfter(f.validTo()));
  }

  /** The schools with a filing (of any status) for the app. */
  public Set<String> schoolsFiling(String appId) {
    Set<String> schools = new TreeSet<>();
    for (Versions<ScheduledFiling> v : userFilings.values()) {
      UserFiling f = v.latest().filing();
      if (f.appId().equals(appId)) {
        schools.add(f.schoolId());
      }
    }
    return schools;
  }

  /** The newest fact the register holds (its last sync or import), or null when empty. */
  public Instant lastUpdate() {
    return lastUpdate;
  }

  public long revision() {
    return revision;
  }

  public ZoneId zone() {
    return zone;
  }

  /**
   * Collects a register. Ids are checked, fingerprints canonicalised, each claimed by one app,
   * windows read; {@link #build()} reports every problem at once.
   */
  public static final class Builder {
    private final Map<String, App> apps = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, List<ProviderFiling>> providerFilings = new LinkedHashMap<>();
    private final Map<String, List<UserFiling>> userFilings = new LinkedHashMap<>();
    private Instant lastUpdate;
    private long revision;
    private ZoneId zone = ZoneId.of("Asia/Shanghai");

    private Builder() {}

    public Builder app(App app) {
      Objects.requireNonNull(app, "app");
      if (!isValidId(app.id())) {
        problems.add("app '" + app.id() + "': ids use letters, digits, '_', '.', '-' (at most 64)");
      } else if (apps.putIfAbsent(app.id(), app) != null) {
        problems.add("app " + app.id() + ": listed twice");
      }
      return this;
    }

    /** Adds a version of a provider filing. */
    public Builder providerFiling(ProviderFiling filing) {
      providerFilings.computeIfAbsent(filing.filingNumber(), k -> new ArrayList<>()).add(filing);
      return this;
    }

    /** Adds a version of a user filing. */
    public Builder userFiling(UserFiling filing) {
      userFilings.computeIfAbsent(filing.id(), k -> new ArrayList<>()).add(filing);
      return this;
    }

    /** When the filing data was last synchronised; by default the newest recorded version. */
    public Builder lastUpdate(Instant t) {
      lastUpdate = t;
      return this;
    }

    /** Orders registers; the console numbers them. */
    public Builder revision(long r) {
      revision = r;
      return this;
    }

    /** The zone validity days and windows are read in. */
    public Builder zone(ZoneId z) {
      zone = Objects.requireNonNull(z, "zone");
      return this;
    }

    public AppRegister build() throws InvalidRegisterException {
      List<String> errors = new ArrayList<>(problems);
      if (apps.size() > AppMatcher.MAX_APPS) {
        errors.add("the register holds " + apps.size() + " apps; at most " + AppMatcher.MAX_APPS);
        throw new InvalidRegisterException(errors);
      }
      List<App> list = new ArrayList<>(apps.values());
      AppMatcher.Builder matcher = new AppMatcher.Builder();
      for (int i = 0; i < list.size(); i++) {
        App app = list.get(i);
        for (String p : matcher.add(i, app.id(), app.fingerprints())) {
          errors.add("app " + app.id() + ": " + p);
        }
      }
      Instant newest = null;
      Map<String, Versions<ProviderFiling>> providers = new HashMap<>();
      for (var e : providerFilings.entrySet()) {
        providers.put(e.getKey(), Versions.of(e.getValue(), ProviderFiling::effectiveFrom, ProviderFiling::recordedAt));
        for (ProviderFiling f : e.getValue()) {
          newest = later(newest, f.recordedAt());
        }
      }
      Map<String, Versions<ScheduledFiling>> users = new HashMap<>();
      Map<String, List<String>> bySchoolApp = new HashMap<>();
      for (var e : userFilings.entrySet()) {
        List<ScheduledFiling> versions = new ArrayList<>();
        String key = null;
        for (UserFiling f : e.getValue()) {
          String where = "user filing " + f.id() + ": ";
          if (!apps.containsKey(f.appId())) {
            errors.add(where + "unknown app '" + f.appId() + "'");
          }
          if (key != null && !key.equals(f.schoolId() + '\n' + f.appId())) {
            errors.add(where + "versions name different schools or apps");
          }
          key = f.schoolId() + '\n' + f.appId();
          if (f.validFrom() != null && f.validTo() != null && f.validTo().isBefore(f.validFrom())) {
            errors.add(where + "valid to " + f.validTo() + " is before valid from " + f.validFrom());
          }
          try {
            versions.add(new ScheduledFiling(f, UsageWindows.parse(f.windows(), zone)));
          } catch (IllegalArgumentException ex) {
            errors.add(where + ex.getMessage());
          }
          newest = later(newest, f.recordedAt());
        }
        users.put(e.getKey(), Versions.of(versions, s -> s.filing().effectiveFrom(), s -> s.filing().recordedAt()));
        bySchoolApp.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getKey());
      }
      if (!errors.isEmpty()) {
        throw new InvalidRegisterException(errors);
      }
      return new AppRegister(list, matcher.build(), providers, users, bySchoolApp,
          lastUpdate != null ? lastUpdate : newest, revision, zone);
    }

    private static Instant later(Instant a, Instant b) {
      return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
  }
}
