package org.campusgate.policy.lists;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.campusgate.policy.url.CanonicalUrl;
import org.campusgate.policy.url.InvalidUrlException;
import org.campusgate.policy.url.UrlCanonicaliser;

/**
 * Turns one raw list entry into its canonical form, the same way for UT1 files and for the
 * custom lists in a policy document. Each method throws {@link IllegalArgumentException} with a
 * message fit to show the admin next to the file and line.
 */
public final class ListEntries {
  private ListEntries() {}

  /** A {@code domains} entry: canonical host. */
  public static String domain(String raw) {
    String entry = raw.strip();
    if (hasSpace(entry) || entry.indexOf('/') >= 0) {
      throw new IllegalArgumentException("not a domain: '" + printable(entry) + "'");
    }
    try {
      return UrlCanonicaliser.canonicaliseHost(entry);
    } catch (InvalidUrlException e) {
      throw new IllegalArgumentException(e.getMessage() + ": '" + printable(entry) + "'");
    }
  }

  /** A {@code urls} entry: lower-case {@code host/path[?query]}, host without its service label. */
  public static String url(String raw) {
    String entry = raw.strip();
    if (hasSpace(entry)) {
      throw new IllegalArgumentException("not a URL: '" + printable(entry) + "'");
    }
    try {
      CanonicalUrl canonical = UrlCanonicaliser.canonicalise(entry.contains("://") ? entry : "http://" + entry);
      return UrlKeys.stripServiceLabel(canonical.host()) + UrlKeys.asciiLowerCase(canonical.pathAndQuery());
    } catch (InvalidUrlException e) {
      throw new IllegalArgumentException(e.getMessage() + ": '" + printable(entry) + "'");
    }
  }

  /** An {@code expressions} entry: checked to compile with RE2/J (linear-time, no backreferences). */
  public static String expression(String raw) {
    String entry = raw.strip();
    try {
      Pattern.compile(entry);
      return entry;
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regular expression (" + e.getDescription() + "): '" + printable(entry) + "'");
    }
  }

  private static boolean hasSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Messages quote the entry; keep control characters out of terminals and logs. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder(Math.min(s.length(), 120));
    for (int i = 0; i < s.length() && out.length() < 120; i++) {
      char c = s.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.toString();
  }
}
