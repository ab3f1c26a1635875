package org.campusgate.console.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The audit page shows no raw keys: every text it names exists in Chinese and English. */
class AuditPageTest {
  private static String asset(String path) throws IOException {
    try (InputStream in = AuditPageTest.class.getResourceAsStream("/assets/" + path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ResourceBundle bundle(Locale locale) {
    return ResourceBundle.getBundle("org.campusgate.console.ui.audit", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  private static Set<String> keys(String text, String regex) {
    Set<String> out = new HashSet<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void everyTextThePageNamesExistsInBothLanguages() throws IOException {
    Set<String> zh = bundle(Locale.SIMPLIFIED_CHINESE).keySet();
    Set<String> en = bundle(Locale.ROOT).keySet();
    assertThat(zh).isEqualTo(en);
    Set<String> named = keys(asset("audit.html"), "data-i18n(?:-placeholder)?=\"(audit\\.[^\"]+)\"");
    named.addAll(keys(asset("js/audit.js"), "t\\('(audit\\.[a-z.-]*[a-z])'"));
    assertThat(named).hasSizeGreaterThan(40);
    assertThat(en).containsAll(named);
  }

  @Test
  void theElementsABrowserTestUsesHaveStableIds() throws IOException {
    String html = asset("audit.html");
    for (String id : new String[] {"audit-user", "audit-from", "audit-to", "audit-case",
        "audit-reason", "audit-search", "audit-results", "audit-total"}) {
      assertThat(html).contains("id=\"" + id + "\"");
    }
    assertThat(asset("js/audit.js")).contains("'data-event-id': e.eventId");
    assertThat(html).doesNotContain("<script>").doesNotContain("style=").doesNotContain(" onclick=");
  }
}
