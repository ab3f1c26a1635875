package org.campusgate.audit.testing;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.EventIds;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.testing.HostCatalogue.Kind;
import org.campusgate.audit.testing.HostCatalogue.LearningApp;
import org.campusgate.audit.testing.HostCatalogue.OrdinaryHost;
import org.campusgate.audit.testing.HostCatalogue.Treatment;

/**
 * A deterministic stream of realistic audit records for one gateway serving several schools: the
 * same configuration and seed give the same records, ids included, on every run and from every
 * {@link #iterator()}. Records come in timestamp order (non-decreasing).
 *
 * <pre>{@code
 * SyntheticEvents events = SyntheticEvents.builder()
 *     .seed(42).gatewayId("gw-01")
 *     .start(LocalDate.of(2026, 9, 7)).days(30)           // Asia/Shanghai by default
 *     .schools(8).usersPerSchool(1500)                    // school-01..school-08
 *     .eventsPerDay(700_000)                              // on a school day, all schools
 *     .catalogue(HostCatalogue.fromDirectory(Path.of("../data/ut1-sample"), 2000))
 *     .gapOn("school-03", LocalDate.of(2026, 9, 15), LocalTime.of(9, 0), LocalTime.of(11, 0))
 *     .skipDay("school-05", LocalDate.of(2026, 9, 21))
 *     .build();
 * events.stream().limit(1_000).forEach(store::append);
 * }</pre>
 *
 * <h2>What it produces</h2>
 *
 * <ul>
 *   <li><b>Volume and time.</b> {@link Builder#eventsPerDay} access events on a weekday, spread
 *       by a school-day curve (Mon–Fri: heavy 07:30–17:30 local with a lunch bump, light evening
 *       to 22:00, near nothing at night); weekends carry about 6 % of a weekday. Counts per minute are
 *       Poisson-like around the curve, days vary by a few percent. See {@link
 *       #expectedAccessEvents()}.
 *   <li><b>People.</b> Schools {@code school-01..NN} (user prefix {@code s01..}), each with about
 *       {@code usersPerSchool} users (schools differ in size by ±30 %): 85 % students ({@code
 *       s01-stu-0001}, group {@code students}), 10 % teachers ({@code s01-tea-0001}), 5 % staff
 *       ({@code s01-sta-0001}); per-user activity is log-normal (a few users make much of the
 *       traffic). Besides, classroom PCs bound by IP ({@code s01-room-101}, group {@code
 *       students}, auth {@code ip-binding}, about 5 % of events) and unauthenticated guest
 *       devices (group {@code guest}, auth {@code none}, about 2 %).
 *   <li><b>Addresses.</b> School {@code k} uses {@code 10.k.0.0/16}: students {@code
 *       10.k.64.0/18}, teachers {@code 10.k.16.0/20}, staff {@code 10.k.32.0/20}, guests {@code
 *       10.k.48.0/20}, classroom networks {@code 10.k.129.0/24}...; about 8 % of user-days use
 *       IPv6 ({@code 2001:db8:k:...}). A user keeps one address for a day (DHCP), addresses are
 *       unique per school and day.
 *   <li><b>Identity events.</b> {@code BINDING_ADDED} for each classroom network at the start;
 *       {@code LOGIN} ({@code proxy-basic}) at a user's first activity of the day, preceded by a
 *       {@code LOGIN_FAILED} about 3 % of the time; {@code LOGOUT} at the end of the local day
 *       (spread over the last ten minutes, never before the user's last request), or after
 *       {@link Builder#idleLogout} when set (then a later request logs in again). So every
 *       request of a user falls inside one of their LOGIN..LOGOUT holds of its address.
 *   <li><b>Requests.</b> Hosts: about 94.5 % ordinary school traffic (Zipf, s = 1.05, over the
 *       catalogue's built-in hosts), 3.5 % UT1-listed hosts (category by traffic weight, then Zipf s
 *       = 1.1 within it), 2 % learning apps. About 84 % {@code CONNECT host:443} tunnels (SNI set,
 *       URL null), 3 % inspected HTTPS, 13 % plain HTTP {@code GET}/{@code POST}/{@code HEAD} on
 *       port 80 with URLs from a finite pool (a few hundred thousand at most). Status codes,
 *       heavy-tailed byte counts and durations, one user agent per device.
 *   <li><b>Decisions</b> (modelled on {@code config/demo/policy.yaml}, {@link Treatment}): bypass
 *       categories (vpn, doh, ...) blocked for all ({@code BYPASS_BLOCKED}, rule {@code
 *       no-bypass}); blocked categories for students and guests ({@code CATEGORY_BLOCKED}, {@code
 *       guests-and-students}); students outside 06:00–22:00 ({@code OUTSIDE_SCHEDULE}, {@code
 *       students-daytime-only}); in-class categories for students on weekdays 08:00–12:00 and
 *       13:30–17:30 ({@code CATEGORY_BLOCKED}, {@code students-in-class}); a quarter of guest
 *       requests get {@code AUTH_REQUIRED} (407); learning apps carry {@code providerFiling} and,
 *       when the school filed the app, {@code schoolFiling}, else students are blocked with
 *       {@code APP_SCHOOL_NOT_FILED} ({@code app-filing}). About 3–4 % blocks overall with the
 *       UT1 sample. Policy version: 40, plus the school's position mod 3, plus one per
 *       week since the start.
 * </ul>
 *
 * <h2>Planted problems</h2>
 *
 * <p>{@link Builder#gapOn(String, LocalDate, LocalTime, LocalTime)} leaves a school silent in a
 * local time window (a gateway or uplink outage); {@link Builder#gapOn(LocalDate, LocalTime,
 * LocalTime)} does it for all schools; {@link Builder#skipDay(String, LocalDate)} leaves a school
 * silent for a whole local day. No record of that school (access or identity) has a timestamp in
 * the window: requests are dropped (not moved), logouts due inside are recorded at the window's
 * end, so the monthly report can find the holes.
 */
public final class SyntheticEvents implements Iterable<AuditRecord> {

  static final String[] USER_AGENTS = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/128.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/128.0.0.0 Safari/537.36 Edg/128.0.0.0",
    "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.6 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 12; HarmonyOS; BAH3-W09) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/99.0.4844.88 Safari/537.36",
    "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko)"
        + " Chrome/128.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        + " Version/17.6 Safari/605.1.15",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:129.0) Gecko/20100101 Firefox/129.0",
  };
  private static final double[] UA_SHARE = {35, 15, 15, 20, 5, 5, 5};
  private static final String APP_UA = "okhttp/4.12.0";
  private static final String SYSTEM_UA = "Microsoft-CryptoAPI/10.0";

  private static final List<String> STUDENTS = List.of("students");
  private static final List<String> TEACHERS = List.of("teachers");
  private static final List<String> STAFF = List.of("staff");
  private static final List<String> GUEST = List.of("guest");
  private static final List<List<String>> GROUPS = List.of(STUDENTS, TEACHERS, STAFF);
  private static final String[] GROUP_TAG = {"stu", "tea", "sta"};
  /** Second octet base of each group's pool (students /18, teachers and staff /20). */
  private static final int[] POOL_BASE = {64, 16, 32};
  private static final int[] POOL_SIZE = {16382, 4094, 4094};

  private static final String ALLOW = "ALLOW";
  private static final String BLOCK = "BLOCK";
  private static final String AUTH_REQUIRED = "AUTH_REQUIRED";
  private static final String PROXY_BASIC = "proxy-basic";
  private static final String IP_BINDING = "ip-binding";
  private static final String NONE = "none";

  private static final double GUEST_SHARE = 0.02;
  private static final double ROOM_SHARE = 0.05;
  private static final double UT1_SHARE = 0.035;
  private static final double APP_SHARE = 0.02;
  private static final double WEEKEND_FACTOR = 0.06;
  private static final int ROOMS_PER_SCHOOL = 4;
  private static final int MINUTES = 1440;
  private static final int TABLE = 1 << 14;
  private static final String[] WORDS = {"math", "physics", "news", "notice", "homework",
    "course", "video", "lesson", "exam", "library", "sports", "music", "art", "english",
    "chinese", "science", "history", "club", "event", "photo", "unit", "chapter", "quiz",
    "practice"};

  // ---- configuration
  private final long seed;
  private final String gatewayId;
  private final LocalDate start;
  private final int days;
  private final ZoneId zone;
  private final long eventsPerDay;
  private final Duration idleLogout;

  // ---- immutable tables shared by iterators
  private final String[] schoolIds;
  private final Zipf.Alias schoolPick;
  private final int[] schoolUserStart;
  private final Zipf.Alias[] userPick;
  private final String[] userId;
  private final String[] userIdUpper;
  private final byte[] userGroup;
  private final int[] userSchool;
  private final int[] userOrdinal;
  private final byte[] userAgent;
  private final String[][] roomUser;
  private final String[][] roomCidr;
  private final String[][][] roomIps;
  private final String[][] guestIp;
  private final byte[][] guestAgent;
  private final String[] hostName;
  private final String[] hostCategory;
  private final byte[] hostTreatment;
  private final byte[] hostKind;
  private final int[] hostApp;
  private final byte[] hostUrlClass;
  private final Zipf ordinaryPick;
  private final Zipf.Alias categoryPick;
  private final int[] categoryStart;
  private final Zipf[] inCategoryPick;
  private final int appHostStart;
  private final Zipf.Alias appPick;
  private final int[][] appHosts;
  private final String[] appId;
  private final String[] appProviderFiling;
  private final String[][] schoolFiling;
  private final Zipf[] variantPick;
  private final long[] bytesTable;
  private final long[] tunnelMillis;
  private final long[] requestMillis;
  private final double[] weekdayCurve;
  private final double[] weekendCurve;
  private final double[] dayTotal;
  private final long[] gapStart;
  private final long[] gapEnd;
  private final int[] gapSchool;
  private final double ut1Share;

  private SyntheticEvents(Builder b) {
    this.seed = b.seed;
    this.gatewayId = b.gatewayId;
    this.start = b.start;
    this.days = b.days;
    this.zone = b.zone;
    this.eventsPerDay = b.eventsPerDay;
    this.idleLogout = b.idleLogout;
    HostCatalogue catalogue = b.catalogue != null ? b.catalogue : HostCatalogue.builtInOnly();
    SplittableRandom structure = new SplittableRandom(seed ^ 0x5DEECE66DL);

    // ---- schools and users
    this.schoolIds = b.schoolIds.toArray(new String[0]);
    int ns = schoolIds.length;
    int[] size = new int[ns];
    int total = 0;
    for (int s = 0; s < ns; s++) {
      size[s] = Math.max(20, (int) Math.round(b.usersPerSchool * (0.7 + 0.6 * structure.nextDouble())));
      total += size[s];
    }
    this.schoolUserStart = new int[ns + 1];
    this.userId = new String[total];
    this.userIdUpper = new String[total];
    this.userGroup = new byte[total];
    this.userSchool = new int[total];
    this.userOrdinal = new int[total];
    this.userAgent = new byte[total];
    this.userPick = new Zipf.Alias[ns];
    double[] schoolWeight = new double[ns];
    Zipf.Alias uaPick = Zipf.Alias.of(UA_SHARE);
    int u = 0;
    for (int s = 0; s < ns; s++) {
      schoolUserStart[s] = u;
      String prefix = String.format(Locale.ROOT, "s%02d", s + 1);
      int teachers = Math.max(1, (int) Math.round(size[s] * 0.10));
      int staff = Math.max(1, (int) Math.round(size[s] * 0.05));
      int[] count = {size[s] - teachers - staff, teachers, staff};
      double[] weight = new double[size[s]];
      int local = 0;
      for (int g = 0; g < 3; g++) {
        for (int i = 0; i < count[g]; i++) {
          userId[u] = String.format(Locale.ROOT, "%s-%s-%04d", prefix, GROUP_TAG[g], i + 1);
          userIdUpper[u] = userId[u].toUpperCase(Locale.ROOT);
          userGroup[u] = (byte) g;
          userSchool[u] = s;
          userOrdinal[u] = i;
          userAgent[u] = (byte) (g == 0 ? uaPick.sample(structure) : structure.nextInt(2) * 5);
          double groupFactor = g == 1 ? 1.2 : g == 2 ? 0.8 : 1.0;
          weight[local++] = groupFactor * Math.exp(structure.nextGaussian());
          u++;
        }
      }
      userPick[s] = Zipf.Alias.of(weight);
      schoolWeight[s] = size[s];
    }
    schoolUserStart[ns] = u;
    this.schoolPick = Zipf.Alias.of(schoolWeight);

    this.roomUser = new String[ns][ROOMS_PER_SCHOOL];
    this.roomCidr = new String[ns][ROOMS_PER_SCHOOL];
    this.roomIps = new String[ns][ROOMS_PER_SCHOOL][240];
    this.guestIp = new String[ns][];
    this.guestAgent = new byte[ns][];
    for (int s = 0; s < ns; s++) {
      int k = s + 1;
      for (int r = 0; r < ROOMS_PER_SCHOOL; r++) {
        roomUser[s][r] = String.format(Locale.ROOT, "s%02d-room-%d", k, 101 + r);
        roomCidr[s][r] = "10." + k + "." + (129 + r) + ".0/24";
        for (int h = 0; h < 240; h++) {
          roomIps[s][r][h] = "10." + k + "." + (129 + r) + "." + (10 + h);
        }
      }
      int guests = Math.max(4, size[s] / 50);
      guestIp[s] = new String[guests];
      guestAgent[s] = new byte[guests];
      for (int gdev = 0; gdev < guests; gdev++) {
        int off = 1 + structure.nextInt(4094);
        guestIp[s][gdev] = "10." + k + "." + (48 + off / 256) + "." + (off % 256);
        guestAgent[s][gdev] = (byte) uaPick.sample(structure);
      }
    }

    // ---- hosts: ordinary, then UT1 categories, then apps
    List<OrdinaryHost> ordinary = catalogue.ordinaryHosts();
    List<String> categories = catalogue.categories();
    List<LearningApp> apps = catalogue.apps();
    List<String> names = new ArrayList<>();
    List<String> cats = new ArrayList<>();
    List<Byte> treat = new ArrayList<>();
    List<Byte> kinds = new ArrayList<>();
    List<Integer> appOf = new ArrayList<>();
    List<Byte> urlClass = new ArrayList<>();
    for (int i = 0; i < ordinary.size(); i++) {
      OrdinaryHost h = ordinary.get(i);
      names.add(h.host());
      cats.add(null);
      treat.add((byte) Treatment.ALLOWED.ordinal());
      kinds.add((byte) h.kind().ordinal());
      appOf.add(-1);
      urlClass.add((byte) (i < 100 ? 0 : 1));
    }
    this.ordinaryPick = new Zipf(ordinary.size(), 1.05);
    this.categoryStart = new int[categories.size() + 1];
    this.inCategoryPick = new Zipf[categories.size()];
    double[] catWeight = new double[Math.max(1, categories.size())];
    for (int c = 0; c < categories.size(); c++) {
      String cat = categories.get(c);
      categoryStart[c] = names.size();
      List<String> hosts = catalogue.hosts(cat);
      Treatment t = HostCatalogue.treatment(cat);
      Kind kind = cat.equals("audio-video") ? Kind.VIDEO
          : cat.equals("publicite") || cat.equals("ads") ? Kind.CDN : Kind.OTHER;
      for (String h : hosts) {
        names.add(h);
        cats.add(cat);
        treat.add((byte) t.ordinal());
        kinds.add((byte) kind.ordinal());
        appOf.add(-1);
        urlClass.add((byte) 2);
      }
      inCategoryPick[c] = new Zipf(hosts.size(), 1.1);
      catWeight[c] = HostCatalogue.trafficWeight(cat);
    }
    categoryStart[categories.size()] = names.size();
    this.categoryPick = categories.isEmpty() ? null : Zipf.Alias.of(catWeight);
    this.ut1Share = categories.isEmpty() ? 0 : UT1_SHARE;
    this.appHostStart = names.size();
    this.appHosts = new int[apps.size()][];
    this.appId = new String[apps.size()];
    this.appProviderFiling = new String[apps.size()];
    double[] appWeight = new double[apps.size()];
    for (int a = 0; a < apps.size(); a++) {
      LearningApp app = apps.get(a);
      appId[a] = app.appId();
      appProviderFiling[a] = app.providerFiling();
      appWeight[a] = 1.0 / (a + 1);
      appHosts[a] = new int[app.hosts().size()];
      for (int i = 0; i < app.hosts().size(); i++) {
        appHosts[a][i] = names.size();
        names.add(app.hosts().get(i));
        cats.add(null);
        treat.add((byte) Treatment.ALLOWED.ordinal());
        kinds.add((byte) Kind.EDUCATION.ordinal());
        appOf.add(a);
        urlClass.add((byte) 3);
      }
    }
    this.appPick = apps.isEmpty() ? null : Zipf.Alias.of(appWeight);
    this.schoolFiling = new String[ns][apps.size()];
    for (int s = 0; s < ns; s++) {
      for (int a = 0; a < apps.size(); a++) {
        double unfiled = appId[a].equals("app.homework-helper") ? 0.8 : 0.15;
        if (structure.nextDouble() >= unfiled) {
          schoolFiling[s][a] = String.format(Locale.ROOT, "%s/2026-%03d", schoolIds[s], a + 1);
        }
      }
    }
    int nh = names.size();
    this.hostName = names.toArray(new String[0]);
    this.hostCategory = cats.toArray(new String[0]);
    this.hostTreatment = new byte[nh];
    this.hostKind = new byte[nh];
    this.hostApp = new int[nh];
    this.hostUrlClass = new byte[nh];
    for (int i = 0; i < nh; i++) {
      hostTreatment[i] = treat.get(i);
      hostKind[i] = kinds.get(i);
      hostApp[i] = appOf.get(i);
      hostUrlClass[i] = urlClass.get(i);
    }
    // URL variants per host: popular ordinary hosts 128, other ordinary 16, UT1 4, apps 32.
    this.variantPick = new Zipf[] {
      new Zipf(128, 0.9), new Zipf(16, 0.9), new Zipf(4, 0.9), new Zipf(32, 0.9)};

    // ---- sizes and durations (sorted quantile-like tables; heavy tails)
    this.bytesTable = sortedLogNormal(structure, Math.log(12_000), 1.7, 2_000_000_000L);
    this.tunnelMillis = sortedLogNormal(structure, Math.log(3_000), 1.6, 1_800_000L);
    this.requestMillis = sortedLogNormal(structure, Math.log(110), 0.9, 60_000L);

    // ---- time
    this.weekdayCurve = normalise(weekdayCurve());
    this.weekendCurve = normalise(weekendCurve());
    this.dayTotal = new double[days];
    for (int d = 0; d < days; d++) {
      DayOfWeek dow = start.plusDays(d).getDayOfWeek();
      boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
      dayTotal[d] = eventsPerDay * (weekend ? WEEKEND_FACTOR : 1.0)
          * (0.95 + 0.1 * structure.nextDouble());
    }

    // ---- planted gaps: [start, end) in epoch millis, school index or -1 for all
    int ng = b.gaps.size();
    this.gapStart = new long[ng];
    this.gapEnd = new long[ng];
    this.gapSchool = new int[ng];
    for (int i = 0; i < ng; i++) {
      GapSpec g = b.gaps.get(i);
      gapSchool[i] = g.schoolId == null ? -1 : b.schoolIds.indexOf(g.schoolId);
      gapStart[i] = g.day.atTime(g.from).atZone(zone).toInstant().toEpochMilli();
      gapEnd[i] = g.to.equals(LocalTime.MAX)
          ? g.day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli()
          : g.day.atTime(g.to).atZone(zone).toInstant().toEpochMilli();
    }
  }

  private static long[] sortedLogNormal(SplittableRandom r, double mu, double sigma, long cap) {
    long[] t = new long[TABLE];
    for (int i = 0; i < TABLE; i++) {
      t[i] = Math.min(cap, Math.max(1, Math.round(Math.exp(mu + sigma * r.nextGaussian()))));
    }
    Arrays.sort(t);
    return t;
  }

  private static double[] normalise(double[] w) {
    double sum = 0;
    for (double x : w) {
      sum += x;
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= sum;
    }
    return w;
  }

  /** Relative load per local minute on a school day. */
  static double[] weekdayCurve() {
    double[] w = new double[MINUTES];
    for (int m = 0; m < MINUTES; m++) {
      double h = m / 60.0;
      double v;
      if (h < 6) {
        v = 0.01;
      } else if (h < 7) {
        v = 0.01 + 0.19 * (h - 6);
      } else if (h < 7.5) {
        v = 0.2 + 1.6 * (h - 7);
      } else if (h < 11.75) {
        v = 1.0;
      } else if (h < 13.5) {
        v = 1.0 + 0.35 * Math.sin(Math.PI * (h - 11.75) / 1.75); // lunch bump
      } else if (h < 17.5) {
        v = 1.0;
      } else if (h < 19) {
        v = 1.0 - 0.85 * (h - 17.5) / 1.5;
      } else if (h < 22) {
        v = 0.15;
      } else if (h < 22.5) {
        v = 0.15 - 0.26 * (h - 22); // lights out
      } else {
        v = 0.02;
      }
      // class changes: a small bump in the ten minutes after each hour
      if (h >= 8 && h < 17 && m % 60 < 10) {
        v *= 1.08;
      }
      w[m] = v;
    }
    return w;
  }

  /** Relative load per local minute on a weekend day. */
  static double[] weekendCurve() {
    double[] w = new double[MINUTES];
    for (int m = 0; m < MINUTES; m++) {
      double h = m / 60.0;
      w[m] = h < 7 ? 0.02 : h < 9 ? 0.02 + 0.49 * (h - 7) : h < 21 ? 1.0 : 1.0 - 0.3 * (h - 21);
    }
    return w;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The school ids, in order. */
  public List<String> schoolIds() {
    return List.of(schoolIds);
  }

  public ZoneId zone() {
    return zone;
  }

  public LocalDate start() {
    return start;
  }

  public int days() {
    return days;
  }

  public String gatewayId() {
    return gatewayId;
  }

  /**
   * The expected number of access events over the whole range, before gaps (the actual number
   * differs by the per-minute noise, well under 1 % for large volumes). Identity events come on
   * top (a few percent).
   */
  public long expectedAccessEvents() {
    double sum = 0;
    for (double d : dayTotal) {
      sum += d;
    }
    return Math.round(sum);
  }

  /** A new pass over the records, from the start; every pass yields the same records. */
  @Override
  public Iterator<AuditRecord> iterator() {
    return new Generator();
  }

  /** The records as an ordered, sequential stream. */
  public Stream<AuditRecord> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
  }

  /** Index of the planted gap holding {@code school} at {@code t}, or -1. */
  private int gapAt(int school, long t) {
    for (int i = 0; i < gapStart.length; i++) {
      if (t >= gapStart[i] && t < gapEnd[i] && (gapSchool[i] < 0 || gapSchool[i] == school)) {
        return i;
      }
    }
    return -1;
  }

  /** The first instant at or after {@code t} outside every gap of {@code school}. */
  private long outOfGaps(int school, long t) {
    int g;
    while ((g = gapAt(school, t)) >= 0) {
      t = gapEnd[g];
    }
    return t;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A path (and query) of plausible shape, a pure function of seed, host and variant. */
  private String path(int host, int variant) {
    if (variant == 0) {
      return "/";
    }
    long h = mix(seed * 0x9E3779B97F4A7C15L + host * 0xC2B2AE3D27D4EB4FL + variant);
    String word = WORDS[(int) ((h >>> 8) & 0x7FFFFFFF) % WORDS.length];
    int n = (int) ((h >>> 40) & 0xFFFF);
    int m = (int) ((h >>> 24) & 0xFF);
    switch ((int) ((h & 0xFF) % 12)) {
      case 0: return "/index.html";
      case 1: return "/static/js/app." + Long.toHexString((h >>> 16) & 0xFFFFFFFFL) + ".js";
      case 2: return "/static/css/main." + Long.toHexString((h >>> 20) & 0xFFFFFFFFL) + ".css";
      case 3: return "/images/" + word + "/" + n + ".jpg";
      case 4: return "/api/v1/" + word + "?id=" + n;
      case 5: return "/search?q=" + word + "&page=" + (1 + m % 5);
      case 6: return "/course/" + n + "/lesson/" + (1 + m % 40);
      case 7: return "/news/2026/" + (1 + m % 12) + "/" + n + ".html";
      case 8: return "/video/" + word + "-" + n + ".mp4";
      case 9: return "/download/" + word + "-" + n + ".pdf";
      case 10: return "/" + word + "/list?page=" + (1 + m % 9) + "&size=20";
      default: return "/favicon.ico";
    }
  }

  private enum PendingKind { LOGOUT, BINDING }

  private record Pending(long time, long order, PendingKind kind, int index)
      implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  /** One pass: generates minute by minute into a buffer. */
  private final class Generator implements Iterator<AuditRecord> {
    private final SplittableRandom r = new SplittableRandom(seed);
    private final EventIds ids = new EventIds(new Random(seed * 0x2545F4914F6CDD1DL + 1));
    private final PriorityQueue<Pending> pending = new PriorityQueue<>();
    private long pendingOrder;
    private final boolean[] sessionOpen = new boolean[userId.length];
    private final long[] lastActivity = new long[userId.length];
    private final long[] sessionDayEnd = new long[userId.length];
    private final String[] sessionIp = new String[userId.length];
    private final String[][] urls = new String[hostName.length][];
    private final List<AuditRecord> buffer = new ArrayList<>(1024);
    private int bufferPos;
    private int day;
    private int minute;
    private long dayStartMs;
    private long nextDayStartMs;
    private int policyBase;
    private boolean done;
    private int[] offsets = new int[1024];
    private final long idleMs = idleLogout == null ? 0 : idleLogout.toMillis();
    // per-minute context
    private boolean weekend;
    private boolean inClass;
    private boolean daytime;
    private boolean gapsThisMinute;
    private long minuteStartMs;

    Generator() {
      startDay(0);
      long t0 = dayStartMs;
      for (int s = 0; s < schoolIds.length; s++) {
        for (int room = 0; room < ROOMS_PER_SCHOOL; room++) {
          schedule(outOfGaps(s, t0), PendingKind.BINDING, s * ROOMS_PER_SCHOOL + room);
        }
      }
    }

    private void startDay(int d) {
      day = d;
      minute = 0;
      LocalDate date = start.plusDays(d);
      dayStartMs = date.atStartOfDay(zone).toInstant().toEpochMilli();
      nextDayStartMs = date.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
      DayOfWeek dow = date.getDayOfWeek();
      weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
      policyBase = 40 + d / 7;
    }

    private void schedule(long time, PendingKind kind, int index) {
      pending.add(new Pending(time, pendingOrder++, kind, index));
    }

    @Override
    public boolean hasNext() {
      while (bufferPos >= buffer.size()) {
        if (done) {
          return false;
        }
        buffer.clear();
        bufferPos = 0;
        fillNext();
      }
      return true;
    }

    @Override
    public AuditRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return buffer.get(bufferPos++);
    }

    private void fillNext() {
      if (day >= days) {
        flushPending(Long.MAX_VALUE);
        done = true;
        return;
      }
      long dayMinutes = (nextDayStartMs - dayStartMs) / 60_000;
      if (minute >= dayMinutes) {
        startDay(day + 1);
        return;
      }
      int m = minute++;
      int cm = Math.min(m, MINUTES - 1);
      minuteStartMs = dayStartMs + m * 60_000L;
      long minuteEndMs = minuteStartMs + 60_000L;
      inClass = !weekend && ((cm >= 480 && cm < 720) || (cm >= 810 && cm < 1050));
      daytime = cm >= 360 && cm < 1320;
      gapsThisMinute = false;
      for (int i = 0; i < gapStart.length; i++) {
        if (gapStart[i] < minuteEndMs && gapEnd[i] > minuteStartMs) {
          gapsThisMinute = true;
        }
      }
      double lambda = dayTotal[day] * (weekend ? weekendCurve[cm] : weekdayCurve[cm]);
      int n = poisson(lambda);
      if (offsets.length < n) {
        offsets = new int[Math.max(n, offsets.length * 2)];
      }
      for (int i = 0; i < n; i++) {
        offsets[i] = r.nextInt(60_000);
      }
      Arrays.sort(offsets, 0, n);
      for (int i = 0; i < n; i++) {
        long ts = minuteStartMs + offsets[i];
        flushPending(ts);
        event(ts);
      }
      flushPending(minuteEndMs - 1);
    }

    private int poisson(double lambda) {
      if (lambda <= 0) {
        return 0;
      }
      if (lambda < 30) {
        double limit = Math.exp(-lambda);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
          p *= r.nextDouble();
          k++;
        }
        return k;
      }
      return (int) Math.max(0, Math.round(lambda + Math.sqrt(lambda) * r.nextGaussian()));
    }

    /** Emits the logouts and bindings due at or before {@code ts}. */
    private void flushPending(long ts) {
      Pending p;
      while ((p = pending.peek()) != null && p.time <= ts) {
        pending.poll();
        if (p.kind == PendingKind.BINDING) {
          int s = p.index / ROOMS_PER_SCHOOL;
          int room = p.index % ROOMS_PER_SCHOOL;
          buffer.add(new IdentityEvent(ids.next(Instant.ofEpochMilli(p.time)),
              Instant.ofEpochMilli(p.time), schoolIds[s], gatewayId,
              IdentityEvent.Kind.BINDING_ADDED, roomUser[s][room], STUDENTS, roomCidr[s][room],
              IP_BINDING, "it-admin"));
          continue;
        }
        int u = p.index;
        long due = logoutDue(u);
        if (due > p.time) {
          schedule(due, PendingKind.LOGOUT, u);
          continue;
        }
        int s = userSchool[u];
        long at = outOfGaps(s, p.time);
        if (at > p.time) {
          schedule(at, PendingKind.LOGOUT, u);
          continue;
        }
        Instant t = Instant.ofEpochMilli(at);
        buffer.add(new IdentityEvent(ids.next(t), t, schoolIds[s], gatewayId,
            IdentityEvent.Kind.LOGOUT, userId[u], GROUPS.get(userGroup[u]), sessionIp[u],
            PROXY_BASIC, null));
        sessionOpen[u] = false;
      }
    }

    /** When user {@code u}'s session ends, given the activity so far. */
    private long logoutDue(int u) {
      long last = lastActivity[u];
      // end of day, spread over the last ten minutes, never before the last request
      long endOfDay = Math.max(sessionDayEnd[u] - 1 - (mix(u * 31L + seed) & 0x7FFFF) % 600_000,
          last + 1);
      return idleMs > 0 ? Math.min(last + idleMs, endOfDay) : endOfDay;
    }

    private String addressFor(int u) {
      int s = userSchool[u];
      int k = s + 1;
      int g = userGroup[u];
      int off = 1 + (int) ((userOrdinal[u] + day * 7919L + k * 13L) % POOL_SIZE[g]);
      if ((mix(seed + u * 0x9E3779B97F4A7C15L + day) & 0xFF) < 20) { // ~8 % IPv6
        return "2001:db8:" + Integer.toHexString(k) + ":" + (g + 1) + "::"
            + Integer.toHexString(off);
      }
      return "10." + k + "." + (POOL_BASE[g] + off / 256) + "." + (off % 256);
    }

    private void event(long ts) {
      int s = schoolPick.sample(r);
      if (gapsThisMinute && gapAt(s, ts) >= 0) {
        return;
      }
      Instant t = Instant.ofEpochMilli(ts);
      double who = r.nextDouble();
      String user;
      List<String> groups;
      String auth;
      String ip;
      int ua;
      boolean student;
      boolean guest = false;
      if (who < GUEST_SHARE) {
        int dev = r.nextInt(guestIp[s].length);
        user = null;
        groups = GUEST;
        auth = NONE;
        ip = guestIp[s][dev];
        ua = guestAgent[s][dev];
        student = false;
        guest = true;
      } else if (who < GUEST_SHARE + ROOM_SHARE) {
        int room = r.nextInt(ROOMS_PER_SCHOOL);
        user = roomUser[s][room];
        groups = STUDENTS;
        auth = IP_BINDING;
        ip = roomIps[s][room][r.nextInt(240)];
        ua = 0;
        student = true;
      } else {
        int u = schoolUserStart[s] + userPick[s].sample(r);
        if (!sessionOpen[u]) {
          login(u, t);
        }
        lastActivity[u] = ts;
        user = userId[u];
        groups = GROUPS.get(userGroup[u]);
        auth = PROXY_BASIC;
        ip = sessionIp[u];
        ua = userAgent[u];
        student = userGroup[u] == 0;
      }

      // ---- destination
      double where = r.nextDouble();
      int host;
      if (where < ut1Share) {
        int c = categoryPick.sample(r);
        host = categoryStart[c] + inCategoryPick[c].sample(r);
      } else if (where < ut1Share + APP_SHARE && appPick != null) {
        int[] hosts = appHosts[appPick.sample(r)];
        host = hosts[hosts.length == 1 ? 0 : r.nextInt(hosts.length)];
      } else {
        host = ordinaryPick.sample(r);
      }
      String hostname = hostName[host];
      int kind = hostKind[host];

      // ---- protocol
      double proto = r.nextDouble();
      String method;
      int port;
      String sni;
      String url;
      boolean tunnel = false;
      boolean inspected = false;
      if (proto < 0.84) {
        method = "CONNECT";
        port = 443;
        sni = hostname;
        url = null;
        tunnel = true;
      } else if (proto < 0.87) {
        method = proto < 0.865 ? "GET" : "POST";
        port = 443;
        sni = hostname;
        url = url(host, true);
        inspected = true;
      } else {
        method = proto < 0.975 ? "GET" : proto < 0.995 ? "POST" : "HEAD";
        port = 80;
        sni = null;
        url = url(host, false);
      }

      // ---- decision
      String action = ALLOW;
      String reason = "ALLOWED";
      String rule = null;
      String category = hostCategory[host];
      String app = null;
      String providerFiling = null;
      String filing = null;
      int a = hostApp[host];
      if (guest && r.nextInt(4) == 0) {
        action = AUTH_REQUIRED;
        reason = AUTH_REQUIRED;
      } else if (a >= 0) {
        app = appId[a];
        providerFiling = appProviderFiling[a];
        filing = schoolFiling[s][a];
        if (student && filing == null) {
          action = BLOCK;
          reason = "APP_SCHOOL_NOT_FILED";
          rule = "app-filing";
        }
      } else {
        Treatment treatment = TREATMENTS[hostTreatment[host]];
        if (treatment == Treatment.BYPASS) {
          action = BLOCK;
          reason = "BYPASS_BLOCKED";
          rule = "no-bypass";
        } else if ((student || guest) && treatment == Treatment.BLOCKED_FOR_STUDENTS) {
          action = BLOCK;
          reason = "CATEGORY_BLOCKED";
          rule = "guests-and-students";
        } else if (student && !daytime) {
          action = BLOCK;
          reason = "OUTSIDE_SCHEDULE";
          rule = "students-daytime-only";
        } else if (student && inClass && treatment == Treatment.BLOCKED_IN_CLASS) {
          action = BLOCK;
          reason = "CATEGORY_BLOCKED";
          rule = "students-in-class";
        }
      }

      // ---- outcome
      int status;
      long up;
      long down;
      long millis;
      int i = r.nextInt(TABLE);
      int j = (i + r.nextInt(TABLE)) >>> 1; // durations loosely follow sizes
      if (action == AUTH_REQUIRED) {
        status = 407;
        up = 300 + r.nextInt(900);
        down = 1_200 + r.nextInt(600);
        millis = 1 + r.nextInt(8);
      } else if (action == BLOCK) {
        status = 403;
        up = 300 + r.nextInt(900);
        down = tunnel ? 120 + r.nextInt(100) : 3_000 + r.nextInt(3_000);
        millis = 1 + r.nextInt(tunnel ? 5 : 15);
      } else {
        long body = bytesTable[i];
        double p = r.nextDouble();
        if (kind == KIND_VIDEO) {
          body = Math.min(body * 20, 4_000_000_000L);
        } else if (kind == KIND_CDN || kind == KIND_OFFICE) {
          body *= 2;
        } else if (kind == KIND_SYSTEM) {
          body = 500 + body / 16;
        }
        if (tunnel) {
          status = p < 0.996 ? 200 : 502;
          up = 600 + bytesTable[(i + j) >>> 3] / 8;
          down = status == 200 ? body : 0;
          millis = status == 200 ? tunnelMillis[j] : 5_000 + r.nextInt(25_000);
        } else {
          status = p < 0.80 ? 200 : p < 0.89 ? 304 : p < 0.93 ? 302 : p < 0.94 ? 301
              : p < 0.98 ? 404 : p < 0.99 ? (kind == KIND_VIDEO ? 206 : 200)
              : p < 0.995 ? 500 : 502;
          boolean withBody = status == 200 || status == 206 || status >= 400;
          up = "POST".equals(method) ? 500 + bytesTable[j] / 4 : 350 + r.nextInt(1_200);
          down = withBody ? (status >= 400 ? 400 + r.nextInt(2_000) : body) : 150 + r.nextInt(300);
          millis = requestMillis[j];
        }
      }
      String agent = a >= 0 ? APP_UA : kind == KIND_SYSTEM ? SYSTEM_UA : USER_AGENTS[ua];

      buffer.add(new AccessEvent(ids.next(t), t, schoolIds[s], gatewayId, user, groups, auth, ip,
          method, hostname, port, sni, url, status, up, down, millis, category, app, action,
          reason, rule, policyBase + s % 3, providerFiling, filing, inspected, agent));
    }

    private void login(int u, Instant t) {
      String ip = addressFor(u);
      int s = userSchool[u];
      List<String> groups = GROUPS.get(userGroup[u]);
      if (r.nextInt(100) < 3) {
        String tried = r.nextInt(5) == 0 ? userIdUpper[u] : userId[u];
        buffer.add(new IdentityEvent(ids.next(t), t, schoolIds[s], gatewayId,
            IdentityEvent.Kind.LOGIN_FAILED, tried, List.of(), ip, PROXY_BASIC, null));
      }
      buffer.add(new IdentityEvent(ids.next(t), t, schoolIds[s], gatewayId,
          IdentityEvent.Kind.LOGIN, userId[u], groups, ip, PROXY_BASIC, null));
      sessionOpen[u] = true;
      sessionIp[u] = ip;
      sessionDayEnd[u] = nextDayStartMs;
      lastActivity[u] = t.toEpochMilli();
      schedule(logoutDue(u), PendingKind.LOGOUT, u);
    }

    private String url(int host, boolean https) {
      int cls = hostUrlClass[host];
      int variants = variantPick[cls].size();
      int v = variantPick[cls].sample(r);
      String[] cache = urls[host];
      if (cache == null) {
        cache = urls[host] = new String[variants * 2];
      }
      int slot = v * 2 + (https ? 1 : 0);
      String u = cache[slot];
      if (u == null) {
        u = cache[slot] = (https ? "https://" : "http://") + hostName[host] + path(host, v);
      }
      return u;
    }
  }

  private static final Treatment[] TREATMENTS = Treatment.values();
  private static final int KIND_VIDEO = Kind.VIDEO.ordinal();
  private static final int KIND_CDN = Kind.CDN.ordinal();
  private static final int KIND_OFFICE = Kind.OFFICE.ordinal();
  private static final int KIND_SYSTEM = Kind.SYSTEM.ordinal();

  private record GapSpec(String schoolId, LocalDate day, LocalTime from, LocalTime to) {}

  /** Configures a generator; every setting has a default (see each method). */
  public static final class Builder {
    private long seed = 1;
    private String gatewayId = "gw-01";
    private LocalDate start = LocalDate.of(2026, 9, 7); // a Monday
    private int days = 7;
    private ZoneId zone = ZoneId.of("Asia/Shanghai");
    private List<String> schoolIds = defaultSchools(4);
    private int usersPerSchool = 1_000;
    private long eventsPerDay = 200_000;
    private HostCatalogue catalogue;
    private Duration idleLogout;
    private final List<GapSpec> gaps = new ArrayList<>();

    private Builder() {}

    private static List<String> defaultSchools(int n) {
      List<String> ids = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        ids.add(String.format(Locale.ROOT, "school-%02d", i));
      }
      return ids;
    }

    /** The seed every random choice derives from (default 1). */
    public Builder seed(long v) { seed = v; return this; }

    /** The gateway id on every record (default {@code gw-01}). */
    public Builder gatewayId(String v) { gatewayId = Objects.requireNonNull(v); return this; }

    /** The first local day (default 2026-09-07, a Monday). */
    public Builder start(LocalDate v) { start = Objects.requireNonNull(v); return this; }

    /** The number of days (default 7). */
    public Builder days(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("days must be at least 1");
      }
      days = v;
      return this;
    }

    /** The schools' time zone (default Asia/Shanghai). */
    public Builder zone(ZoneId v) { zone = Objects.requireNonNull(v); return this; }

    /** {@code n} schools {@code school-01..school-NN} (default 4, at most 250). */
    public Builder schools(int n) {
      if (n < 1 || n > 250) {
        throw new IllegalArgumentException("1..250 schools: " + n);
      }
      schoolIds = defaultSchools(n);
      return this;
    }

    /**
     * Schools with given ids (at most 250); user ids are still prefixed by position ({@code
     * s01}, {@code s02}, ...).
     */
    public Builder schools(List<String> ids) {
      if (ids.isEmpty() || ids.size() > 250 || ids.stream().distinct().count() != ids.size()) {
        throw new IllegalArgumentException("1..250 distinct school ids");
      }
      schoolIds = List.copyOf(ids);
      return this;
    }

    /** Average users per school (default 1000, 20..10000), ±30 % per school. */
    public Builder usersPerSchool(int v) {
      if (v < 20 || v > 10_000) {
        throw new IllegalArgumentException("usersPerSchool must be 20..10000: " + v);
      }
      usersPerSchool = v;
      return this;
    }

    /** Access events on a school weekday over all schools (default 200 000); weekends ~6 %. */
    public Builder eventsPerDay(long v) {
      if (v < 0) {
        throw new IllegalArgumentException("eventsPerDay must not be negative");
      }
      eventsPerDay = v;
      return this;
    }

    /** Where hosts come from (default: the built-in ordinary hosts only, no UT1 category). */
    public Builder catalogue(HostCatalogue v) { catalogue = v; return this; }

    /**
     * Log users out after this much inactivity (they log in again on their next request); by
     * default (null) sessions last until the end of the local day.
     */
    public Builder idleLogout(Duration v) {
      if (v != null && (v.isNegative() || v.isZero())) {
        throw new IllegalArgumentException("idleLogout must be positive");
      }
      idleLogout = v;
      return this;
    }

    /**
     * Planted problem: no record of {@code schoolId} in {@code [from, to)} local time on {@code
     * day} ({@link LocalTime#MAX} as {@code to} means up to midnight).
     */
    public Builder gapOn(String schoolId, LocalDate day, LocalTime from, LocalTime to) {
      Objects.requireNonNull(schoolId, "schoolId");
      gaps.add(checkedGap(schoolId, day, from, to));
      return this;
    }

    /** Planted problem: no record of any school in {@code [from, to)} local time on {@code day}. */
    public Builder gapOn(LocalDate day, LocalTime from, LocalTime to) {
      gaps.add(checkedGap(null, day, from, to));
      return this;
    }

    /** Planted problem: no record of {@code schoolId} on the local {@code day}. */
    public Builder skipDay(String schoolId, LocalDate day) {
      Objects.requireNonNull(schoolId, "schoolId");
      gaps.add(checkedGap(schoolId, day, LocalTime.MIDNIGHT, LocalTime.MAX));
      return this;
    }

    private static GapSpec checkedGap(String school, LocalDate day, LocalTime from, LocalTime to) {
      Objects.requireNonNull(day, "day");
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("empty window " + from + ".." + to);
      }
      return new GapSpec(school, day, from, to);
    }

    public SyntheticEvents build() {
      for (GapSpec g : gaps) {
        if (g.schoolId != null && !schoolIds.contains(g.schoolId)) {
          throw new IllegalArgumentException("unknown school in gap: " + g.schoolId);
        }
      }
      return new SyntheticEvents(this);
    }
  }
}
