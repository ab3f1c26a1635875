package org.campusgate.gateway.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campusgate.gateway.block.BlockFixtures.CONTACT;
import static org.campusgate.gateway.block.BlockFixtures.REQUEST_ID;
import static org.campusgate.gateway.block.BlockFixtures.TUESDAY;
import static org.campusgate.gateway.block.BlockFixtures.decision;
import static org.campusgate.gateway.block.BlockFixtures.facts;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.campusgate.policy.Action;
import org.campusgate.policy.Decision;
import org.campusgate.policy.ReasonCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class LocalizedBlockPagesTest {
  private static final LocalizedBlockPages PAGES = new LocalizedBlockPages();
  private static final String EN = "en-US,en;q=0.9,zh;q=0.8";
  private static final String ZH = "zh-CN,zh;q=0.9,en;q=0.8";
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  /** Every tag a page may contain: those of a page for benign facts with every field set. */
  private static final Set<String> OUR_TAGS = tags(PAGES.html(
      new BlockFacts(REQUEST_ID, TUESDAY, "http://casino.com/", "u1",
          decision(ReasonCode.CATEGORY_BLOCKED, "r", "c", "a"), CONTACT), null));
  static {
    OUR_TAGS.addAll(tags(PAGES.html(new BlockFacts(REQUEST_ID, TUESDAY, "http://casino.com/", null,
        decision(ReasonCode.CATEGORY_BLOCKED, null, null, null), ""), EN)));
    OUR_TAGS.addAll(tags(PAGES.html(facts(appDecision("课堂派", "教APP备1100001号")), EN)));
  }

  /** A school-not-filed block of the app {@code ketang} with a display name and filing number. */
  static Decision appDecision(String name, String filing) {
    return new Decision(Action.BLOCK, ReasonCode.APP_SCHOOL_NOT_FILED, "app-register", null,
        "ketang", 7, name, filing, null, null);
  }

  @Nested
  class AppBlocks {

    @Test
    void chinesePageShowsRuleTextAppNameAndFilingNumber() {
      String html = PAGES.html(facts(appDecision("课堂派", "教APP备1100001号")), ZH);
      assertThat(html)
          .contains("<p class=\"lead\">本校未选用该应用，或其使用者备案尚未经主管教育部门确认。</p>")
          .contains("<dt>原因代码</dt><dd><code>APP_SCHOOL_NOT_FILED</code></dd>")
          .contains("<dt>应用</dt><dd>课堂派</dd>")
          .contains("<dt>备案编号</dt><dd><code>教APP备1100001号</code></dd>")
          .doesNotContain("<dd>ketang</dd>");
    }

    @Test
    void englishPageShowsRuleTextAppNameAndFilingNumber() {
      String html = PAGES.html(facts(appDecision("Ketang 课堂派", "EDU-2024-0001")), EN);
      assertThat(html)
          .contains("<p class=\"lead\">The school has not selected this app, or its user filing"
              + " has not yet been confirmed by the supervising education department.</p>")
          .contains("<dt>App</dt><dd>Ketang 课堂派</dd>")
          .contains("<dt>Filing number</dt><dd><code>EDU-2024-0001</code></dd>");
    }

    @Test
    void withoutNameOrFilingTheIdIsShownAndNoFilingRow() {
      String html = PAGES.html(facts(appDecision(null, null)), ZH);
      assertThat(html).contains("<dt>应用</dt><dd>ketang</dd>").doesNotContain("<dt>备案编号</dt>");
    }

    @Test
    void nameAndFilingNumberAreEscaped() {
      String hostile = "\"><script>alert(1)</script>\r\nX: y";
      for (String lang : new String[] {ZH, EN}) {
        String html = PAGES.html(facts(appDecision(hostile, hostile)), lang);
        assertThat(html).doesNotContain("<script", "\r", "\nX: y")
            .contains("<dd>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;X: y</dd>")
            .contains("<dd><code>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;X: y</code></dd>");
        assertOnlyOurMarkup(html);
      }
    }

    @Test
    void connectReasonNamesTheFilingNumber() {
      assertThat(PAGES.connectReason(facts(appDecision("课堂派", "EDU-2024-0001"))))
          .isEqualTo("APP_SCHOOL_NOT_FILED rule=app-register app=ketang filing=EDU-2024-0001 id="
              + REQUEST_ID);
      String reason = PAGES.connectReason(facts(appDecision("课堂派", "教APP备1100001号\r\nX: 1")));
      assertConnectReasonIsHeaderSafe(reason);
      assertThat(reason).contains(" filing=_APP_1100001___X:_1 ");
    }
  }

  @Nested
  class Content {

    @Test
    void chinesePageShowsEverything() {
      String html = PAGES.html(facts(BlockFixtures.TARGET), null);
      assertThat(html)
          .startsWith("<!DOCTYPE html>\n<html lang=\"zh-CN\">")
          .contains("<meta charset=\"utf-8\">")
          .contains("<title>访问已被拦截</title>")
          .contains("<h1>访问已被拦截</h1>")
          .contains("<p class=\"lead\">该网址含有不良信息或不符合本校上网规定，已被过滤。</p>")
          .contains("<dt>被拦截的地址</dt><dd>http://casino.com/play?x=1</dd>")
          .contains("<dt>原因代码</dt><dd><code>CATEGORY_BLOCKED</code></dd>")
          .contains("<dt>规则</dt><dd><code>no-gambling</code> <span class=\"muted\">策略版本 7</span></dd>")
          .contains("<dt>类别</dt><dd>gambling</dd>")
          .contains("<dt>时间</dt><dd>2026年11月24日 10:05:07 (UTC+08:00)</dd>")
          .contains("<dt>用户</dt><dd>s2026001</dd>")
          .contains("<dt>请求编号</dt><dd><code>" + REQUEST_ID + "</code></dd>")
          .contains(CONTACT)
          .contains("<p class=\"other\" lang=\"en\">Blocked by the school network: This site contains"
              + " harmful content or does not comply with the school&#39;s internet rules, and has been"
              + " filtered. Reason code CATEGORY_BLOCKED, request ID " + REQUEST_ID + ".</p>")
          .doesNotContain("<dt>应用</dt>")
          .endsWith("</html>\n");
    }

    @Test
    void englishPageShowsEverything() {
      String html = PAGES.html(facts(decision(ReasonCode.APP_FILING_REVOKED, "learning-apps",
          null, "作业帮")), EN);
      assertThat(html)
          .startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
          .contains("<title>Access blocked</title>")
          .contains("<p class=\"lead\">This app&#39;s filing has been revoked.</p>")
          .contains("<dt>Reason code</dt><dd><code>APP_FILING_REVOKED</code></dd>")
          .contains("<dt>Rule</dt><dd><code>learning-apps</code> <span class=\"muted\">policy version 7</span>")
          .contains("<dt>App</dt><dd>作业帮</dd>")
          .contains("<dt>Time</dt><dd>24 November 2026, 10:05:07 (UTC+08:00)</dd>")
          .contains("<dt>User</dt><dd>s2026001</dd>")
          .contains("<dt>Request ID</dt><dd><code>" + REQUEST_ID + "</code></dd>")
          .contains("<span class=\"muted\">School contact:</span> " + CONTACT)
          .contains("<p class=\"other\" lang=\"zh-CN\">访问已被学校网络拦截：该应用备案已被撤销。原因代码"
              + " APP_FILING_REVOKED，请求编号 " + REQUEST_ID + "。</p>")
          .doesNotContain("<dt>Category</dt>");
    }

    @Test
    void unidentifiedUserDefaultRuleAndMissingContact() {
      BlockFacts f = new BlockFacts(REQUEST_ID, TUESDAY, "http://x/", null,
          decision(ReasonCode.NOT_ALLOWED, null, null, null), null);
      assertThat(PAGES.html(f, ZH))
          .contains("<dt>用户</dt><dd><span class=\"muted\">未识别用户</span></dd>")
          .contains("<dt>规则</dt><dd><span class=\"muted\">策略默认设置</span>")
          .contains("请联系学校网络管理员。");
      assertThat(PAGES.html(f, EN))
          .contains("<dt>User</dt><dd><span class=\"muted\">unidentified</span></dd>")
          .contains("<dt>Rule</dt><dd><span class=\"muted\">policy default</span>")
          .contains("contact the school&#39;s network administrator.");
      BlockFacts blank = new BlockFacts(REQUEST_ID, TUESDAY, "http://x/", "  ",
          decision(ReasonCode.NOT_ALLOWED, " ", "", null), " ");
      assertThat(PAGES.html(blank, ZH)).contains("未识别用户", "策略默认设置", "请联系学校网络管理员。");
    }

    @Test
    void timeIsInTheSchoolsZone() {
      LocalizedBlockPages utc = new LocalizedBlockPages(ZoneId.of("UTC"));
      assertThat(utc.zone()).isEqualTo(ZoneId.of("UTC"));
      assertThat(utc.html(facts(BlockFixtures.TARGET), null))
          .contains("<dd>2026年11月24日 02:05:07 (UTC+00:00)</dd>");
      LocalizedBlockPages urumqi = new LocalizedBlockPages(ZoneId.of("Asia/Urumqi"));
      assertThat(urumqi.html(facts(BlockFixtures.TARGET), EN))
          .contains("<dd>24 November 2026, 08:05:07 (UTC+06:00)</dd>");
      assertThat(new LocalizedBlockPages().zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void languageFollowsAcceptLanguage() {
      assertThat(PAGES.html(facts(BlockFixtures.TARGET), EN)).contains("<html lang=\"en\">");
      assertThat(PAGES.html(facts(BlockFixtures.TARGET), ZH)).contains("<html lang=\"zh-CN\">");
      assertThat(PAGES.html(facts(BlockFixtures.TARGET), "%%garbage")).contains("<html lang=\"zh-CN\">");
      assertThat(PAGES.html(facts(BlockFixtures.TARGET), null)).contains("<html lang=\"zh-CN\">");
    }

    @Test
    void pageIsSelfContained() {
      for (String lang : new String[] {null, EN}) {
        String html = PAGES.html(facts(BlockFixtures.TARGET), lang);
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
            .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<a ")
            .doesNotContainIgnoringCase("src=").doesNotContainIgnoringCase("href=")
            .doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("@import")
            .doesNotContain("\r")
            .contains("<style>")
            .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';");
        // the only absolute URL on the page is the blocked target itself
        assertThat(Pattern.compile("https?://").matcher(html).results().count()).isEqualTo(1);
        assertThat(html.getBytes(StandardCharsets.UTF_8).length).isLessThan(6_000);
      }
    }

    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    void everyReasonRendersInBothLanguages(ReasonCode code) {
      BlockFacts f = facts(decision(code, "rule-1", null, null));
      Messages zh = Messages.load(Lang.ZH);
      Messages en = Messages.load(Lang.EN);
      String zhPage = PAGES.html(f, ZH);
      String enPage = PAGES.html(f, EN);
      assertThat(zhPage)
          .contains("<p class=\"lead\">" + Text.html(zh.reason(code)) + "</p>")
          .contains("<code>" + code.name() + "</code>")
          .contains(Text.html(en.reason(code)));   // the English summary line
      assertThat(enPage)
          .contains("<p class=\"lead\">" + Text.html(en.reason(code)) + "</p>")
          .contains("<code>" + code.name() + "</code>")
          .contains(Text.html(zh.reason(code)));   // the Chinese summary line
      assertThat(PAGES.reasonText(code, null)).isEqualTo(zh.reason(code));
      assertThat(PAGES.reasonText(code, "en")).isEqualTo(en.reason(code));
    }
  }

  @Nested
  class HostileInput {

    static Stream<Arguments> hostileTargets() {
      return Stream.of(
          // target, raw fragment that must not appear, escaped form that must
          Arguments.of("http://x/<script>alert(1)</script>", "<script>",
              "http://x/&lt;script&gt;alert(1)&lt;/script&gt;"),
          Arguments.of("\"><img src=x onerror=alert(1)>", "<img",
              "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
          Arguments.of("'><svg/onload=alert(1)>", "<svg", "&#39;&gt;&lt;svg/onload=alert(1)&gt;"),
          Arguments.of("javascript:alert(document.cookie)//<a href=x>", "<a href",
              "javascript:alert(document.cookie)//&lt;a href=x&gt;"),
          Arguments.of("http://x/</dd></dl><script>x</script>", "</dd></dl><script>",
              "http://x/&lt;/dd&gt;&lt;/dl&gt;&lt;script&gt;x&lt;/script&gt;"),
          Arguments.of("http://x/<!--", "<!--", "http://x/&lt;!--"),
          Arguments.of("http://x/%3Cscript%3Ealert(1)%3C/script%3E", "<script",
              "http://x/%3Cscript%3Ealert(1)%3C/script%3E"),
          Arguments.of("http://x/&lt;script&gt;", "&lt;script&gt;</dd>",
              "http://x/&amp;lt;script&amp;gt;"),
          Arguments.of("http://x/a\r\nSet-Cookie: s=1\r\n\r\n<h1>x</h1>", "\r\n",
              "http://x/aSet-Cookie: s=1&lt;h1&gt;x&lt;/h1&gt;"),
          Arguments.of("http://x/\u0000\u001B[31m", "\u0000", "http://x/\uFFFD\uFFFD[31m"),
          Arguments.of("http://x/\uD800<b>\uDFFF", "\uD800", "http://x/\uFFFD&lt;b&gt;\uFFFD"),
          Arguments.of("http://evil.example/\u202Etxt.exe", "\u202E",
              "http://evil.example/\uFFFDtxt.exe"));
    }

    @ParameterizedTest
    @MethodSource("hostileTargets")
    void targetIsNeverReflectedRaw(String target, String raw, String escaped) {
      for (String lang : new String[] {null, EN}) {
        String html = PAGES.html(facts(target), lang);
        assertThat(html).contains("<dd>" + escaped + "</dd>").doesNotContain(raw);
        assertOnlyOurMarkup(html);
      }
    }

    @Test
    void veryLongTargetsAreCut() {
      String target = "http://x/" + "A".repeat(100_000) + "TAILMARK<script>";
      String html = PAGES.html(facts(target), null);
      String shown = "http://x/" + "A".repeat(LocalizedBlockPages.MAX_TARGET - 9) + "\u2026";
      assertThat(html).contains("<dd>" + shown + "</dd>").doesNotContain("TAILMARK", "<script");
      assertThat(html.length()).isLessThan(6_000);
    }

    @Test
    void longTargetsMadeOfEscapedCharactersStayBounded() {
      String html = PAGES.html(facts("<\"'&>".repeat(10_000)), null);
      assertThat(html.length()).isLessThan(3_000 + 6 * LocalizedBlockPages.MAX_TARGET);
      assertOnlyOurMarkup(html);
    }

    static Stream<Arguments> hostileFields() {
      String p = "\"><script>alert(1)</script>\r\nX: y";
      return Stream.<Function<String, BlockFacts>>of(
          v -> new BlockFacts(REQUEST_ID, TUESDAY, "http://x/", v,
              decision(ReasonCode.URL_BLOCKED, "r", "c", "a"), CONTACT),
          v -> new BlockFacts(REQUEST_ID, TUESDAY, "http://x/", "u",
              decision(ReasonCode.URL_BLOCKED, v, "c", "a"), CONTACT),
          v -> new BlockFacts(REQUEST_ID, TUESDAY, "http://x/", "u",
              decision(ReasonCode.URL_BLOCKED, "r", v, "a"), CONTACT),
          v -> new BlockFacts(REQUEST_ID, TUESDAY, "http://x/", "u",
              decision(ReasonCode.URL_BLOCKED, "r", "c", v), CONTACT),
          v -> new BlockFacts(REQUEST_ID, TUESDAY, "http://x/", "u",
              decision(ReasonCode.URL_BLOCKED, "r", "c", "a"), v),
          v -> new BlockFacts(v, TUESDAY, "http://x/", "u",
              decision(ReasonCode.URL_BLOCKED, "r", "c", "a"), CONTACT))
          .map(f -> Arguments.of(f.apply(p)));
    }

    @ParameterizedTest
    @MethodSource("hostileFields")
    void everyFieldIsEscaped(BlockFacts f) {
      for (String lang : new String[] {null, EN}) {
        String html = PAGES.html(f, lang);
        assertThat(html).doesNotContain("<script", "\r", "\nX: y")
            .contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;X: y");
        assertOnlyOurMarkup(html);
      }
    }

    @Test
    void hostileAcceptLanguageChangesNothingButTheLanguage() {
      String html = PAGES.html(facts(BlockFixtures.TARGET), "\"><script>alert(1)</script>");
      assertThat(html).contains("<html lang=\"zh-CN\">").doesNotContain("<script");
    }

    @Test
    void summaryPlaceholdersInValuesAreNotExpanded() {
      BlockFacts f = new BlockFacts("{reason}{code}", TUESDAY, "http://x/{requestId}", "u",
          decision(ReasonCode.URL_BLOCKED, "r", null, null), CONTACT);
      assertThat(PAGES.html(f, null)).contains("request ID {reason}{code}.")
          .contains("<dd>http://x/{requestId}</dd>");
    }

    @Test
    void randomHostileStringsNeverBreakOut() {
      String alphabet = "<>\"'&/=;:!-? \t\r\n\u0000\u001F\u007F\u0085\u2028\u202E\uD800\uDC00\uFFFF"
          + "aZ9%\u4E2D\uD83D\uDE00";
      Random random = new Random(20261124);
      for (int i = 0; i < 500; i++) {
        String[] v = new String[7];
        for (int j = 0; j < v.length; j++) {
          StringBuilder s = new StringBuilder();
          for (int n = random.nextInt(40); n > 0; n--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          v[j] = s.toString();
        }
        BlockFacts f = new BlockFacts(v[0], TUESDAY, v[1], v[2],
            decision(ReasonCode.values()[i % ReasonCode.values().length], v[3], v[4], v[5]), v[6]);
        String html = PAGES.html(f, i % 2 == 0 ? null : EN);
        assertOnlyOurMarkup(html);
        assertThat(html).doesNotContain("\r", "\u0000", "\u202E", "\u2028");
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(html)).as(html).isTrue();
        assertThat(html.chars().filter(c -> c == '\n').count())
            .isEqualTo(PAGES.html(new BlockFacts("id", TUESDAY, "t", "u",
                decision(ReasonCode.URL_BLOCKED, present(v[3]), present(v[4]), present(v[5])),
                "c"), null).chars().filter(c -> c == '\n').count());
        assertConnectReasonIsHeaderSafe(PAGES.connectReason(f));
      }
    }

    private static String present(String s) {
      return s.isBlank() || s.replace("\r", "").replace("\n", "").isBlank() ? null : "x";
    }
  }

  @Nested
  class ConnectReason {

    @Test
    void namesCodeRuleCategoryAppAndId() {
      assertThat(PAGES.connectReason(facts(BlockFixtures.TARGET)))
          .isEqualTo("CATEGORY_BLOCKED rule=no-gambling category=gambling id=" + REQUEST_ID);
      assertThat(PAGES.connectReason(facts(decision(ReasonCode.APP_SCHOOL_NOT_FILED, "apps.v2",
          null, "zuoyebang:app"))))
          .isEqualTo("APP_SCHOOL_NOT_FILED rule=apps.v2 app=zuoyebang:app id=" + REQUEST_ID);
      assertThat(PAGES.connectReason(facts(decision(ReasonCode.NOT_ALLOWED, null, null, null))))
          .isEqualTo("NOT_ALLOWED id=" + REQUEST_ID);
    }

    static Stream<String> hostile() {
      return Stream.of("a\r\nSet-Cookie: x=1", "规则", "a b\tc", "x\u0000y\u007F", "\uD800",
          "\"quoted\"", "a;b,c=d", "x".repeat(10_000), "%0d%0a", "\u2028\u0085");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void isHeaderSafeForHostileValues(String v) {
      BlockFacts f = new BlockFacts(v, TUESDAY, v, v, decision(ReasonCode.URL_BLOCKED, v, v, v), v);
      String reason = PAGES.connectReason(f);
      assertConnectReasonIsHeaderSafe(reason);
      assertThat(reason).startsWith("URL_BLOCKED rule=");
    }

    @Test
    void hostileValuesAreReducedNotDropped() {
      BlockFacts f = new BlockFacts("id-1", TUESDAY, "x", null,
          decision(ReasonCode.CATEGORY_BLOCKED, "no gambling\r\nX-Evil: 1", "赌博", null), "");
      assertThat(PAGES.connectReason(f))
          .isEqualTo("CATEGORY_BLOCKED rule=no_gambling__X-Evil:_1 category=__ id=id-1");
    }
  }

  /** Printable ASCII, one line, bounded, and every field a clean token. */
  static void assertConnectReasonIsHeaderSafe(String reason) {
    assertThat(reason).matches("[\\x20-\\x7E]+").doesNotContain("\r", "\n")
        .hasSizeLessThanOrEqualTo(LocalizedBlockPages.MAX_CONNECT_REASON);
    String[] parts = reason.split(" ");
    assertThat(ReasonCode.valueOf(parts[0])).isNotNull();
    for (int i = 1; i < parts.length; i++) {
      assertThat(parts[i]).matches("(rule|category|app|filing|id)=[A-Za-z0-9._:-]{1,128}");
    }
  }

  /** Every tag in the page is one a benign page has: input never adds markup. */
  static void assertOnlyOurMarkup(String html) {
    assertThat(OUR_TAGS).containsAll(tags(html));
    // and every '<' starts one of those tags
    assertThat(html.chars().filter(c -> c == '<').count())
        .isEqualTo(TAG.matcher(html).results().count());
  }

  private static Set<String> tags(String html) {
    Set<String> tags = new LinkedHashSet<>();
    Matcher m = TAG.matcher(html);
    while (m.find()) {
      tags.add(m.group());
    }
    return tags;
  }
}
