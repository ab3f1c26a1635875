package org.campusgate.policy.url;

import java.nio.charset.StandardCharsets;

/** Byte-level helpers shared by the host, path and query rules. */
final class PercentCodec {
  private PercentCodec() {}

  private static final String HEX = "0123456789ABCDEF";

  /**
   * The bytes of {@code s[from, to)}: one byte per char when every char of {@code s} (the whole
   * input) is at most U+00FF, as raw request bytes arrive from Netty in ISO-8859-1; UTF-8
   * otherwise. Only the slow paths need bytes, so the check is not paid by clean input.
   */
  static byte[] bytes(String s, int from, int to) {
    if (isWide(s)) {
      return s.substring(from, to).getBytes(StandardCharsets.UTF_8);
    }
    byte[] b = new byte[to - from];
    for (int i = from; i < to; i++) {
      b[i - from] = (byte) s.charAt(i);
    }
    return b;
  }

  private static boolean isWide(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return true;
      }
    }
    return false;
  }

  /**
   * Percent-unescapes {@code b[0, n)} in place until no valid {@code %XX} remains and returns the
   * new length.
   *
   * <p>Decoding repeatedly until nothing changes (Safe Browsing's rule) has a unique result, and
   * a new escape can only appear at the end of what has been decoded so far. So one pass that
   * re-checks the tail after each byte gives that result in linear time, where naive passes would
   * be quadratic on inputs such as {@code %252525...}.
   */
  static int unescape(byte[] b, int n) {
    int w = 0;
    for (int r = 0; r < n; r++) {
      b[w++] = b[r];
      while (w >= 3 && b[w - 3] == '%') {
        int hi = hexValue(b[w - 2]);
        int lo = hexValue(b[w - 1]);
        if ((hi | lo) < 0) {
          break;
        }
        b[w - 3] = (byte) ((hi << 4) | lo);
        w -= 2;
      }
    }
    return w;
  }

  static int hexValue(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    int lower = c | 0x20;
    if (lower >= 'a' && lower <= 'f') {
      return lower - 'a' + 10;
    }
    return -1;
  }

  /** Safe Browsing escapes controls, space, non-ASCII, {@code '#'} and {@code '%'}; nothing else. */
  static boolean mustEscape(int c) {
    return c <= 0x20 || c >= 0x7F || c == '#' || c == '%';
  }

  /** {@code b[0, n)} as an ASCII string with {@link #mustEscape} bytes as upper-case {@code %XX}. */
  static String escape(byte[] b, int n) {
    int escapes = 0;
    for (int i = 0; i < n; i++) {
      if (mustEscape(b[i] & 0xFF)) {
        escapes++;
      }
    }
    if (escapes == 0) {
      return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }
    byte[] out = new byte[n + 2 * escapes];
    int w = 0;
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xFF;
      if (mustEscape(c)) {
        out[w++] = '%';
        out[w++] = (byte) HEX.charAt(c >> 4);
        out[w++] = (byte) HEX.charAt(c & 0xF);
      } else {
        out[w++] = (byte) c;
      }
    }
    return new String(out, StandardCharsets.ISO_8859_1);
  }
}
