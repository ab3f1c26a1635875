package org.campusgate.gateway.block;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Chooses the block page language from an {@code Accept-Language} header (RFC 9110 §12.5.4,
 * basic filtering of RFC 4647): the supported language with the highest q-value wins, the earlier
 * range on a tie; {@code q=0} means "not this one"; {@code *} and anything unparsable count for
 * the default, Simplified Chinese. A range matches {@code en} when it is {@code en} or starts with
 * {@code en-} (likewise {@code zh}; Traditional Chinese readers get Simplified, the closer of the
 * two). Malformed ranges or q-values are skipped. Only the first {@value #MAX_CHARS} characters
 * and {@value #MAX_RANGES} ranges are read, so a hostile header costs little.
 */
final class AcceptLanguage {
  static final int MAX_CHARS = 4096;
  static final int MAX_RANGES = 64;

  private static final Pattern RANGE = Pattern.compile("\\*|[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");
  private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

  private AcceptLanguage() {}

  static Lang negotiate(String header) {
    if (header == null || header.isBlank()) {
      return Lang.ZH;
    }
    String h = header.length() > MAX_CHARS ? header.substring(0, MAX_CHARS) : header;
    Lang best = Lang.ZH;
    int bestQ = 0; // in thousandths; a match must have q > 0
    int ranges = 0;
    for (String item : h.split(",", MAX_RANGES + 1)) {
      if (++ranges > MAX_RANGES) {
        break;
      }
      String[] parts = item.split(";");
      String range = parts[0].strip();
      if (!RANGE.matcher(range).matches()) {
        continue;
      }
      int q = 1000;
      boolean valid = true;
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].strip();
        if (param.regionMatches(true, 0, "q=", 0, 2)) {
          String v = param.substring(2);
          if (!QVALUE.matcher(v).matches()) {
            valid = false;
            break;
          }
          q = thousandths(v);
        }
      }
      if (!valid || q == 0) {
        continue;
      }
      Lang lang = match(range.toLowerCase(Locale.ROOT));
      if (lang != null && q > bestQ) {
        bestQ = q;
        best = lang;
      }
    }
    return best;
  }

  private static Lang match(String range) {
    if (range.equals("en") || range.startsWith("en-")) {
      return Lang.EN;
    }
    // zh, zh-*, "*": Chinese; any other language: we have none better, and the default is zh.
    // An unsupported language with a high q must not beat a supported one with a lower q:
    return range.equals("zh") || range.startsWith("zh-") || range.equals("*") ? Lang.ZH : null;
  }

  private static int thousandths(String v) {
    int q = (v.charAt(0) - '0') * 1000;
    int scale = 100;
    for (int i = 2; i < v.length(); i++, scale /= 10) {
      q += (v.charAt(i) - '0') * scale;
    }
    return q;
  }
}
