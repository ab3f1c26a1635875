package org.campusgate.policy.url;

/**
 * A URL, authority or host that cannot be canonicalised. The message says what is wrong in plain
 * English (for example {@code "empty host"} or {@code "port out of range: 70000"}).
 *
 * <p>Bad input from clients is expected on the request path, so the exception carries no stack
 * trace and is cheap to throw.
 */
public final class InvalidUrlException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Longest piece of input quoted in a message; the input itself may be 8 KiB. */
  private static final int MAX_QUOTED = 80;

  public InvalidUrlException(String message) {
    super(message, null, false, false);
  }

  /** {@code problem + ": " + input}, with the input shortened and control characters made visible. */
  static InvalidUrlException quoting(String problem, CharSequence input) {
    return new InvalidUrlException(problem + ": " + quote(input));
  }

  static String quote(CharSequence input) {
    int n = Math.min(input.length(), MAX_QUOTED);
    StringBuilder out = new StringBuilder(n + 3);
    for (int i = 0; i < n; i++) {
      char c = input.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      } else {
        out.append(c);
      }
    }
    if (input.length() > n) {
      out.append("...");
    }
    return out.toString();
  }
}
