package org.campusgate.gateway.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Strict reading of a {@code Proxy-Authorization} header value (RFC 7617, RFC 9110 §11). Never
 * throws for bad input: it answers {@link Malformed} with a reason.
 *
 * <p>The credentials are decoded as UTF-8 (what current browsers send); bytes that are not
 * valid UTF-8 are read as ISO-8859-1, what older clients send. The user id ends at the first
 * colon, so the password may contain colons. Control characters are refused in both parts.
 */
final class BasicCredentials {
  /** Longest header value read; longer ones are refused unread. */
  static final int MAX_HEADER = 4096;
  static final int MAX_USERNAME = 256;

  private BasicCredentials() {}

  sealed interface Parsed {}

  /** Basic credentials; the caller zeroes {@code password} when done. */
  record Credentials(String username, char[] password) implements Parsed {}

  /** Basic, but unreadable; {@code tried} is the user id when one could be read, else null. */
  record Malformed(String reason, String tried) implements Parsed {}

  /** Another scheme (Bearer, Negotiate, ...): not ours to judge. */
  record OtherScheme(String scheme) implements Parsed {}

  static Parsed parse(String header) {
    if (header.length() > MAX_HEADER) {
      return new Malformed("header longer than " + MAX_HEADER + " characters", null);
    }
    String h = strip(header);
    if (h.isEmpty()) {
      return new Malformed("empty header", null);
    }
    int sp = 0;
    while (sp < h.length() && h.charAt(sp) != ' ' && h.charAt(sp) != '\t') {
      sp++;
    }
    String scheme = h.substring(0, sp);
    if (!scheme.equalsIgnoreCase("Basic")) {
      return isToken(scheme) ? new OtherScheme(scheme)
          : new Malformed("not an authorization scheme", null);
    }
    String token = strip(h.substring(sp));
    if (token.isEmpty()) {
      return new Malformed("Basic without credentials", null);
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      return new Malformed("credentials are not Base64", null);
    }
    char[] text = decode(raw);
    Arrays.fill(raw, (byte) 0);
    try {
      int colon = -1;
      for (int i = 0; i < text.length; i++) {
        if (text[i] == ':') {
          colon = i;
          break;
        }
      }
      if (colon < 0) {
        return new Malformed("no colon between user id and password", null);
      }
      String user = new String(text, 0, colon);
      if (user.isEmpty()) {
        return new Malformed("empty user id", null);
      }
      if (user.length() > MAX_USERNAME) {
        return new Malformed("user id longer than " + MAX_USERNAME + " characters",
            user.substring(0, MAX_USERNAME));
      }
      if (hasControl(text, 0, colon)) {
        return new Malformed("control character in the user id", user);
      }
      if (colon == text.length - 1) {
        return new Malformed("empty password", user);
      }
      if (hasControl(text, colon + 1, text.length)) {
        return new Malformed("control character in the password", user);
      }
      return new Credentials(user, Arrays.copyOfRange(text, colon + 1, text.length));
    } finally {
      Arrays.fill(text, '\0');
    }
  }

  private static char[] decode(byte[] raw) {
    CharBuffer cb;
    try {
      cb = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw));
    } catch (CharacterCodingException notUtf8) {
      cb = StandardCharsets.ISO_8859_1.decode(ByteBuffer.wrap(raw));
    }
    char[] out = new char[cb.remaining()];
    cb.get(out);
    if (cb.hasArray()) {
      Arrays.fill(cb.array(), '\0');
    }
    return out;
  }

  private static boolean hasControl(char[] s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isISOControl(s[i])) {
        return true;
      }
    }
    return false;
  }

  /** RFC 9110 token characters. */
  private static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String strip(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && (s.charAt(b) == ' ' || s.charAt(b) == '\t')) {
      b++;
    }
    while (e > b && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
      e--;
    }
    return s.substring(b, e);
  }

  /**
   * A tried user id made safe to record and show: control, format (bidi overrides, zero-width)
   * and unpaired surrogate characters become '?', and it is cut to 64 code points.
   */
  static String sanitize(String tried) {
    if (tried == null || tried.isEmpty()) {
      return "(malformed)";
    }
    StringBuilder b = new StringBuilder();
    int n = 0;
    for (int i = 0; i < tried.length() && n < 64; n++) {
      int c = tried.codePointAt(i);
      i += Character.charCount(c);
      int type = Character.getType(c);
      boolean bad = Character.isISOControl(c) || type == Character.FORMAT
          || type == Character.SURROGATE || type == Character.UNASSIGNED
          || type == Character.PRIVATE_USE || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR;
      b.appendCodePoint(bad ? '?' : c);
    }
    return b.toString();
  }
}
