package org.campusgate.audit.index;

import java.util.ArrayList;
import java.util.List;

/** A host and its parent domains, for "this domain and every subdomain" matching. */
final class Domains {
  /** DNS has at most 127 labels; bounds the terms one event adds. */
  static final int MAX_LABELS = 127;

  private Domains() {}

  /**
   * {@code a.b.example.com} → a.b.example.com, b.example.com, example.com, com. An IP literal
   * has no parents: only itself.
   */
  static List<String> selfAndParents(String host) {
    String h = normalize(host);
    List<String> out = new ArrayList<>(4);
    if (h.isEmpty()) {
      return out;
    }
    out.add(h);
    if (isIpLiteral(h)) {
      return out;
    }
    int from = 0;
    while (out.size() < MAX_LABELS) {
      int dot = h.indexOf('.', from);
      if (dot < 0 || dot == h.length() - 1) {
        break;
      }
      out.add(h.substring(dot + 1));
      from = dot + 1;
    }
    return out;
  }

  /**
   * The indexed form of a host: its labels in reverse order ({@code a.b.example.com} →
   * {@code com.example.b.a}), so a domain and all its subdomains are one term prefix. IP
   * literals are kept as they are.
   */
  static String reversed(String host) {
    String h = normalize(host);
    if (h.isEmpty() || isIpLiteral(h) || h.indexOf('.') < 0) {
      return h;
    }
    StringBuilder out = new StringBuilder(h.length());
    int end = h.length();
    for (int dot = h.lastIndexOf('.', end - 1); ; dot = h.lastIndexOf('.', end - 1)) {
      out.append(h, dot + 1, end);
      if (dot < 0) {
        break;
      }
      out.append('.');
      end = dot;
    }
    return out.toString();
  }

  /** Whether a domain query for this name may match subdomains (not for IP literals). */
  static boolean hasSubdomains(String domain) {
    return !isIpLiteral(normalize(domain));
  }

  /** Lower case, without a trailing dot. */
  static String normalize(String domain) {
    String d = EventFields.lower(domain.strip());
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }

  static boolean isIpLiteral(String h) {
    if (h.indexOf(':') >= 0 || h.startsWith("[")) {
      return true;
    }
    int last = h.lastIndexOf('.');
    String tld = h.substring(last + 1);
    return !tld.isEmpty() && tld.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
