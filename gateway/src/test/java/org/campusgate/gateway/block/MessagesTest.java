package org.campusgate.gateway.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campusgate.policy.ReasonCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessagesTest {
  private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

  /** ../shared/RULES.md §4, word for word (the one row for three codes is split by code). */
  private static final Map<ReasonCode, String> RULES_4 = Map.ofEntries(
      Map.entry(ReasonCode.APP_PROVIDER_NOT_FILED,
          "该应用未在教育移动互联网应用程序备案管理平台完成提供者备案，禁止在校园内使用。"),
      Map.entry(ReasonCode.APP_FILING_REVOKED, "该应用备案已被撤销。"),
      Map.entry(ReasonCode.APP_FILING_SUSPENDED, "该应用备案已被暂停（下线）。"),
      Map.entry(ReasonCode.APP_PROVIDER_BLACKLISTED, "该应用备案已被列入黑名单。"),
      Map.entry(ReasonCode.APP_PREREQ_MISSING, "该应用未完成ICP备案或网络安全等级保护备案。"),
      Map.entry(ReasonCode.APP_PROVINCIAL_LIST, "该应用不在本省白名单内或已列入黑名单。"),
      Map.entry(ReasonCode.APP_SCHOOL_NOT_FILED, "本校未选用该应用，或其使用者备案尚未经主管教育部门确认。"),
      Map.entry(ReasonCode.APP_SCHOOL_FILING_PENDING,
          "本校未选用该应用，或其使用者备案尚未经主管教育部门确认。"),
      Map.entry(ReasonCode.APP_SHUANGJIAN, "根据\"双减\"规定，该应用（功能）暂不可用。"),
      Map.entry(ReasonCode.APP_AFTER_2100, "线上培训不得晚于21:00。"),
      Map.entry(ReasonCode.MINOR_GAME_TIME,
          "未成年人仅可在周五、周六、周日和法定节假日20:00–21:00使用网络游戏；本校网络不提供游戏服务。"),
      Map.entry(ReasonCode.APP_OUT_OF_SCOPE, "该应用（网址）仅对指定用户或时段开放。"),
      Map.entry(ReasonCode.OUTSIDE_SCHEDULE, "该应用（网址）仅对指定用户或时段开放。"),
      Map.entry(ReasonCode.CATEGORY_BLOCKED, "该网址含有不良信息或不符合本校上网规定，已被过滤。"),
      Map.entry(ReasonCode.URL_BLOCKED, "该网址含有不良信息或不符合本校上网规定，已被过滤。"),
      Map.entry(ReasonCode.AUTH_REQUIRED, "请先完成实名认证后上网。"));

  private final Messages zh = Messages.load(Lang.ZH);
  private final Messages en = Messages.load(Lang.EN);

  @ParameterizedTest
  @EnumSource(ReasonCode.class)
  void everyReasonHasASentenceInBothLanguages(ReasonCode code) {
    assertThat(zh.reason(code)).isNotBlank().containsPattern(CJK);
    assertThat(en.reason(code)).isNotBlank().matches("[A-Z].*[.]")
        .doesNotContain("该", "已被");
    assertThat(en.reason(code)).isNotEqualTo(zh.reason(code));
  }

  @Test
  void chineseSentencesAreThoseOfRulesSection4() {
    RULES_4.forEach((code, text) -> assertThat(zh.reason(code)).as(code.name()).isEqualTo(text));
  }

  @Test
  void bothFilesHaveTheSameKeys() throws IOException {
    assertThat(raw("messages_en.properties").stringPropertyNames())
        .containsExactlyInAnyOrderElementsOf(raw("messages_zh_CN.properties").stringPropertyNames());
  }

  @Test
  void filesAreUtf8AndReadAsSuch() throws IOException {
    // what ResourceBundle gives must equal a plain UTF-8 read: no mojibake from an ISO-8859-1 fallback
    Properties utf8 = raw("messages_zh_CN.properties");
    utf8.stringPropertyNames().forEach(k -> assertThat(zh.get(k)).isEqualTo(utf8.getProperty(k)));
    assertThat(zh.get("page.heading")).isEqualTo("访问已被拦截");
  }

  @Test
  void templatesUseOnlyKnownPlaceholders() {
    for (Messages m : new Messages[] {zh, en}) {
      assertThat(placeholders(m.get("summary"))).containsExactlyInAnyOrder("reason", "code", "requestId");
      assertThat(placeholders(m.get("policy.version"))).containsExactly("version");
      m.all().forEach((k, v) -> {
        if (!k.equals("summary") && !k.equals("policy.version")) {
          assertThat(v).as(k).doesNotContain("{", "}");
        }
      });
    }
  }

  @Test
  void timePatternsAreValid() {
    DateTimeFormatter.ofPattern(zh.get("time.pattern"), Lang.ZH.locale);
    DateTimeFormatter.ofPattern(en.get("time.pattern"), Lang.EN.locale);
  }

  private static java.util.List<String> placeholders(String template) {
    Matcher m = PLACEHOLDER.matcher(template);
    java.util.List<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Properties raw(String file) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Messages.class.getResourceAsStream(file)) {
      assertThat(in).as(file).isNotNull();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }
}
