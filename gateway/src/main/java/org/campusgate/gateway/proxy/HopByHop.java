package org.campusgate.gateway.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
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
    List<String> named = new ArrayList<>();
    for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
      for (String token : value.split(",")) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        if (!t.isEmpty() && !t.equals("transfer-encoding") && !t.equals("content-length")) {
          named.add(t);
        }
      }
    }
    headers.remove(HttpHeaderNames.CONNECTION);
    for (String name : named) {
      headers.remove(name);
    }
    headers.remove(HttpHeaderNames.KEEP_ALIVE);
    headers.remove(HttpHeaderNames.TE);
    headers.remove(HttpHeaderNames.TRAILER);
    headers.remove(HttpHeaderNames.UPGRADE);
    List<String> proxyHeaders = new ArrayList<>();
    for (String name : headers.names()) {
      if (name.regionMatches(true, 0, "proxy-", 0, 6)) {
        proxyHeaders.add(name);
      }
    }
    for (String name : proxyHeaders) {
      headers.remove(name);
    }
  }

  /** Strips hop-by-hop headers and appends this gateway to {@code Via}. */
  public static void forward(HttpHeaders headers) {
    strip(headers);
    headers.add(HttpHeaderNames.VIA, VIA);
  }
}
