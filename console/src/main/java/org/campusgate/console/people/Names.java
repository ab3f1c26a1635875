package org.campusgate.console.people;

import java.util.regex.Pattern;
import org.campusgate.console.core.RefusedRequest;

/**
 * What the console accepts as a login, a group name and a display name. Logins and group names
 * follow the gateway's rule for identities (1..64 of {@code a-z A-Z 0-9 . _ @ -}), so that
 * whatever the console stores the gateway can load; a display name is free text without control
 * characters.
 */
public final class Names {
  /** The gateway's identity rule ({@code IpBindings.Binding}). */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  static final int MAX_DISPLAY = 200;

  private Names() {}

  /** The login, stripped. @throws RefusedRequest 400 {@code invalid-login} */
  public static String login(String text) {
    String s = text == null ? "" : text.strip();
    if (!ID.matcher(s).matches()) {
      throw RefusedRequest.invalid("invalid-login", "'" + shorten(s)
          + "' is not a valid login (1 to 64 of a-z A-Z 0-9 . _ @ -)");
    }
    return s;
  }

  /** The group name, stripped. @throws RefusedRequest 400 {@code invalid-group} */
  public static String group(String text) {
    String s = text == null ? "" : text.strip();
    if (!ID.matcher(s).matches()) {
      throw RefusedRequest.invalid("invalid-group", "'" + shorten(s)
          + "' is not a valid group name (1 to 64 of a-z A-Z 0-9 . _ @ -)");
    }
    return s;
  }

  /**
   * The display name, stripped; {@code login} when none is given.
   *
   * @throws RefusedRequest 400 {@code invalid-display-name}
   */
  public static String displayName(String text, String login) {
    String s = text == null ? "" : text.strip();
    if (s.isEmpty()) {
      return login;
    }
    if (s.length() > MAX_DISPLAY) {
      throw RefusedRequest.invalid("invalid-display-name",
          "the display name is over " + MAX_DISPLAY + " characters");
    }
    if (s.chars().anyMatch(Character::isISOControl)) {
      throw RefusedRequest.invalid("invalid-display-name",
          "the display name of " + login + " contains control characters");
    }
    return s;
  }

  static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
