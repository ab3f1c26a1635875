package org.campusgate.gateway.block;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import org.campusgate.policy.ReasonCode;

/**
 * The texts of one language, read once from {@code messages_<locale>.properties} beside this
 * class (UTF-8). Loading checks that every key the page uses and a sentence for every
 * {@link ReasonCode} are there, so a missing text fails at start, not on a user's screen.
 */
final class Messages {
  static final String BUNDLE = "org.campusgate.gateway.block.messages";

  /** The keys a page uses besides {@code reason.<CODE>}. */
  static final List<String> PAGE_KEYS = List.of(
      "page.title", "page.heading", "page.help",
      "label.target", "label.reason", "label.rule", "label.category", "label.app", "label.filing",
      "label.time", "label.user", "label.requestId", "label.contact",
      "rule.default", "policy.version", "user.unidentified", "contact.missing", "time.pattern",
      "summary");

  private final Map<String, String> texts;

  private Messages(Map<String, String> texts) {
    this.texts = texts;
  }

  static Messages load(Lang lang) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, lang.locale,
        Messages.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Map<String, String> texts = new HashMap<>();
    for (String key : bundle.keySet()) {
      texts.put(key, bundle.getString(key));
    }
    for (String key : PAGE_KEYS) {
      require(texts, key, lang);
    }
    for (ReasonCode code : ReasonCode.values()) {
      require(texts, reasonKey(code), lang);
    }
    return new Messages(Collections.unmodifiableMap(texts));
  }

  private static void require(Map<String, String> texts, String key, Lang lang) {
    String v = texts.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("block page text missing: " + key + " (" + lang.tag + ")");
    }
  }

  static String reasonKey(ReasonCode code) {
    return "reason." + code.name();
  }

  String get(String key) {
    String v = texts.get(key);
    if (v == null) {
      throw new IllegalArgumentException("no block page text " + key);
    }
    return v;
  }

  String reason(ReasonCode code) {
    return get(reasonKey(code));
  }

  Map<String, String> all() {
    return texts;
  }
}
