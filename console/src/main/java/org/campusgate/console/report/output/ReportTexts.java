package org.campusgate.console.report.output;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report's texts in one language (bundle {@code report/output/texts}, Simplified Chinese
 * by default, English with {@code en}) and its number and time formats. Placeholders are
 * {@code {name}}; values are plain text (the writers escape them).
 */
public final class ReportTexts {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9_.-]+)}");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final String lang;
  private final Locale locale;
  private final ResourceBundle bundle;
  private final ZoneId zone;

  /**
   * @param lang {@code zh} or {@code en}
   * @param zone the zone times are shown in
   */
  public ReportTexts(String lang, ZoneId zone) {
    this.lang = language(lang);
    this.locale = this.lang.equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    this.bundle = ResourceBundle.getBundle("org.campusgate.console.report.output.texts",
        this.lang.equals("en") ? Locale.ROOT : Locale.SIMPLIFIED_CHINESE,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** {@code en} or {@code zh} (anything else, and null, is Chinese). */
  public static String language(String asked) {
    return "en".equals(asked) ? "en" : "zh";
  }

  public String lang() {
    return lang;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The text of a key; a missing key shows as itself so a gap is visible, not fatal. */
  public String get(String key) {
    try {
      return bundle.getString(key);
    } catch (MissingResourceException e) {
      return key;
    }
  }

  /** Whether the bundle has a text for the key. */
  public boolean has(String key) {
    return bundle.containsKey(key);
  }

  /** The text of a key with its {@code {name}} placeholders filled (unknown names: "–"). */
  public String get(String key, Map<String, String> values) {
    return fill(get(key), values);
  }

  /** Fills {@code {name}} placeholders from {@code values}; a name without a value shows "–". */
  static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "–" : v));
    }
    m.appendTail(out);
    return out.toString();
  }

  public String number(long n) {
    return NumberFormat.getIntegerInstance(locale).format(n);
  }

  /** A ratio 0..1 as a percentage with one decimal. */
  public String percent(double ratio) {
    NumberFormat f = NumberFormat.getPercentInstance(locale);
    f.setMaximumFractionDigits(1);
    return f.format(ratio);
  }

  /** An instant in the report's zone, to the minute; "–" for null. */
  public String time(Instant at) {
    return at == null ? get("none.time") : TIME.format(at.atZone(zone));
  }

  public String day(LocalDate day) {
    return day == null ? "–" : day.toString();
  }

  public String yesNo(boolean yes) {
    return get(yes ? "yes" : "no");
  }

  /** A reason code as "name (CODE)" when its name is known. */
  public String reason(String code) {
    if (code == null) {
      return "–";
    }
    return has("reason." + code) ? get("reason." + code) + " (" + code + ")" : code;
  }

  /** A category by its name when known, else its key; null: uncategorised. */
  public String category(String key) {
    if (key == null || key.isEmpty()) {
      return get("category.none");
    }
    return has("category." + key) ? get("category." + key) + " (" + key + ")" : key;
  }
}
