package org.campusgate.policy.lists;

/**
 * The SquidGuard form of a URL for {@code urls} lists: host and path, lower case, with a leading
 * {@code www}, {@code web} or {@code ftp} label (optionally followed by digits) removed from the
 * host, so {@code www2.example.com/a} and {@code example.com/a} are one entry.
 */
public final class UrlKeys {
  private UrlKeys() {}

  /** {@code host} without a leading {@code (www|web|ftp)[0-9]*.} label. */
  public static String stripServiceLabel(String host) {
    int prefix = serviceLabelLength(host);
    return prefix == 0 ? host : host.substring(prefix);
  }

  /** Length of the leading {@code (www|web|ftp)[0-9]*.} of {@code host}, 0 when there is none. */
  static int serviceLabelLength(String host) {
    if (!(host.startsWith("www") || host.startsWith("web") || host.startsWith("ftp"))) {
      return 0;
    }
    int i = 3;
    while (i < host.length() && host.charAt(i) >= '0' && host.charAt(i) <= '9') {
      i++;
    }
    // Keep at least one more label: "www.com" stays as it is.
    if (i < host.length() && host.charAt(i) == '.' && host.indexOf('.', i + 1) > 0) {
      return i + 1;
    }
    return 0;
  }

  /**
   * Whether {@code path} (which starts with {@code prefix}) continues it on a segment boundary:
   * {@code /en} is a prefix of {@code /en}, {@code /en/x} and {@code /en?q}, not of {@code /english}.
   */
  public static boolean onSegmentBoundary(String path, String prefix) {
    if (path.length() == prefix.length() || prefix.endsWith("/")) {
      return true;
    }
    char next = path.charAt(prefix.length());
    return next == '/' || next == '?';
  }

  /** Lower-cases ASCII letters only; list entries and canonical URLs are ASCII. */
  public static String asciiLowerCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] chars = s.toCharArray();
        for (int j = i; j < chars.length; j++) {
          char d = chars[j];
          if (d >= 'A' && d <= 'Z') {
            chars[j] = (char) (d + ('a' - 'A'));
          }
        }
        return new String(chars);
      }
    }
    return s;
  }
}
