package org.campusgate.policy.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.campusgate.policy.lists.UrlKeys;
import org.campusgate.policy.url.CanonicalUrl;

/**
 * {@code urls} entries: a host (without its {@code www}-like label) and a path prefix. An entry
 * matches a request to that exact host whose path starts with the prefix on a segment boundary:
 * {@code example.com/en} matches {@code /en}, {@code /en/} and {@code /en?x}, not {@code
 * /english}. URL lists are small (tens of thousands), so a plain map serves.
 */
final class UrlPrefixTable {
  private final Map<String, Prefix[]> byHost;

  private record Prefix(String path, int value) {}

  private UrlPrefixTable(Map<String, Prefix[]> byHost) {
    this.byHost = byHost;
  }

  boolean isEmpty() {
    return byHost.isEmpty();
  }

  /** Reports the value of each entry matching {@code url} (a URL, not an authority). */
  void forEachMatch(CanonicalUrl url, DomainTable.MatchSink sink) {
    Prefix[] prefixes = byHost.get(UrlKeys.stripServiceLabel(url.host()));
    if (prefixes == null) {
      return;
    }
    String pathAndQuery = UrlKeys.asciiLowerCase(url.pathAndQuery());
    for (Prefix p : prefixes) {
      String prefix = p.path;
      if (pathAndQuery.startsWith(prefix) && UrlKeys.onSegmentBoundary(pathAndQuery, prefix)) {
        sink.match(p.value);
      }
    }
  }

  static final class Builder {
    private final Map<String, List<Prefix>> byHost = new HashMap<>();

    /** {@code key} is {@code host/path[?query]} as {@link org.campusgate.policy.lists.CategoryList#urls()} holds it. */
    void add(String key, int value) {
      int slash = key.indexOf('/');
      String host = slash < 0 ? key : key.substring(0, slash);
      String path = slash < 0 ? "/" : key.substring(slash);
      byHost.computeIfAbsent(host, h -> new ArrayList<>()).add(new Prefix(path, value));
    }

    UrlPrefixTable build() {
      Map<String, Prefix[]> table = new HashMap<>(byHost.size() * 2);
      byHost.forEach((host, list) -> table.put(host, list.toArray(new Prefix[0])));
      return new UrlPrefixTable(table);
    }
  }
}
