package org.campusgate.policy.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.campusgate.policy.Decision;
import org.campusgate.policy.PolicySnapshot;
import org.campusgate.policy.RequestContext;
import org.campusgate.policy.UserIdentity;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.url.CanonicalUrl;
import org.campusgate.policy.url.InvalidUrlException;
import org.campusgate.policy.url.UrlCanonicaliser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link PolicySnapshot#decide} from the raw URL the gateway sees: each operation
 * builds a {@link RequestContext} from a raw string (so URL canonicalisation is included) and
 * decides it, as the gateway's decide step does once per request.
 *
 * <p>Workload: {@link BenchFixtures#SCHOOL_POLICY} (groups, a lessons schedule, ten UT1
 * categories blocked for students, bypass categories for everyone) compiled against every
 * category of the full UT1 archive (about 640,000 domain entries, plus UT1's URL and expression
 * lists). 4,096 raw requests prepared with seed 2026 and visited in order, users alternating
 * student / teacher, at Tuesday 10:00 (a lesson):
 *
 * <ul>
 *   <li>~60% popular, unlisted hosts with paths and queries ({@code
 *       https://www.example-news.cn/a/2026/11/23/article-123.html?from=home}); some queries and
 *       paths percent-encoded as browsers send Chinese search terms;
 *   <li>~25% hosts from the UT1 domain lists, some with {@code www.} or deeper subdomains added,
 *       some in upper case or with a trailing dot (the canonicaliser's slow path);
 *   <li>~10% CONNECT authorities {@code host:443} ({@code RequestContext.Builder.authority});
 *   <li>~5% IP-literal URLs (IPv4, a few IPv6, some IPs UT1 lists).
 * </ul>
 *
 * <p>{@link #decide} is the headline figure; {@link #decidePrecanonicalised} (the targets
 * canonicalised beforehand) and {@link #canonicalise} (canonicalisation only) split it into its
 * two halves. One thread, so the figure is per core. Target: at least 1,000,000 decisions/s.
 *
 * <pre>bench/jmh DecideBenchmark -f 2 -wi 5 -w 2s -i 5 -r 2s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 2, jvmArgs = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecideBenchmark {
  static final int REQUESTS = 4096;
  private static final int MASK = REQUESTS - 1;

  /**
   * Made-up but plausible hosts a school's clients reach all day; none is in UT1 (checked in
   * setup). One is the school's own site, which its allow list names.
   */
  private static final String[] POPULAR_HOSTS = {
    "www.example-news.cn", "news.campus-daily.com.cn", "www.kexue-zhishi.cn", "static.kexue-zhishi.cn",
    "cdn.xueban-cloud.com", "api.xueban-cloud.com", "www.shuxue-lianxi.net", "img.tupian-ku.cn",
    "www.hanzi-cidian.org", "m.tianqi-yubao.cn", "www.ditu-daohang.com", "search.sousuo-example.com",
    "www.wenku-ziliao.com", "video.jiaoxue-shipin.cn", "www.lishi-gushi.org", "reader.english-example.com",
    "docs.bangong-online.cn", "pan.yunpan-example.cn", "www.bench-school.edu.cn", "zy.homework-hub.cn",
    "www.wuli-shiyan.cn", "lab.huaxue-moni.com", "www.dili-atlas.org", "music.yinyue-ketang.cn",
    "www.tushuguan-example.cn", "oj.biancheng-xuexi.cn", "ws.edu-update.example.net", "time.ntp-example.cn",
    "fonts.webfont-example.cn", "analytics.tongji-example.com", "www.zuowen-fanwen.cn", "www.yingyu-tingli.com",
  };

  private static final String[] POPULAR_PATHS = {
    "/a/2026/11/23/article-%d.html?from=home",
    "/",
    "/search?q=%s&lang=zh-CN",
    "/static/js/app.%x.js",
    "/static/css/main.%x.css",
    "/api/v2/lessons/%d/progress?student=s%d",
    "/images/2026/11/cover_%d.jpg",
    "/video/play?id=%d&t=%d",
    "/wiki/%%E5%%8C%%96%%E5%%AD%%A6/%d",
    "/forum/thread-%d-1-1.html",
    "/favicon.ico",
    "/user/login?redirect=%%2Fhome%%2F%d",
    "/course/%d/chapter/3/./section/../quiz.html",
  };

  private static final String[] SEARCH_TERMS = {
    "photosynthesis", "%E5%85%89%E5%90%88%E4%BD%9C%E7%94%A8", "pythagoras+theorem",
    "%E4%B8%89%E8%A7%92%E5%BD%A2%E9%9D%A2%E7%A7%AF", "english+grammar+past+tense", "%E5%8F%A4%E8%AF%97",
  };

  private static final String[] LISTED_PATHS = {"/", "/index.html", "/play?id=%d", "/watch?v=%x", "/p/%d.html"};

  PolicySnapshot snapshot;
  final Instant time = BenchFixtures.TUESDAY_10AM;
  final UserIdentity[] users = {
    UserIdentity.of("s2026001", "students"), UserIdentity.of("t0042", "teachers"),
  };
  final String[] raw = new String[REQUESTS];
  final boolean[] authority = new boolean[REQUESTS];
  final CanonicalUrl[] canonical = new CanonicalUrl[REQUESTS];

  @Setup(Level.Trial)
  public void setUp() throws InvalidUrlException {
    ListSet lists = BenchFixtures.importUt1();
    snapshot = BenchFixtures.compileSchoolPolicy(lists);
    List<String> listed = new ArrayList<>();
    List<String> listedIps = new ArrayList<>();
    for (String d : SyntheticDomains.ut1Domains(lists)) {
      (d.startsWith("[") || UrlCanonicaliser.isIpv4Literal(d) ? listedIps : listed).add(d);
    }

    SplittableRandom r = new SplittableRandom(2026);
    Map<String, Integer> kinds = new TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      double kind = r.nextDouble();
      String k;
      if (kind < 0.60) {
        k = "popular";
        String host = POPULAR_HOSTS[skewed(r, POPULAR_HOSTS.length)];
        raw[i] = (r.nextInt(10) < 8 ? "https://" : "http://") + host + popularPath(r);
      } else if (kind < 0.85) {
        k = "ut1-host";
        raw[i] = (r.nextBoolean() ? "https://" : "http://") + ut1Variant(listed.get(r.nextInt(listed.size())), r)
            + String.format(Locale.ROOT, LISTED_PATHS[r.nextInt(LISTED_PATHS.length)], r.nextInt(1_000_000));
      } else if (kind < 0.95) {
        k = "connect";
        String host = r.nextInt(10) < 6 ? POPULAR_HOSTS[skewed(r, POPULAR_HOSTS.length)]
            : listed.get(r.nextInt(listed.size()));
        raw[i] = host + ":443";
        authority[i] = true;
      } else {
        k = "ip-literal";
        raw[i] = ipUrl(r, listedIps);
      }
      kinds.merge(k, 1, Integer::sum);
      canonical[i] = authority[i] ? UrlCanonicaliser.canonicaliseAuthority(raw[i]) : UrlCanonicaliser.canonicalise(raw[i]);
      String category = snapshot.decide(context(i, users[1])).category();
      if (k.equals("popular") && category != null && !category.equals("school-allow")) {
        throw new IllegalStateException("a made-up popular host is in UT1 (" + category + "): " + raw[i]);
      }
    }

    Map<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < REQUESTS; i++) {
      Decision d = snapshot.decide(context(i, users[i & 1]));
      outcomes.merge((i & 1) == 0 ? "student " + d.reason() : "teacher " + d.reason(), 1, Integer::sum);
    }
    System.out.printf("%n[DecideBenchmark] %,d domain entries, %d categories; mix %s; outcomes %s%n",
        snapshot.domainEntries(), snapshot.categories().size(), kinds, outcomes);
  }

  private RequestContext context(int i, UserIdentity user) throws InvalidUrlException {
    RequestContext.Builder b = RequestContext.builder().time(time).user(user);
    return (authority[i] ? b.authority(raw[i]) : b.url(raw[i])).build();
  }

  /** An index in {@code [0, n)}, low indices more often (the few sites everyone uses). */
  private static int skewed(SplittableRandom r, int n) {
    double u = r.nextDouble();
    return (int) (u * u * n);
  }

  private static String popularPath(SplittableRandom r) {
    String template = POPULAR_PATHS[r.nextInt(POPULAR_PATHS.length)];
    if (template.contains("%s")) {
      return String.format(Locale.ROOT, template, SEARCH_TERMS[r.nextInt(SEARCH_TERMS.length)]);
    }
    return String.format(Locale.ROOT, template, r.nextInt(100_000), r.nextInt(10_000));
  }

  /** A listed host as clients send it: as listed, under www. or a deeper subdomain, upper case, trailing dot. */
  private static String ut1Variant(String host, SplittableRandom r) {
    int v = r.nextInt(100);
    if (v < 35) {
      return host;
    } else if (v < 60) {
      return "www." + host;
    } else if (v < 75) {
      return (r.nextBoolean() ? "img1.static." : "m.") + host;
    } else if (v < 88) {
      return r.nextBoolean() ? host.toUpperCase(Locale.ROOT) : "WWW." + host;
    } else {
      return host + ".";
    }
  }

  private static String ipUrl(SplittableRandom r, List<String> listedIps) {
    int v = r.nextInt(10);
    if (v < 2 && !listedIps.isEmpty()) {
      return "http://" + listedIps.get(r.nextInt(listedIps.size())) + "/";
    } else if (v < 3) {
      return String.format(Locale.ROOT, "https://[2001:db8:%x::%x]/index.html", r.nextInt(0x10000), r.nextInt(0x10000));
    } else if (v < 6) {
      return String.format(Locale.ROOT, "http://118.%d.%d.%d:8080/admin/login.php", r.nextInt(256), r.nextInt(256),
          r.nextInt(256));
    }
    return String.format(Locale.ROOT, "http://%d.%d.%d.%d/download/file-%d.zip", 1 + r.nextInt(222), r.nextInt(256),
        r.nextInt(256), 1 + r.nextInt(254), r.nextInt(1000));
  }

  /** Per thread: the next request to decide. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  public Decision decide(Cursor cursor) throws InvalidUrlException {
    int i = cursor.next++ & MASK;
    RequestContext.Builder b = RequestContext.builder().time(time).user(users[i & 1]);
    RequestContext request = authority[i] ? b.authority(raw[i]).build() : b.url(raw[i]).build();
    return snapshot.decide(request);
  }

  @Benchmark
  public Decision decidePrecanonicalised(Cursor cursor) {
    int i = cursor.next++ & MASK;
    return snapshot.decide(RequestContext.builder().time(time).user(users[i & 1]).target(canonical[i]).build());
  }

  @Benchmark
  public CanonicalUrl canonicalise(Cursor cursor) throws InvalidUrlException {
    int i = cursor.next++ & MASK;
    return authority[i] ? UrlCanonicaliser.canonicaliseAuthority(raw[i]) : UrlCanonicaliser.canonicalise(raw[i]);
  }
}
