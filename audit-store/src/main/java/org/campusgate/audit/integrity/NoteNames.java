package org.campusgate.audit.integrity;

/** The C2SP signed-note rule for key names: non-empty, no Unicode spaces, no '+'. */
final class NoteNames {

  private NoteNames() {}

  static boolean isValid(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c)
          || Character.isISOControl(c) || Character.isSurrogate(c) && !validSurrogate(name, i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  static String check(String name) {
    if (!isValid(name)) {
      throw new IllegalArgumentException("invalid key name '" + name
          + "': it must be non-empty, without spaces, control characters or '+'");
    }
    return name;
  }
}
