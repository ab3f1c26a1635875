package org.campusgate.policy.url;

import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The host rules: unescape, IDN, dots, case, IPv4 forms, IPv6 literals, then escape. */
final class HostCanonicaliser {
  private HostCanonicaliser() {}

  /** The canonical form of the raw host {@code s[from, to)} (no userinfo, no port) of input {@code s}. */
  static String canonicalise(String s, int from, int to) throws InvalidUrlException {
    if (from >= to) {
      throw new InvalidUrlException("empty host");
    }
    if (s.charAt(from) == '[') {
      return Ipv6Literals.canonicalise(s.substring(from, to));
    }
    if (isCanonicalName(s, from, to)) {
      return s.substring(from, to);
    }
    return slow(s, from, to);
  }

  /**
   * True when the rules would not change {@code s[from, to)}: printable ASCII without upper case,
   * {@code '%'} or stray dots, and not numeric (numeric hosts go through the IPv4 rules).
   */
  private static boolean isCanonicalName(String s, int from, int to) {
    char previous = '.'; // a leading dot is stray too
    int lastLabel = from;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7F || c == '%' || c == '#' || (c >= 'A' && c <= 'Z') || isDelimiter(c)) {
        return false;
      }
      if (c == '.') {
        if (previous == '.') {
          return false;
        }
        lastLabel = i + 1;
      }
      previous = c;
    }
    // A last label starting with a digit may be numeric (decimal or 0x hex): the slow path
    // decides. Ordinary names end in a label starting with a letter.
    if (previous == '.') {
      return false;
    }
    char first = s.charAt(lastLabel);
    return first < '0' || first > '9';
  }

  private static String slow(String s, int from, int to) throws InvalidUrlException {
    byte[] b = PercentCodec.bytes(s, from, to);
    int n = PercentCodec.unescape(b, b.length);
    for (int i = 0; i < n; i++) {
      if (isDelimiter((char) b[i])) {
        throw InvalidUrlException.quoting("character not allowed in a host", PercentCodec.escape(b, n));
      }
    }
    if (!isAscii(b, n)) {
      String idn = toAsciiIdn(b, n);
      if (idn != null) {
        b = idn.getBytes(StandardCharsets.ISO_8859_1);
        n = b.length;
      }
    }
    n = cleanDots(b, n);
    for (int i = 0; i < n; i++) {
      if (b[i] >= 'A' && b[i] <= 'Z') {
        b[i] += 'a' - 'A';
      }
    }
    if (n == 0) {
      throw new InvalidUrlException("empty host");
    }
    if (Ipv4.endsInNumber(b, n)) {
      long address = Ipv4.parse(b, n);
      if (address == Ipv4.INVALID) {
        throw InvalidUrlException.quoting("invalid IPv4 address", PercentCodec.escape(b, n));
      }
      return Ipv4.format(address);
    }
    return PercentCodec.escape(b, n);
  }

  /**
   * The IDNA ASCII form of UTF-8 host bytes, or {@code null} when they are not valid UTF-8 or the
   * conversion fails (the caller then percent-escapes the bytes, as Safe Browsing does).
   */
  private static String toAsciiIdn(byte[] b, int n) {
    CharSequence chars;
    try {
      chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, 0, n));
    } catch (CharacterCodingException e) {
      // Not UTF-8: the bytes were Latin-1 text ("bücher" from a UTF-8 list file or typed), which
      // must meet the punycode browsers send. Controls and the like still fail IDN below.
      chars = new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }
    StringBuilder host = new StringBuilder(chars.length());
    for (int i = 0; i < chars.length(); i++) {
      char c = chars.charAt(i);
      // Ideographic and full-/half-width full stops separate labels just like '.'.
      host.append(c == '\u3002' || c == '\uFF0E' || c == '\uFF61' ? '.' : c);
    }
    String dotted = stripDots(host);
    if (dotted.isEmpty()) {
      return dotted;
    }
    String ascii;
    try {
      ascii = IDN.toASCII(dotted, IDN.ALLOW_UNASSIGNED);
    } catch (RuntimeException e) { // IllegalArgumentException for bad labels; be defensive
      return null;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (ascii.charAt(i) >= 0x80) {
        return null;
      }
    }
    return ascii;
  }

  /** {@code host} without leading and trailing dots and with runs of dots collapsed. */
  private static String stripDots(CharSequence host) {
    StringBuilder out = new StringBuilder(host.length());
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c != '.' || (out.length() > 0 && out.charAt(out.length() - 1) != '.')) {
        out.append(c);
      }
    }
    if (out.length() > 0 && out.charAt(out.length() - 1) == '.') {
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }

  /** {@link #stripDots} in place over bytes; returns the new length. */
  private static int cleanDots(byte[] b, int n) {
    int w = 0;
    for (int r = 0; r < n; r++) {
      if (b[r] != '.' || (w > 0 && b[w - 1] != '.')) {
        b[w++] = b[r];
      }
    }
    if (w > 0 && b[w - 1] == '.') {
      w--;
    }
    return w;
  }

  /**
   * Characters that end a host in a URL, so cannot be inside one: once unescaped they would let a
   * host read like another host plus a path ({@code example.com%2fevil.net}).
   */
  private static boolean isDelimiter(char c) {
    return c == '/' || c == '?' || c == '@' || c == '\\' || c == ':' || c == '[' || c == ']';
  }

  private static boolean isAscii(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }
}
