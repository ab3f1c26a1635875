package org.campusgate.policy.url;

/** The path and query rules: unescape fully, resolve dot segments (path only), re-escape. */
final class PathCanonicaliser {
  private PathCanonicaliser() {}

  /** Canonical path for the raw path {@code s[from, to)}, which is empty or starts with '/'. */
  static String path(String s, int from, int to) {
    if (to - from <= 1) {
      return "/";
    }
    if (isCanonicalPath(s, from, to)) {
      return s.substring(from, to);
    }
    byte[] b = PercentCodec.bytes(s, from, to);
    int n = PercentCodec.unescape(b, b.length);
    n = resolveSegments(b, n);
    return PercentCodec.escape(b, n);
  }

  /** Canonical query for the raw query {@code s[from, to)} (the text after '?'). */
  static String query(String s, int from, int to) {
    if (isCanonicalQuery(s, from, to)) {
      return s.substring(from, to);
    }
    byte[] b = PercentCodec.bytes(s, from, to);
    int n = PercentCodec.unescape(b, b.length);
    return PercentCodec.escape(b, n);
  }

  /** True when the rules would not change the path: nothing to (un)escape, no empty or dot segments. */
  private static boolean isCanonicalPath(String s, int from, int to) {
    int segment = from + 1;
    for (int i = from + 1; i <= to; i++) {
      char c = i < to ? s.charAt(i) : '/';
      if (c == '/') {
        int length = i - segment;
        if (length == 0 && i < to) {
          return false; // "//"
        }
        if (s.charAt(i - 1) == '.' && (length == 1 || (length == 2 && s.charAt(i - 2) == '.'))) {
          return false; // "." or ".." segment
        }
        segment = i + 1;
      } else if (PercentCodec.mustEscape(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCanonicalQuery(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (PercentCodec.mustEscape(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Resolves "." and ".." segments (never above the root) and collapses runs of '/' in the
   * unescaped path {@code b[0, n)}, in place; returns the new length. {@code b[0]} is '/'.
   * A path ending in '/', "/." or "/.." keeps a trailing '/'.
   */
  static int resolveSegments(byte[] b, int n) {
    int w = 0; // the output never overtakes the input: each kept segment had its own '/'
    int r = 0;
    boolean trailingSlash = false;
    while (r < n) {
      while (r < n && b[r] == '/') {
        r++;
      }
      if (r == n) {
        trailingSlash = true;
        break;
      }
      int start = r;
      while (r < n && b[r] != '/') {
        r++;
      }
      int length = r - start;
      if (length == 1 && b[start] == '.') {
        trailingSlash = r == n;
      } else if (length == 2 && b[start] == '.' && b[start + 1] == '.') {
        while (w > 0 && b[--w] != '/') {
          // drop the last output segment
        }
        trailingSlash = r == n;
      } else {
        b[w++] = '/';
        System.arraycopy(b, start, b, w, length);
        w += length;
        trailingSlash = false;
      }
    }
    if (w == 0 || trailingSlash) {
      b[w++] = '/';
    }
    return w;
  }
}
