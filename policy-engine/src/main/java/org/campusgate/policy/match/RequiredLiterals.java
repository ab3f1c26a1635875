package org.campusgate.policy.match;

import java.util.Locale;

/**
 * Finds a literal that every match of a regular expression must contain, so most URLs can be
 * ruled out with a substring search before RE2/J runs. Conservative by construction: it reads
 * only the top-level concatenation, skips groups, classes and escapes it does not know, and
 * answers "none" for a top-level alternation. A wrong answer here would let a blocked URL through,
 * so when in doubt it gives no literal and the expression always runs.
 */
final class RequiredLiterals {
  private RequiredLiterals() {}

  /** The longest required literal of {@code regex}, lower-cased, or null when none is certain. */
  static String of(String regex) {
    StringBuilder run = new StringBuilder();
    String best = "";
    int n = regex.length();
    for (int i = 0; i < n; i++) {
      char c = regex.charAt(i);
      switch (c) {
        case '\\' -> {
          if (i + 1 >= n) {
            return null;
          }
          char e = regex.charAt(++i);
          if (isLiteralEscape(e)) {
            run.append(e);
          } else if ("dDwWsSbBAz".indexOf(e) >= 0) {
            best = longer(best, run);
          } else {
            return null; // \p{..}, \x.., \Q..\E, back-references: not worth the risk
          }
        }
        case '(' -> {
          best = longer(best, run);
          i = skipGroup(regex, i);
          if (i < 0) {
            return null;
          }
        }
        case '[' -> {
          best = longer(best, run);
          i = skipClass(regex, i);
          if (i < 0) {
            return null;
          }
        }
        case '|' -> {
          return null;
        }
        case '.', '^', '$' -> best = longer(best, run);
        case '?', '*' -> {
          // The preceding atom is optional: a literal char leaves the run; a lazy marker after
          // another quantifier changes nothing.
          if (run.length() > 0 && !follows(regex, i, "?*+}")) {
            run.setLength(run.length() - 1);
          }
          best = longer(best, run);
        }
        case '+' -> best = longer(best, run);
        case '{' -> {
          int close = regex.indexOf('}', i);
          String body = close < 0 ? null : regex.substring(i + 1, close);
          if (body != null && body.matches("\\d+(,\\d*)?")) {
            if (body.startsWith("0") && run.length() > 0) {
              run.setLength(run.length() - 1);
            }
            best = longer(best, run);
            i = close;
          } else {
            run.append(c);
          }
        }
        default -> run.append(c);
      }
    }
    best = longer(best, run);
    return best.isEmpty() ? null : best.toLowerCase(Locale.ROOT);
  }

  private static boolean follows(String regex, int i, String chars) {
    return i > 0 && chars.indexOf(regex.charAt(i - 1)) >= 0 && (i < 2 || regex.charAt(i - 2) != '\\');
  }

  private static boolean isLiteralEscape(char e) {
    return !Character.isLetterOrDigit(e) && e < 0x80;
  }

  /** Commits the run if it is the longest so far; the run ends either way. */
  private static String longer(String best, StringBuilder run) {
    String candidate = run.toString();
    run.setLength(0);
    return candidate.length() > best.length() ? candidate : best;
  }

  /** Index of the ')' closing the group opened at {@code open}, or -1. */
  private static int skipGroup(String regex, int open) {
    int depth = 0;
    for (int i = open; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        i = skipClass(regex, i);
        if (i < 0) {
          return -1;
        }
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the ']' closing the class opened at {@code open}, or -1. */
  private static int skipClass(String regex, int open) {
    int i = open + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++; // a leading ']' is a member
    }
    for (; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[' && i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
        int end = regex.indexOf(":]", i + 2);
        if (end < 0) {
          return -1;
        }
        i = end + 1;
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code text} contains {@code lowerLiteral}, ignoring ASCII case. */
  static boolean containsIgnoreCase(String text, String lowerLiteral) {
    int m = lowerLiteral.length();
    char first = lowerLiteral.charAt(0);
    char firstUpper = Character.toUpperCase(first);
    for (int i = 0, last = text.length() - m; i <= last; i++) {
      char c = text.charAt(i);
      if ((c == first || c == firstUpper) && text.regionMatches(true, i + 1, lowerLiteral, 1, m - 1)) {
        return true;
      }
    }
    return false;
  }
}
