package org.campusgate.policy.url;

import java.util.Objects;

/**
 * A canonical URL or authority, as produced by {@link UrlCanonicaliser}. Immutable; two values are
 * equal exactly when their canonical forms are equal.
 *
 * @param scheme lower-case scheme ({@code "http"}, {@code "https"}, ...); {@code null} for
 *     authority-only input
 * @param host lower-case ASCII host: IDN as punycode ({@code xn--}), IPv4 as a dotted quad, IPv6 as
 *     {@code "[compressed]"}; anything else that cannot be a DNS name is percent-escaped
 * @param port the explicit port, or the scheme's default (http 80, https 443, ftp 21, ws 80, wss
 *     443); -1 when there is none (authority-only input without a port, or an unknown scheme)
 * @param path starts with {@code "/"}; {@code null} for authority-only input
 * @param query the text after {@code '?'}; {@code null} when there was no {@code '?'}, {@code ""}
 *     for a bare {@code '?'}
 */
public record CanonicalUrl(String scheme, String host, int port, String path, String query) {

  public CanonicalUrl {
    Objects.requireNonNull(host, "host");
  }

  /** True for a {@code host[:port]} from CONNECT or TLS SNI: no scheme, path or query. */
  public boolean isAuthorityOnly() {
    return scheme == null;
  }

  /** True when the host is an IPv4 dotted quad or a bracketed IPv6 literal. */
  public boolean hostIsIpAddress() {
    return (!host.isEmpty() && host.charAt(0) == '[') || UrlCanonicaliser.isIpv4Literal(host);
  }

  /** {@code path} plus {@code "?" + query} when there is a query; null for authority-only values. */
  public String pathAndQuery() {
    if (path == null) {
      return null;
    }
    return query == null ? path : path + "?" + query;
  }

  /**
   * The key list matching works on: {@code host + path} plus {@code "?" + query} when there is a
   * query; just the host for authority-only values. No scheme, no port.
   */
  public String hostAndPath() {
    if (path == null) {
      return host;
    }
    if (query == null) {
      return host.concat(path);
    }
    return new StringBuilder(host.length() + path.length() + query.length() + 1)
        .append(host).append(path).append('?').append(query).toString();
  }

  /**
   * {@code scheme://host[:port]/path[?query]}, the port omitted when it is the scheme's default;
   * {@code host[:port]} for authority-only values.
   */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(64);
    if (scheme != null) {
      out.append(scheme).append("://");
    }
    out.append(host);
    if (port >= 0 && port != defaultPort(scheme)) {
      out.append(':').append(port);
    }
    if (path != null) {
      out.append(path);
    }
    if (query != null) {
      out.append('?').append(query);
    }
    return out.toString();
  }

  /** The default port of {@code scheme}, or -1 when it has none (or is {@code null}). */
  static int defaultPort(String scheme) {
    // equals, not a string switch: the switch hashes the scheme, a fresh string per request.
    if ("http".equals(scheme) || "ws".equals(scheme)) {
      return 80;
    }
    if ("https".equals(scheme) || "wss".equals(scheme)) {
      return 443;
    }
    return "ftp".equals(scheme) ? 21 : -1;
  }
}
