package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campusgate.console.report.FindingKind;
import org.junit.jupiter.api.Test;

/** The rectification page's texts exist in Chinese and English, for every finding kind. */
class RectificationResourceTextsTest {
  private static final List<String> PAGES = List.of("rectifications.html", "js/rectifications.js");
  private static final Pattern KEY = Pattern.compile(
      "data-i18n(?:-placeholder|-title)?=\"([a-z0-9.-]+)\"|\\bt\\('([a-z0-9.-]+)'");

  @Test
  void bothLanguagesHaveTheSameKeysAndEveryKind() throws Exception {
    Properties en = bundle("rectifications");
    assertThat(bundle("rectifications_zh_CN").stringPropertyNames())
        .isEqualTo(en.stringPropertyNames());
    for (FindingKind k : FindingKind.values()) {
      assertThat(en.stringPropertyNames()).contains("rect.kind." + k.name());
    }
    assertThat(I18nResource.BUNDLES).contains("rectifications");
  }

  @Test
  void everyTextThePageNamesExists() throws Exception {
    for (String suffix : List.of("", "_zh_CN")) {
      Set<String> keys = new HashSet<>();
      for (String area : List.of("messages", "rectifications")) {
        keys.addAll(bundle(area + suffix).stringPropertyNames());
      }
      for (String page : PAGES) {
        Matcher m = KEY.matcher(resource("/assets/" + page));
        while (m.find()) {
          String key = m.group(1) != null ? m.group(1) : m.group(2);
          if (key.endsWith(".")) {
            continue; // a prefix completed at run time: 'rect.kind.' + kind
          }
          assertThat(keys).as(page + " " + suffix).contains(key);
        }
      }
    }
  }

  private static Properties bundle(String name) throws Exception {
    Properties p = new Properties();
    try (InputStream in = RectificationResourceTextsTest.class.getResourceAsStream(
        "/org/campusgate/console/ui/" + name + ".properties")) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  private static String resource(String path) throws Exception {
    try (InputStream in = RectificationResourceTextsTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
