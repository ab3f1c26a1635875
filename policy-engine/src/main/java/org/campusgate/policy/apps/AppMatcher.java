package org.campusgate.policy.apps;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.format.util.AssociativeAddressTrie.AssociativeTrieNode;
import inet.ipaddr.format.util.DualIPv4v6AssociativeTries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.campusgate.policy.lists.ListEntries;
import org.campusgate.policy.lists.UrlKeys;
import org.campusgate.policy.match.DomainTable;
import org.campusgate.policy.url.CanonicalUrl;

/**
 * Maps a request to at most one catalogue app, the most specific fingerprint winning: a URL
 * prefix (longest first) over a host name (deepest suffix first) over an IP range (longest
 * prefix first). Host names live in a {@link DomainTable}, so an unmapped request, the common
 * case, costs one pass over its host, as a category lookup does.
 */
final class AppMatcher {
  /** Value bit of a {@code *.name} pattern: matches below {@code name}, not {@code name} itself. */
  private static final int BELOW_ONLY = 0x8000;
  /** Apps are numbered in 15 bits, the table's 16-bit value less the flag. */
  static final int MAX_APPS = 0x7FFF;

  private final SiteFilter sites;
  private final DomainTable hosts;
  private final Map<String, Prefix[]> prefixes;
  private final DualIPv4v6AssociativeTries<Integer> ranges;
  private final boolean hasRanges;
  /** One bit per IPv4 /16 that holds a range: most IP-literal requests need no address parse. */
  private final long[] v4Sixteens;

  private record Prefix(String path, int app) {}

  private AppMatcher(SiteFilter sites, DomainTable hosts, Map<String, Prefix[]> prefixes,
      DualIPv4v6AssociativeTries<Integer> ranges, boolean hasRanges, long[] v4Sixteens) {
    this.v4Sixteens = v4Sixteens;
    this.sites = sites;
    this.hosts = hosts;
    this.prefixes = prefixes;
    this.ranges = ranges;
    this.hasRanges = hasRanges;
  }

  /** The index of the app {@code target} maps to, or -1. */
  int match(CanonicalUrl target) {
    if (target.hostIsIpAddress()) {
      return hasRanges ? range(target.host()) : -1;
    }
    if (!sites.mightMatch(target.host())) {
      return -1;
    }
    if (!prefixes.isEmpty() && !target.isAuthorityOnly()) {
      int app = prefix(target);
      if (app >= 0) {
        return app;
      }
    }
    return host(target.host());
  }

  private int host(String host) {
    Deepest deepest = new Deepest();
    if (hosts.forEachSuffixMatch(host, deepest) == 0) {
      return -1;
    }
    if ((deepest.last & BELOW_ONLY) != 0 && hosts.get(host) == deepest.last) {
      // The deepest entry is "*.host" and the request is for host itself: the next one up.
      return deepest.previous < 0 ? -1 : deepest.previous & MAX_APPS;
    }
    return deepest.last & MAX_APPS;
  }

  /** Keeps the two most specific matches (they arrive least specific first). */
  private static final class Deepest implements DomainTable.MatchSink {
    int last = -1;
    int previous = -1;

    @Override
    public void match(int value) {
      previous = last;
      last = value;
    }
  }

  private int prefix(CanonicalUrl url) {
    Prefix[] candidates = prefixes.get(UrlKeys.stripServiceLabel(url.host()));
    if (candidates == null) {
      return -1;
    }
    String path = UrlKeys.asciiLowerCase(url.pathAndQuery());
    for (Prefix p : candidates) {
      if (path.startsWith(p.path) && UrlKeys.onSegmentBoundary(path, p.path)) {
        return p.app;
      }
    }
    return -1;
  }

  private int range(String host) {
    if (host.charAt(0) != '[') {
      int sixteen = firstTwoOctets(host);
      if ((v4Sixteens[sixteen >>> 6] & (1L << sixteen)) == 0) {
        return -1;
      }
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    IPAddress address = new IPAddressString(literal).getAddress();
    if (address == null) {
      return -1;
    }
    AssociativeTrieNode<? extends IPAddress, Integer> node = ranges.longestPrefixMatchNode(address);
    return node == null ? -1 : node.getValue();
  }

  /** The first two octets of a canonical dotted quad, as a 16-bit number. */
  private static int firstTwoOctets(String quad) {
    int a = 0;
    int i = 0;
    for (; quad.charAt(i) != '.'; i++) {
      a = a * 10 + (quad.charAt(i) - '0');
    }
    int b = 0;
    for (i++; quad.charAt(i) != '.'; i++) {
      b = b * 10 + (quad.charAt(i) - '0');
    }
    return a << 8 | b;
  }

  /** Collects fingerprints; every malformed or contested one is reported, none is dropped. */
  static final class Builder {
    private final Map<String, Integer> hostOwners = new HashMap<>();
    private final Map<String, List<Prefix>> prefixes = new HashMap<>();
    private final Map<String, Integer> prefixOwners = new HashMap<>();
    private final Map<String, Integer> rangeOwners = new HashMap<>();
    private final DualIPv4v6AssociativeTries<Integer> ranges = new DualIPv4v6AssociativeTries<>();
    private final long[] v4Sixteens = new long[1024];
    private final List<String> appIds = new ArrayList<>();

    /** Adds the fingerprints of app number {@code index}; returns the problems found. */
    List<String> add(int index, String appId, Fingerprints f) {
      while (appIds.size() <= index) {
        appIds.add(null);
      }
      appIds.set(index, appId);
      List<String> errors = new ArrayList<>();
      for (int i = 0; i < f.domains().size(); i++) {
        host(index, "domains[" + i + "]", f.domains().get(i), false, errors);
      }
      for (int i = 0; i < f.sniPatterns().size(); i++) {
        String raw = f.sniPatterns().get(i).strip();
        boolean below = raw.startsWith("*.");
        host(index, "sni[" + i + "]", below ? raw.substring(2) : raw, below, errors);
      }
      for (int i = 0; i < f.urlPrefixes().size(); i++) {
        String where = "urls[" + i + "]";
        try {
          String key = ListEntries.url(f.urlPrefixes().get(i));
          if (claim(prefixOwners, key, index, where, errors)) {
            int slash = key.indexOf('/');
            prefixes.computeIfAbsent(key.substring(0, slash), h -> new ArrayList<>())
                .add(new Prefix(key.substring(slash), index));
          }
        } catch (IllegalArgumentException e) {
          errors.add(where + ": " + e.getMessage());
        }
      }
      for (int i = 0; i < f.ipRanges().size(); i++) {
        String where = "ips[" + i + "]";
        String raw = f.ipRanges().get(i).strip();
        IPAddress block = new IPAddressString(raw).getAddress();
        if (block == null) {
          errors.add(where + ": not an IP address or CIDR block: '" + raw + "'");
          continue;
        }
        block = block.toPrefixBlock();
        if (claim(rangeOwners, block.toCanonicalString(), index, where, errors)) {
          ranges.put(block, index);
          if (block.isIPv4()) {
            markSixteens(block.getLower().toIPv4().intValue(), block.getNetworkPrefixLength());
          }
        }
      }
      return errors;
    }

    /** Marks every /16 a block of {@code prefix} bits at {@code network} touches. */
    private void markSixteens(int network, Integer prefix) {
      int first = network >>> 16;
      int count = prefix == null || prefix >= 16 ? 1 : 1 << (16 - prefix);
      for (int i = 0; i < count; i++) {
        int bit = first + i;
        v4Sixteens[bit >>> 6] |= 1L << bit;
      }
    }

    private void host(int index, String where, String raw, boolean below, List<String> errors) {
      try {
        String host = ListEntries.domain(raw);
        if (host.length() > DomainTable.MAX_NAME_LENGTH) {
          errors.add(where + ": longer than " + DomainTable.MAX_NAME_LENGTH + " characters");
          return;
        }
        int value = index | (below ? BELOW_ONLY : 0);
        claim(hostOwners, host, value, where, errors);
      } catch (IllegalArgumentException e) {
        errors.add(where + ": " + e.getMessage());
      }
    }

    /** One fingerprint, one app: the same name for two apps would make mapping ambiguous. */
    private boolean claim(Map<String, Integer> owners, String key, int value, String where,
        List<String> errors) {
      Integer previous = owners.putIfAbsent(key, value);
      if (previous == null) {
        return true;
      }
      int owner = previous & MAX_APPS;
      if (owner != (value & MAX_APPS)) {
        errors.add(where + ": '" + key + "' is already a fingerprint of app " + appIds.get(owner));
      } else if (previous != value) {
        owners.put(key, previous & MAX_APPS); // both "name" and "*.name": name wins
      }
      return false;
    }

    AppMatcher build() {
      DomainTable.Builder table = DomainTable.builder(hostOwners.size(), (a, b) -> b);
      hostOwners.forEach(table::add);
      Map<String, Prefix[]> byHost = new HashMap<>(prefixes.size() * 2);
      prefixes.forEach((host, list) -> byHost.put(host, list.stream()
          .sorted(Comparator.comparingInt((Prefix p) -> p.path.length()).reversed())
          .toArray(Prefix[]::new)));
      List<String> siteHosts = new ArrayList<>(hostOwners.keySet());
      siteHosts.addAll(prefixes.keySet());
      SiteFilter sites = SiteFilter.of(siteHosts, siteHosts.size());
      return new AppMatcher(sites, table.build(), byHost, ranges, !rangeOwners.isEmpty(), v4Sixteens);
    }
  }
}
