package org.campusgate.gateway.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Removes hop-by-hop headers (RFC 9110 §7.6.1) from a message that crosses the gateway: {@code
 * Connection} and every header it names, {@code Keep-Alive}, {@code Proxy-*}, {@code TE}, {@code
 * Trailer}, {@code Upgrade}. {@code Transfer-Encoding} stays: the codecs re-frame the body with
 * it on each side. Then {@code Via} is appended.
 */
public final class HopByHop {
  public static final String VIA = "1.1 campusgate";

  private HopByHop() {}

  public static void strip(HttpHeaders headers) {
    // One pass over the names; most messages carry only Proxy-Connection or Connection, so the
    // removal list stays tiny. (Listing names() and removing each candidate by lookup cost a
    // visible share of the event loop.)
    List<CharSequence> remove = null;
    List<String> connectionTokens = null;
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = headers.iteratorCharSequence();
        it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> e = it.next();
      CharSequence name = e.getKey();
      if (isHopByHop(name)) {
        if (remove == null) {
          remove = new ArrayList<>(2);
        }
        remove.add(name);
        if (AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONNECTION)) {
          connectionTokens = tokens(e.getValue(), connectionTokens);
        }
      }
    }
    if (remove != null) {
      for (CharSequence name : remove) {
        headers.remove(name);
      }
    }
    if (connectionTokens != null) {
      for (String name : connectionTokens) {
        headers.remove(name);
      }
    }
  }

  /** Connection, Keep-Alive, TE, Trailer, Upgrade, Proxy-*. */
  static boolean isHopByHop(CharSequence name) {
    int n = name.length();
    if (n < 2) {
      return false;
    }
    switch (name.charAt(0) | 0x20) {
      case 'c':
        return AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.CONNECTION);
      case 'k':
        return AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.KEEP_ALIVE);
      case 't':
        return AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TE)
            || AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.TRAILER);
      case 'u':
        return AsciiString.contentEqualsIgnoreCase(name, HttpHeaderNames.UPGRADE);
      case 'p':
        return n > 6 && AsciiString.regionMatches(name, true, 0, "proxy-", 0, 6);
      default:
        return false;
    }
  }

  /** The header names a Connection value lists, but never the framing headers. */
  private static List<String> tokens(CharSequence value, List<String> into) {
    List<String> out = into == null ? new ArrayList<>(2) : into;
    for (String token : value.toString().split(",")) {
      String t = token.trim().toLowerCase(Locale.ROOT);
      if (!t.isEmpty() && !t.equals("transfer-encoding") && !t.equals("content-length")) {
        out.add(t);
      }
    }
    return out;
  }

  /** Strips hop-by-hop headers and appends this gateway to {@code Via}. */
  public static void forward(HttpHeaders headers) {
    strip(headers);
    headers.add(HttpHeaderNames.VIA, VIA);
  }
}
