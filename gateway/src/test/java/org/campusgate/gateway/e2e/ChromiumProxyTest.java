package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.StoredEvent;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.block.LocalizedBlockPages;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser through the gateway: headless Chromium with {@code --proxy-server} loads an
 * allowed page and a blocked host, and we check what it rendered ({@code --dump-dom}) and what
 * the audit store recorded. The gateway here renders the real block pages
 * ({@link LocalizedBlockPages}), not the tests' minimal ones.
 *
 * <p>Chromium never talks to anything but 127.0.0.1: every URL goes through the proxy on
 * loopback ({@code <-loopback>} removes Chromium's implicit loopback bypass, so even the
 * 127.0.0.1 origin is fetched through the gateway). Chromium still makes background requests
 * through the proxy (update.googleapis.com, accounts.google.com, ...) even with the flags below,
 * so the policy is in allow-list mode (default: block, only 127.0.0.1 allowed): the gateway
 * answers those itself with 403 and never resolves or connects to them. Every test checks that.
 *
 * <p>Chromium always sends {@code Accept-Language} ({@code en-US,en;q=0.9} in a C locale, whatever
 * {@code LANG} says); {@code --accept-lang} sets it, so the Chinese page is what a zh-CN browser
 * gets, the English one what an en-US browser gets.
 *
 * <p>What else a real browser does, and the tests allow for (not asserted, it is Chromium's
 * business): for a host name it first tries https:// (HTTPS-Upgrades), so a blocked host also
 * gets a blocked (and recorded) {@code CONNECT host:443} before Chromium falls back to http://;
 * and it may or may not ask for /favicon.ico before --dump-dom exits. Each test looks for the one
 * event of its own URL.
 *
 * <p>Skipped only when /usr/bin/chromium is missing; bin/test installs it.
 */
class ChromiumProxyTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final String BLOCKED_HOST = "0-casino.info"; // data/ut1-sample/blacklists/gambling
  static final String CONTACT = "信息中心 IT office, ext. 8000";
  static final Duration CHROMIUM_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Allow-list mode: the loopback origin is the only thing the gateway forwards to. Guests (every
   * unidentified client) get gambling blocked by a rule, as in the demo policy.
   */
  static final String POLICY = """
      school: chromium-school
      name: Chromium School
      version: 7
      timezone: Asia/Shanghai
      default: block
      unauthenticated: guest
      groups:
        guest: Guests
      lists:
        loopback-origin:
          domains: [127.0.0.1]
      rules:
        - id: test-origin
          groups: all
          allow: [loopback-origin]
        - id: guests-gambling
          groups: [guest]
          block: [gambling]
      """;

  @TempDir static Path dir;
  static Harness h;
  static final AtomicInteger launches = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed");
    h = new Harness(dir, TestPolicies.of(POLICY), GatewayConfig.builder()
        .schoolId("chromium-school").contactLine(CONTACT), new LocalizedBlockPages());
  }

  @AfterAll
  static void stop() throws Exception {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void allowedPageIsRelayedAndRecordedOnce() throws Exception {
    String url = h.originUrl("/hello?from=chromium");
    String dom = chromium("zh-CN", url);

    // Via is added by the gateway and Chromium's Proxy-Connection is stripped: the origin says so.
    assertThat(dom).contains("hello via=1.1 campusgate proxy-connection=null");

    AccessEvent e = theEventFor(url);
    assertThat(e.action()).isEqualTo("ALLOW");
    assertThat(e.ruleId()).isEqualTo("test-origin");
    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.method()).isEqualTo("GET");
    assertThat(e.host()).isEqualTo("127.0.0.1");
    assertThat(e.userAgent()).contains("HeadlessChrome");
    assertThat(e.bytesDown()).isEqualTo("hello via=1.1 campusgate proxy-connection=null".length());
  }

  @Test
  void blockedHostShowsTheChineseBlockPageWithTheRecordedRequestId() throws Exception {
    String url = "http://" + BLOCKED_HOST + "/games/chromium-zh";
    String dom = chromium("zh-CN", url);

    AccessEvent e = blockEventFor(url);
    assertThat(dom)
        .contains("<html lang=\"zh-CN\">")
        .contains("<title>访问已被拦截</title>")
        .contains("<h1>访问已被拦截</h1>")
        .contains("该网址含有不良信息或不符合本校上网规定，已被过滤。")
        .contains("<dt>被拦截的地址</dt><dd>" + url + "</dd>")
        .contains("<dt>类别</dt><dd>gambling</dd>")
        .contains("<dt>请求编号</dt><dd><code>" + e.eventId() + "</code></dd>")
        .contains(CONTACT)
        .contains("request ID " + e.eventId()) // the English summary line under the page
        .doesNotContain("<h1>Access blocked</h1>");
  }

  @Test
  void blockedHostShowsTheEnglishBlockPageWhenTheBrowserAsksForEnglish() throws Exception {
    String url = "http://" + BLOCKED_HOST + "/games/chromium-en";
    String dom = chromium("en-US", url);

    AccessEvent e = blockEventFor(url);
    assertThat(dom)
        .contains("<html lang=\"en\">")
        .contains("<h1>Access blocked</h1>")
        .contains("This site contains harmful content or does not comply with the school's "
            + "internet rules, and has been filtered.")
        .contains("<dt>Request ID</dt><dd><code>" + e.eventId() + "</code></dd>")
        .contains("请求编号 " + e.eventId()) // the Chinese summary line under the page
        .doesNotContain("<h1>访问已被拦截</h1>");
  }

  /** The one event for {@code url}, checked to be the category block. */
  private static AccessEvent blockEventFor(String url) throws Exception {
    AccessEvent e = theEventFor(url);
    assertThat(e.action()).isEqualTo("BLOCK");
    assertThat(e.reason()).isEqualTo("CATEGORY_BLOCKED");
    assertThat(e.category()).isEqualTo("gambling");
    assertThat(e.ruleId()).isEqualTo("guests-gambling");
    assertThat(e.httpStatus()).isEqualTo(403);
    assertThat(e.host()).isEqualTo(BLOCKED_HOST);
    return e;
  }

  /**
   * Runs headless Chromium through the gateway on {@code url} and returns the DOM it printed.
   * Output goes to files (no pipe can fill); the run is bounded by {@link #CHROMIUM_TIMEOUT}.
   */
  private static String chromium(String acceptLanguage, String url) throws Exception {
    int n = launches.incrementAndGet();
    Path run = Files.createDirectories(dir.resolve("chromium-" + n));
    Path home = Files.createDirectories(run.resolve("home"));
    Path out = run.resolve("stdout.html");
    Path err = run.resolve("stderr.txt");
    List<String> cmd = List.of(CHROMIUM.toString(),
        "--headless",
        "--no-sandbox", // tests may run as root, where the sandbox refuses to start
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--disable-breakpad",
        "--disable-features=NetworkTimeServiceQuerying", // else GET clients2.google.com/time
        "--user-data-dir=" + run.resolve("profile"),
        "--proxy-server=" + h.proxy(),
        "--proxy-bypass-list=<-loopback>", // else 127.0.0.1 is fetched directly
        "--accept-lang=" + acceptLanguage, // headless honours it (default: en-US,en;q=0.9)
        "--dump-dom",
        url);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = pb.environment();
    env.put("HOME", home.toString()); // nothing written to the real home (.pki, .cache, ...)
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    // Only --proxy-server decides where Chromium sends requests: no http_proxy, no_proxy, ...
    env.keySet().removeIf(k -> k.toLowerCase(Locale.ROOT).endsWith("_proxy"));
    Process p = pb.start();
    try {
      if (!p.waitFor(CHROMIUM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        fail("Chromium did not finish in " + CHROMIUM_TIMEOUT + "; stderr:\n" + tail(err));
      }
      assertThat(p.exitValue()).as("Chromium's exit status; stderr:\n%s", tail(err)).isZero();
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      p.onExit().get(10, TimeUnit.SECONDS);
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  private static String tail(Path file) throws IOException {
    String s = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  /**
   * The one event recorded for {@code url}, checked durable and findable in the store, after
   * checking that nothing Chromium asked for was forwarded off the machine.
   *
   * <p>Drains what was handed to the store until both that event and a sentinel's have been
   * seen; the sentinel is a request made through the gateway after Chromium exited. Chromium had
   * all its answers before it exited and the gateway records an exchange once its answer is
   * written, so a second event for {@code url} would be among those drained. (Events of
   * connections Chromium dropped unanswered may come later; each test asks about its own URL.)
   */
  private static AccessEvent theEventFor(String url) throws Exception {
    String sentinel = h.originUrl("/hello?sentinel=" + UUID.randomUUID());
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", h.gateway.boundAddress().getPort()), 5000);
      s.setSoTimeout(10_000);
      OutputStream o = s.getOutputStream();
      o.write(("GET " + sentinel + " HTTP/1.1\r\nHost: " + URI.create(sentinel).getAuthority()
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
          .startsWith("HTTP/1.1 200");
    }
    List<Harness.Appended> events = new ArrayList<>();
    boolean sentinelSeen = false;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!sentinelSeen || events.stream().noneMatch(a -> url.equals(a.event().url()))) {
      long left = deadline - System.nanoTime();
      Harness.Appended a = h.appended.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
      assertThat(a).as("events for %s and the sentinel; seen: %s", url, urls(events))
          .isNotNull();
      if (sentinel.equals(a.event().url())) {
        sentinelSeen = true;
      } else {
        events.add(a);
      }
    }
    assertThat(events).allSatisfy(a -> assertThat(
        a.event().host().equals("127.0.0.1") || a.event().action().equals("BLOCK"))
        .as("forwarded off the machine: %s", urls(List.of(a))).isTrue());
    List<Harness.Appended> page = events.stream()
        .filter(a -> url.equals(a.event().url())).toList();
    assertThat(page).as("events for %s among %s", url, urls(events)).hasSize(1);
    return stored(page.get(0));
  }

  /** The event, once durable and findable in the store. */
  private static AccessEvent stored(Harness.Appended a) throws Exception {
    a.ticket().awaitDurable(Duration.ofSeconds(10));
    AccessEvent e = a.event();
    List<StoredEvent> found = h.store.search(AuditQuery.between(e.timestamp().minusSeconds(1),
        Instant.now().plusSeconds(1)).limit(1000).build()).events();
    assertThat(found).anyMatch(s -> s.event().eventId().equals(e.eventId()));
    return e;
  }

  private static List<String> urls(List<Harness.Appended> events) {
    return events.stream().map(a -> a.event().method() + " "
        + (a.event().url() != null ? a.event().url() : a.event().host() + ":" + a.event().port())
        + " " + a.event().action() + " " + a.event().httpStatus()).toList();
  }
}
