package org.campusgate.audit.testing;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The hosts {@link SyntheticEvents} draws from: per UT1 category, the first {@code cap} hosts of
 * its {@code domains} list (from the sample folder {@code data/ut1-sample} or the full UT1
 * {@code .tar.gz}), plus a built-in list of the ordinary hosts a school network mostly visits
 * (education portals, search, video, CDNs, office suites, OS services) and a few learning apps.
 *
 * <p>The UT1 lists are by Université Toulouse 1 Capitole (Fabrice Prigent), CC BY-SA 4.0; see
 * {@code data/ut1-sample/README.md}. Whitelist-like lists ({@code liste_blanche}, {@code liste_bu},
 * ...) are not loaded: they are not categories one visits.
 *
 * <p>Each category has a {@link Treatment}, the simple built-in policy the generator applies
 * (modelled on {@code config/demo/policy.yaml}): bypass categories are blocked for everyone,
 * {@link Treatment#BLOCKED_FOR_STUDENTS} for students and guests, {@link
 * Treatment#BLOCKED_IN_CLASS} for students during school hours, the rest allowed.
 */
public final class HostCatalogue {

  /** Default number of hosts kept per category. */
  public static final int DEFAULT_CAP = 2_000;

  /** How the generator's built-in policy treats a category. */
  public enum Treatment {
    /** Allowed for every group. */
    ALLOWED,
    /** Blocked for students and guests ({@code CATEGORY_BLOCKED}, rule {@code guests-and-students}). */
    BLOCKED_FOR_STUDENTS,
    /** Blocked for students during school hours ({@code CATEGORY_BLOCKED}, {@code students-in-class}). */
    BLOCKED_IN_CLASS,
    /** A way around the filter, blocked for everyone ({@code BYPASS_BLOCKED}, {@code no-bypass}). */
    BYPASS
  }

  /** An ordinary host of the built-in list; {@code kind} drives the sizes of responses. */
  public record OrdinaryHost(String host, Kind kind) {}

  /** What an ordinary host serves, for response sizes and durations. */
  public enum Kind { PORTAL, SEARCH, EDUCATION, VIDEO, CDN, OFFICE, SYSTEM, OTHER }

  /**
   * A learning app: its hosts and its provider's filing number ({@code 教APP备...}). Whether a
   * school filed it is decided per school by the generator.
   */
  public record LearningApp(String appId, List<String> hosts, String providerFiling) {}

  private static final Set<String> SKIPPED = Set.of(
      "liste_blanche", "liste_bu", "exceptions_liste_bu", "reaffected", "special", "cleaning");

  private static final Set<String> BYPASS = Set.of(
      "vpn", "doh", "residential-proxies", "redirector", "strict_redirector", "strong_redirector");

  private static final Set<String> BLOCKED_FOR_STUDENTS = Set.of(
      "adult", "mixed_adult", "lingerie", "dating", "gambling", "arjel", "drogue", "agressif",
      "hacking", "warez", "publicite", "ads", "games", "cryptojacking", "malware", "phishing",
      "ddos", "dialer", "stalkerware", "sect", "tricheur", "tricheur_pix", "dangerous_material",
      "fakenews", "bitcoin", "remote-control", "manga", "astrology");

  private static final Set<String> BLOCKED_IN_CLASS = Set.of(
      "social_networks", "ai", "chat", "shopping", "celebrity");

  /** Relative traffic of a category among requests to UT1-listed hosts; others get 0.3. */
  private static final Map<String, Double> TRAFFIC = Map.ofEntries(
      Map.entry("publicite", 30.0), Map.entry("social_networks", 12.0),
      Map.entry("audio-video", 10.0), Map.entry("ai", 6.0), Map.entry("games", 6.0),
      Map.entry("shopping", 5.0), Map.entry("press", 5.0), Map.entry("webmail", 4.0),
      Map.entry("educational_games", 4.0), Map.entry("translation", 3.0),
      Map.entry("sports", 3.0), Map.entry("chat", 2.0), Map.entry("download", 2.0),
      Map.entry("blog", 2.0), Map.entry("forums", 2.0), Map.entry("update", 3.0),
      Map.entry("mobile-phone", 1.5), Map.entry("doh", 1.5), Map.entry("gambling", 1.5),
      Map.entry("vpn", 1.2), Map.entry("adult", 0.8), Map.entry("mixed_adult", 0.5),
      Map.entry("manga", 1.0), Map.entry("celebrity", 1.0), Map.entry("filehosting", 1.0),
      Map.entry("webhosting", 1.0), Map.entry("shortener", 0.8), Map.entry("jobsearch", 0.3));

  private static final Pattern TAR_DOMAINS =
      Pattern.compile("^(?:\\./)?blacklists/([^/]+)/domains$");

  private final Map<String, List<String>> hostsByCategory;

  private HostCatalogue(Map<String, List<String>> hostsByCategory) {
    this.hostsByCategory = Collections.unmodifiableMap(hostsByCategory);
  }

  /**
   * The UT1 sample shipped with the project ({@code data/ut1-sample}), found from the working
   * directory or one of its parents (Maven runs tests in the module folder).
   */
  public static HostCatalogue sample(int capPerCategory) {
    Path dir = Path.of("").toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("data").resolve("ut1-sample");
      if (Files.isDirectory(candidate.resolve("blacklists"))) {
        return fromDirectory(candidate, capPerCategory);
      }
    }
    throw new IllegalStateException(
        "data/ut1-sample not found from " + Path.of("").toAbsolutePath());
  }

  /** Only the built-in ordinary hosts and apps, no UT1 category. */
  public static HostCatalogue builtInOnly() {
    return new HostCatalogue(new TreeMap<>());
  }

  /**
   * Loads the categories of a UT1 folder: {@code dir} is either the folder holding {@code
   * blacklists/} (e.g. {@code data/ut1-sample}) or {@code blacklists/} itself.
   *
   * @param capPerCategory the number of hosts kept per category (the first lines of the list)
   */
  public static HostCatalogue fromDirectory(Path dir, int capPerCategory) {
    checkCap(capPerCategory);
    Path root = Files.isDirectory(dir.resolve("blacklists")) ? dir.resolve("blacklists") : dir;
    Map<String, List<String>> out = new TreeMap<>();
    try (Stream<Path> children = Files.list(root)) {
      for (Path category : children.filter(Files::isDirectory).sorted().toList()) {
        String name = category.getFileName().toString();
        Path domains = category.resolve("domains");
        if (SKIPPED.contains(name) || !Files.isRegularFile(domains)) {
          continue;
        }
        try (InputStream in = Files.newInputStream(domains)) {
          List<String> hosts = readHosts(in, capPerCategory);
          if (!hosts.isEmpty()) {
            out.put(name, hosts);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read UT1 folder " + dir, e);
    }
    return new HostCatalogue(out);
  }

  /**
   * Loads the categories of a UT1 archive ({@code blacklists.tar.gz}, entries {@code
   * blacklists/<category>/domains}), reading it as a stream.
   */
  public static HostCatalogue fromTarGz(Path archive, int capPerCategory) {
    checkCap(capPerCategory);
    Map<String, List<String>> out = new TreeMap<>();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (!entry.isFile()) {
          continue;
        }
        Matcher m = TAR_DOMAINS.matcher(entry.getName());
        if (m.matches() && !SKIPPED.contains(m.group(1))) {
          List<String> hosts = readHosts(tar, capPerCategory);
          if (!hosts.isEmpty()) {
            out.put(m.group(1), hosts);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read UT1 archive " + archive, e);
    }
    return new HostCatalogue(out);
  }

  private static void checkCap(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("capPerCategory must be at least 1: " + cap);
    }
  }

  /** Reads up to {@code cap} host names; does not close {@code in}. */
  private static List<String> readHosts(InputStream in, int cap) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<String> hosts = new ArrayList<>(Math.min(cap, 4096));
    String line;
    while (hosts.size() < cap && (line = reader.readLine()) != null) {
      String host = line.strip().toLowerCase(Locale.ROOT);
      if (isPlainHost(host)) {
        hosts.add(host);
      }
    }
    return List.copyOf(hosts);
  }

  /** A DNS name with at least one dot; no comments, paths, IP literals or wildcards. */
  static boolean isPlainHost(String s) {
    if (s.isEmpty() || s.length() > 253 || s.charAt(0) == '.' || s.indexOf('.') < 0) {
      return false;
    }
    boolean allDigitsAndDots = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
          || c == '_';
      if (!ok) {
        return false;
      }
      if (c != '.' && (c < '0' || c > '9')) {
        allDigitsAndDots = false;
      }
    }
    return !allDigitsAndDots;
  }

  /** The UT1 categories loaded, sorted by name. */
  public List<String> categories() {
    return List.copyOf(hostsByCategory.keySet());
  }

  /** The hosts kept for a UT1 category (empty when not loaded), in list order. */
  public List<String> hosts(String category) {
    return hostsByCategory.getOrDefault(category, List.of());
  }

  /** The built-in policy's treatment of a category (unknown categories are allowed). */
  public static Treatment treatment(String category) {
    if (BYPASS.contains(category)) {
      return Treatment.BYPASS;
    }
    if (BLOCKED_FOR_STUDENTS.contains(category)) {
      return Treatment.BLOCKED_FOR_STUDENTS;
    }
    if (BLOCKED_IN_CLASS.contains(category)) {
      return Treatment.BLOCKED_IN_CLASS;
    }
    return Treatment.ALLOWED;
  }

  /** Whether students are blocked on the category at least some of the time. */
  public static boolean blockedForStudents(String category) {
    return treatment(category) != Treatment.ALLOWED;
  }

  /** The category's relative share of the requests that go to UT1-listed hosts. */
  public static double trafficWeight(String category) {
    return TRAFFIC.getOrDefault(category, 0.3);
  }

  /**
   * The ordinary hosts of a school network, most visited first (real, well-known public services
   * and {@code .example} names for the district's own services; no personal data).
   */
  public List<OrdinaryHost> ordinaryHosts() {
    return ORDINARY;
  }

  /** The learning apps: a few filed with their provider's number, one without. */
  public List<LearningApp> apps() {
    return APPS;
  }

  private static final List<OrdinaryHost> ORDINARY = buildOrdinary();

  private static final List<LearningApp> APPS = List.of(
      new LearningApp("app.reading-garden",
          List.of("api.reading-garden.example.cn", "res.reading-garden.example.cn"),
          "教APP备1100231号"),
      new LearningApp("app.math-practice",
          List.of("api.mathpractice.example.cn", "img.mathpractice.example.cn"),
          "教APP备3100087号"),
      new LearningApp("app.english-dubbing",
          List.of("api.dubbing.example.com", "media.dubbing.example.com"),
          "教APP备4400512号"),
      new LearningApp("app.class-notice", List.of("push.classnotice.example.cn"),
          "教APP备3300140号"),
      new LearningApp("app.coding-kids", List.of("www.codingkids.example.org"),
          "教APP备1100778号"),
      new LearningApp("app.homework-helper",
          List.of("api.hwhelper.example.net", "cdn.hwhelper.example.net"),
          "教APP备5100036号"));

  private static List<OrdinaryHost> buildOrdinary() {
    List<OrdinaryHost> out = new ArrayList<>();
    Object[][] named = {
      {Kind.SEARCH, "www.baidu.com"}, {Kind.CDN, "dss0.bdstatic.com"},
      {Kind.PORTAL, "lms.district.example"}, {Kind.EDUCATION, "basic.smartedu.cn"},
      {Kind.OFFICE, "mp.weixin.qq.com"}, {Kind.CDN, "res.wx.qq.com"},
      {Kind.SEARCH, "cn.bing.com"}, {Kind.SYSTEM, "ctldl.windowsupdate.com"},
      {Kind.EDUCATION, "www.smartedu.cn"}, {Kind.OFFICE, "www.kdocs.cn"},
      {Kind.VIDEO, "www.bilibili.com"}, {Kind.CDN, "i0.hdslb.com"},
      {Kind.PORTAL, "portal.district.example"}, {Kind.OFFICE, "login.microsoftonline.com"},
      {Kind.CDN, "img.alicdn.com"}, {Kind.EDUCATION, "www.zxx.edu.cn"},
      {Kind.OFFICE, "docs.qq.com"}, {Kind.PORTAL, "homework.district.example"},
      {Kind.SYSTEM, "ocsp.digicert.cn"}, {Kind.VIDEO, "upos-sz-mirrorcos.bilivideo.com"},
      {Kind.OFFICE, "www.office.com"}, {Kind.OFFICE, "outlook.office365.com"},
      {Kind.EDUCATION, "www.icourse163.org"}, {Kind.CDN, "cdn.jsdelivr.net"},
      {Kind.SEARCH, "baike.baidu.com"}, {Kind.OFFICE, "www.dingtalk.com"},
      {Kind.OFFICE, "im.dingtalk.com"}, {Kind.PORTAL, "sso.district.example"},
      {Kind.SYSTEM, "www.msftconnecttest.com"}, {Kind.EDUCATION, "www.xuetangx.com"},
      {Kind.VIDEO, "v.qq.com"}, {Kind.CDN, "puui.qpic.cn"},
      {Kind.EDUCATION, "www.cnki.net"}, {Kind.EDUCATION, "kns.cnki.net"},
      {Kind.OTHER, "www.qq.com"}, {Kind.OTHER, "www.163.com"},
      {Kind.PORTAL, "library.district.example"}, {Kind.OFFICE, "mail.district.example"},
      {Kind.SEARCH, "www.sogou.com"}, {Kind.SEARCH, "www.so.com"},
      {Kind.EDUCATION, "www.moe.gov.cn"}, {Kind.EDUCATION, "www.chinaooc.com.cn"},
      {Kind.OTHER, "fanyi.baidu.com"}, {Kind.OTHER, "fanyi.youdao.com"},
      {Kind.OTHER, "www.zhihu.com"}, {Kind.OTHER, "www.csdn.net"},
      {Kind.EDUCATION, "www.runoob.com"}, {Kind.EDUCATION, "www.w3school.com.cn"},
      {Kind.EDUCATION, "www.geogebra.org"}, {Kind.EDUCATION, "phet.colorado.edu"},
      {Kind.EDUCATION, "scratch.mit.edu"}, {Kind.EDUCATION, "code.org"},
      {Kind.OTHER, "gitee.com"}, {Kind.OTHER, "github.com"},
      {Kind.EDUCATION, "www.python.org"}, {Kind.CDN, "cdnjs.cloudflare.com"},
      {Kind.CDN, "unpkg.com"}, {Kind.CDN, "g.alicdn.com"},
      {Kind.VIDEO, "www.iqiyi.com"}, {Kind.VIDEO, "www.ixigua.com"},
      {Kind.SYSTEM, "update.microsoft.com"}, {Kind.SYSTEM, "mirrors.aliyun.com"},
      {Kind.SYSTEM, "mirrors.tuna.tsinghua.edu.cn"}, {Kind.SYSTEM, "captive.apple.com"},
      {Kind.SYSTEM, "swcdn.apple.com"}, {Kind.SYSTEM, "connectivitycheck.platform.hicloud.com"},
      {Kind.OTHER, "www.amap.com"}, {Kind.OTHER, "map.baidu.com"},
      {Kind.OTHER, "www.sina.com.cn"}, {Kind.OTHER, "www.sohu.com"},
      {Kind.OFFICE, "work.weixin.qq.com"}, {Kind.OFFICE, "www.wps.cn"},
      {Kind.EDUCATION, "www.ncet.edu.cn"}, {Kind.EDUCATION, "www.desmos.com"},
      {Kind.SYSTEM, "ocsp.globalsign.com"}, {Kind.PORTAL, "printing.district.example"},
    };
    for (Object[] row : named) {
      out.add(new OrdinaryHost((String) row[1], (Kind) row[0]));
    }
    // The long tail: smaller sites of plausible shape, all under reserved example domains.
    String[] first = {"math", "physics", "chem", "bio", "history", "geo", "art", "music",
        "coding", "robot", "reading", "english", "poetry", "science", "sports", "chess",
        "maker", "space", "ocean", "nature"};
    String[] second = {"hub", "lab", "club", "world", "online", "academy", "zone", "park",
        "garden", "studio", "corner", "box", "net", "land", "space"};
    String[] domains = {"example.com", "example.cn", "example.org", "example.net"};
    Kind[] tailKinds = {Kind.OTHER, Kind.EDUCATION, Kind.OTHER, Kind.CDN, Kind.VIDEO};
    int i = 0;
    for (String d : domains) {
      for (String b : second) {
        for (String a : first) {
          Kind kind = tailKinds[i++ % tailKinds.length];
          String prefix = kind == Kind.CDN ? "static." : kind == Kind.VIDEO ? "media." : "www.";
          out.add(new OrdinaryHost(prefix + a + b + "." + d, kind));
        }
      }
    }
    return List.copyOf(out);
  }
}
