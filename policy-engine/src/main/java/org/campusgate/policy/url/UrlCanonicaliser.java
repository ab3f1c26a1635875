package org.campusgate.policy.url;

/**
 * Canonicalises URLs, CONNECT/SNI authorities and bare hosts following Google Safe Browsing's
 * "URLs and hashing" rules (API v4), so that every spelling of a destination meets the block
 * lists in one form: {@code HTTP://WWW.Example.COM.:80/a/b/../c#x} becomes {@code
 * http://www.example.com/a/c}, {@code http://ｅｘａｍｐｌｅ．ｃｏｍ/} becomes {@code
 * http://example.com/} and {@code http://0x5D.0xB8.0xD8.0x22/} becomes {@code
 * http://93.184.216.34/}.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>Leading and trailing whitespace (&lt;= 0x20) is trimmed, TAB, CR and LF are removed
 *       everywhere, the fragment (from the first {@code '#'}) is dropped. The scheme is lower-cased;
 *       a missing scheme means {@code http}. As in browsers, http, https, ws, wss and ftp need no
 *       {@code //} and any number of slashes may follow them ({@code http:example.com}); other
 *       schemes need {@code ://}, and without it {@code name:digits} is a host and port. Userinfo
 *       (up to the last {@code '@'} of the authority) is dropped.
 *   <li>Host: percent-unescaped until no escape remains; IDN converted to punycode (the
 *       ideographic and full-width full stops count as dots); leading and trailing dots
 *       stripped, runs of dots collapsed; lower-cased. Bytes that are not valid UTF-8 are read
 *       as Latin-1 text; an IDN conversion that fails leaves the bytes percent-escaped instead.
 *       A host that holds {@code / ? @ \ : [ ]} once unescaped is rejected: it would read like
 *       another host plus a path.
 *   <li>A host whose last label is a number is IPv4 in any {@code inet_aton} form (decimal,
 *       octal, hex, 1 to 4 parts) and becomes a dotted quad, or is rejected when it is not valid.
 *   <li>Bracketed IPv6 is written compressed; IPv4-mapped IPv6 becomes the IPv4 dotted quad.
 *   <li>Path: unescaped until no escape remains, {@code .} and {@code ..} segments resolved
 *       (never above the root), runs of {@code '/'} collapsed. Query: unescaped, slashes and
 *       dots untouched. Both are re-escaped: bytes &lt;= 0x20, &gt;= 0x7F, {@code '#'} and {@code
 *       '%'} as upper-case {@code %XX}.
 * </ol>
 *
 * <p><b>One deliberate difference to Safe Browsing:</b> a non-default port is kept ({@code
 * http://example.com:8080/} stays as it is), because a school may allow a site but not an admin
 * console on another port of it. Safe Browsing drops every port. A default port (http 80, https
 * 443, ...) is still left out of {@link CanonicalUrl#toString()}.
 *
 * <p>Input strings whose chars are all &lt;= U+00FF are taken as ISO-8859-1 bytes (that is how
 * Netty hands over raw request bytes); other strings are encoded as UTF-8 first. Input longer than
 * {@value #MAX_LENGTH} chars is rejected. All methods are thread-safe and allocation-light: an
 * already canonical URL costs a few substrings and the result.
 */
public final class UrlCanonicaliser {
  private UrlCanonicaliser() {}

  /** Longest accepted input, in chars. */
  public static final int MAX_LENGTH = 8192;

  /**
   * Canonicalises a URL; {@code www.google.com} means {@code http://www.google.com/}.
   *
   * @throws InvalidUrlException if there is no host, the port or an IP literal is invalid, or the
   *     input is too long
   */
  public static CanonicalUrl canonicalise(String url) throws InvalidUrlException {
    String s = prepare(url, "URL", true);
    int end = s.length();
    int p = 0;

    String scheme = "http";
    int schemeEnd = schemeColon(s, end);
    if (schemeEnd > 0) {
      String special = specialScheme(s, schemeEnd);
      if (special != null) {
        // Browsers read http:example.com and http:////example.com as http://example.com/.
        scheme = special;
        p = schemeEnd + 1;
        while (p < end && s.charAt(p) == '/') {
          p++;
        }
      } else if (s.startsWith("//", schemeEnd + 1)) {
        scheme = toLowerAscii(s.substring(0, schemeEnd));
        p = schemeEnd + 3;
      }
      // Otherwise "host:port/..." without a scheme: the colon starts a port.
    } else if (s.startsWith("//")) {
      p = 2; // scheme-relative "//host/path"
    }

    // One pass finds the end of the authority, the last '@' (userinfo ends there) and the colons
    // after it (the port's, or too many for a name).
    int authorityEnd = p;
    int hostStart = p;
    int colon = -1;
    int colons = 0;
    for (; authorityEnd < end; authorityEnd++) {
      char c = s.charAt(authorityEnd);
      if (c == '/' || c == '?') {
        break;
      } else if (c == '@') {
        hostStart = authorityEnd + 1;
        colons = 0;
      } else if (c == ':') {
        colon = authorityEnd;
        colons++;
      }
    }
    int hostEnd = hostEnd(s, hostStart, authorityEnd, colon, colons);
    String host = HostCanonicaliser.canonicalise(s, hostStart, hostEnd);
    int port = port(s, hostEnd, authorityEnd);
    if (port < 0) {
      port = CanonicalUrl.defaultPort(scheme);
    }

    int queryStart = s.indexOf('?', authorityEnd);
    int pathEnd = queryStart < 0 ? end : queryStart;
    String path = PathCanonicaliser.path(s, authorityEnd, pathEnd);
    String query = queryStart < 0 ? null : PathCanonicaliser.query(s, queryStart + 1, end);
    return new CanonicalUrl(scheme, host, port, path, query);
  }

  /**
   * Canonicalises {@code host}, {@code host:port} or {@code [v6]:port} as CONNECT and TLS SNI
   * give them. The host follows the URL rules; the port is kept as given (no default is assumed,
   * -1 when absent); scheme, path and query are {@code null}.
   *
   * @throws InvalidUrlException if the host or port is invalid, or the input contains '/', '?'
   *     or '#'
   */
  public static CanonicalUrl canonicaliseAuthority(String authority) throws InvalidUrlException {
    String s = prepare(authority, "authority", false);
    int end = s.length();
    int hostStart = 0;
    int colon = -1;
    int colons = 0;
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        throw InvalidUrlException.quoting("unexpected '" + c + "' in authority", s);
      } else if (c == '@') {
        hostStart = i + 1;
        colons = 0;
      } else if (c == ':') {
        colon = i;
        colons++;
      }
    }
    int hostEnd = hostEnd(s, hostStart, end, colon, colons);
    String host = HostCanonicaliser.canonicalise(s, hostStart, hostEnd);
    return new CanonicalUrl(null, host, port(s, hostEnd, end), null, null);
  }

  /**
   * Canonicalises a bare host (a block-list entry or a TLS SNI name): the host rules only. An
   * unbracketed IPv6 address is accepted and returned in brackets.
   *
   * @throws InvalidUrlException if the host is empty or not a valid IP literal where it must be
   */
  public static String canonicaliseHost(String host) throws InvalidUrlException {
    String s = prepare(host, "host", false);
    if (s.indexOf(':') >= 0 && s.charAt(0) != '[') {
      try {
        return Ipv6Literals.canonicalise("[" + s + "]");
      } catch (InvalidUrlException e) {
        throw InvalidUrlException.quoting("host contains ':' but is not an IPv6 address", s);
      }
    }
    return HostCanonicaliser.canonicalise(s, 0, s.length());
  }

  /**
   * Canonicalises command-line input, which may be a URL or an authority: input containing
   * {@code "://"} is a URL; otherwise {@code host:port} with an all-digit port and no '/', '?'
   * or '#' is an authority; anything else is a URL.
   */
  public static CanonicalUrl canonicaliseInput(String input) throws InvalidUrlException {
    if (input != null && input.indexOf("://") < 0 && looksLikeAuthority(input)) {
      return canonicaliseAuthority(input);
    }
    return canonicalise(input);
  }

  /** True for a canonical IPv4 host: a dotted quad of decimal 0-255 without leading zeros. */
  public static boolean isIpv4Literal(String canonicalHost) {
    return canonicalHost != null && Ipv4.isCanonical(canonicalHost);
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Rule 1 and the length bound: the input without TAB/CR/LF, without the fragment (for URLs),
   * trimmed. Returns the input itself when it is already clean, which is the common case.
   */
  private static String prepare(String input, String what, boolean dropFragment)
      throws InvalidUrlException {
    if (input == null) {
      throw new InvalidUrlException("no " + what + " given");
    }
    if (input.length() > MAX_LENGTH) {
      throw new InvalidUrlException(what + " longer than " + MAX_LENGTH + " characters");
    }
    String s = input;
    if (hasTabOrNewline(s)) {
      StringBuilder clean = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c != '\t' && c != '\r' && c != '\n') {
          clean.append(c);
        }
      }
      s = clean.toString();
    }
    int end = dropFragment ? s.indexOf('#') : -1;
    if (end < 0) {
      end = s.length();
    }
    int start = 0;
    while (start < end && s.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && s.charAt(end - 1) <= ' ') {
      end--;
    }
    if (start == end) {
      throw new InvalidUrlException("empty " + what);
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  private static boolean hasTabOrNewline(String s) {
    // Three intrinsic (vectorised) scans beat one char-by-char loop.
    return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\t') >= 0;
  }

  /** The index of the ':' ending a syntactically valid scheme at the start of {@code s}, or -1. */
  private static int schemeColon(String s, int end) {
    if (end == 0 || !isAsciiLetter(s.charAt(0))) {
      return -1;
    }
    for (int i = 1; i < end; i++) {
      char c = s.charAt(i);
      if (c == ':') {
        return i;
      }
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
        return -1;
      }
    }
    return -1;
  }

  /** The constant for an http, https, ws, wss or ftp scheme {@code s[0, colon)}, else null. */
  private static String specialScheme(String s, int colon) {
    String special = switch (colon) {
      case 2 -> "ws";
      case 3 -> (s.charAt(0) | 0x20) == 'f' ? "ftp" : "wss";
      case 4 -> "http";
      case 5 -> "https";
      default -> null;
    };
    return special != null && s.regionMatches(true, 0, special, 0, colon) ? special : null;
  }

  /**
   * Where the host of {@code s[from, to)} ends: at the port's ':' or at {@code to}. {@code colon}
   * is the last ':' in the range (if {@code colons > 0}) and {@code colons} how many there are.
   */
  private static int hostEnd(String s, int from, int to, int colon, int colons)
      throws InvalidUrlException {
    if (from < to && s.charAt(from) == '[') {
      int close = s.indexOf(']', from);
      if (close < 0 || close >= to) {
        throw InvalidUrlException.quoting("invalid IPv6 literal", s.substring(from, to));
      }
      if (close + 1 < to && s.charAt(close + 1) != ':') {
        throw InvalidUrlException.quoting("unexpected text after IPv6 literal", s.substring(from, to));
      }
      return close + 1;
    }
    if (colons == 0) {
      return to;
    }
    if (colons > 1) {
      throw InvalidUrlException.quoting("invalid host (IPv6 addresses need [brackets])", s.substring(from, to));
    }
    return colon;
  }

  /**
   * The port in {@code s[colon + 1, to)} when {@code colon < to} (the ':' is at {@code colon}),
   * or -1 when there is no port or it is empty.
   */
  private static int port(String s, int colon, int to) throws InvalidUrlException {
    if (colon + 1 >= to) {
      return -1;
    }
    int value = 0;
    for (int i = colon + 1; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw InvalidUrlException.quoting("invalid port", s.substring(colon + 1, to));
      }
      if (value <= 65535) {
        value = value * 10 + (c - '0');
      }
    }
    if (value < 1 || value > 65535) {
      throw InvalidUrlException.quoting("port out of range", s.substring(colon + 1, to));
    }
    return value;
  }

  private static boolean looksLikeAuthority(String input) {
    int start = 0;
    int end = input.length();
    while (start < end && input.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && input.charAt(end - 1) <= ' ') {
      end--;
    }
    int colon = input.lastIndexOf(':', end - 1);
    if (colon < start || colon == end - 1) {
      return false;
    }
    for (int i = colon + 1; i < end; i++) {
      char c = input.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    for (int i = start; i < colon; i++) {
      char c = input.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static String toLowerAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] chars = s.toCharArray();
        for (int j = i; j < chars.length; j++) {
          if (chars[j] >= 'A' && chars[j] <= 'Z') {
            chars[j] += 'a' - 'A';
          }
        }
        return new String(chars);
      }
    }
    return s;
  }
}
