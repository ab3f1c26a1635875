package org.campusgate.gateway.block;

/**
 * Makes client-supplied text fit to show: one line, no control or direction-override characters,
 * no lone surrogates, bounded in length; then escapes it for HTML, or reduces it to a header
 * token. Every dynamic value on a block page passes through {@link #html} (via
 * {@link HtmlWriter}); every value in a CONNECT reason through {@link #token}.
 */
final class Text {
  /** Shown in place of a character that must not be displayed (controls, lone surrogates). */
  static final char REPLACEMENT = '\uFFFD';
  static final char ELLIPSIS = '\u2026';

  private Text() {}

  /**
   * One displayable line of at most {@code maxCodePoints} code points (plus an ellipsis when cut):
   * CR and LF removed, tab and other spacing controls turned into a space, the remaining C0/C1
   * controls, lone surrogates, bidirectional overrides/isolates and noncharacters replaced by
   * U+FFFD. Null gives the empty string. Never splits a surrogate pair.
   */
  static String clean(String s, int maxCodePoints) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), maxCodePoints) + 1);
    int kept = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\r' || cp == '\n') {
        continue;
      }
      if (kept == maxCodePoints) {
        out.append(ELLIPSIS);
        return out.toString();
      }
      out.appendCodePoint(displayable(cp));
      kept++;
    }
    return out.toString();
  }

  private static int displayable(int cp) {
    if (cp == '\t' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
      return ' ';
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
      return REPLACEMENT;
    }
    if (cp <= 0xFFFF && Character.isSurrogate((char) cp)) {
      return REPLACEMENT; // codePointAt returns a lone surrogate as itself
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      return REPLACEMENT; // bidi embeddings/overrides/isolates could make a URL read differently
    }
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
      return REPLACEMENT; // noncharacters
    }
    return cp;
  }

  /**
   * Escapes for HTML text and for a double- or single-quoted attribute value: {@code & < > " '}
   * become character references. Input should already be {@link #clean}ed; this method is total
   * and does not re-check.
   */
  static String html(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String ref = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (ref != null && out == null) {
        out = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (out != null) {
        if (ref != null) {
          out.append(ref);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? s : out.toString();
  }

  /**
   * A header-safe token: every character outside {@code [A-Za-z0-9._:-]} (per code point) becomes
   * {@code _}, cut to {@code maxLength}. Null or empty gives the empty string.
   */
  static String token(String s, int maxLength) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), maxLength));
    int i = 0;
    while (i < s.length() && out.length() < maxLength) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      boolean ok = (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')
          || cp == '.' || cp == '_' || cp == ':' || cp == '-';
      out.append(ok ? (char) cp : '_');
    }
    return out.toString();
  }
}
