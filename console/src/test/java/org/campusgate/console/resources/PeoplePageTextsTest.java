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
import org.junit.jupiter.api.Test;

/**
 * The users, admin-log and token pages show no untranslated key: every text they name exists in
 * Chinese and in English, and the two bundles of each area hold the same keys.
 */
class PeoplePageTextsTest {
  private static final List<String> PAGES = List.of("people.html", "js/people.js",
      "admin-log.html", "js/admin-log.js", "tokens.html", "js/tokens.js");
  private static final Pattern KEY = Pattern.compile(
      "data-i18n(?:-placeholder|-title)?=\"([a-z0-9.-]+)\"|\\bt\\('([a-z0-9.-]+)'");

  @Test
  void bothLanguagesHaveTheSameKeys() throws Exception {
    for (String area : List.of("people", "admin")) {
      assertThat(bundle(area + "_zh_CN").stringPropertyNames())
          .as(area).isEqualTo(bundle(area).stringPropertyNames());
    }
  }

  @Test
  void everyTextThePagesNameExistsInBothLanguages() throws Exception {
    for (String suffix : List.of("", "_zh_CN")) {
      Set<String> keys = new HashSet<>();
      for (String area : List.of("messages", "people", "admin")) {
        keys.addAll(bundle(area + suffix).stringPropertyNames());
      }
      for (String page : PAGES) {
        Matcher m = KEY.matcher(resource("/assets/" + page));
        while (m.find()) {
          String key = m.group(1) != null ? m.group(1) : m.group(2);
          if (key.endsWith(".")) {
            continue; // a prefix completed at run time, e.g. 'user.role.' + role
          }
          assertThat(keys).as(page + " (" + (suffix.isEmpty() ? "en" : "zh") + ")").contains(key);
        }
      }
    }
  }

  private static Properties bundle(String name) throws Exception {
    Properties p = new Properties();
    try (InputStream in = PeoplePageTextsTest.class.getResourceAsStream(
        "/org/campusgate/console/ui/" + name + ".properties")) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  private static String resource(String path) throws Exception {
    try (InputStream in = PeoplePageTextsTest.class.getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
