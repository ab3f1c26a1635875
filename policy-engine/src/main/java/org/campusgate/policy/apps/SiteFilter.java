package org.campusgate.policy.apps;

/**
 * A blocked Bloom filter over the "sites" (the last two labels) of every host the catalogue
 * names, so a request to a host no app could match, by far the common case, costs one short
 * hash and one 64-bit word (three bits in it) of a table of at most 1 MiB, one cache line, not
 * a walk over a 200,000-entry domain table. False positives (a few per cent at 8 bits per site)
 * only cost that walk; there are no false negatives.
 */
final class SiteFilter {
  private static final int MAX_BITS_LOG2 = 23;
  private final long[] bits;
  private final int mask;
  /** A one-label fingerprint ("localhost") has no site: everything must be looked up. */
  private final boolean passAll;

  private SiteFilter(long[] bits, int mask, boolean passAll) {
    this.bits = bits;
    this.mask = mask;
    this.passAll = passAll;
  }

  static SiteFilter of(Iterable<String> hosts, int count) {
    int log2 = 10;
    while (log2 < MAX_BITS_LOG2 && (1L << log2) < 8L * count) {
      log2++;
    }
    long[] bits = new long[(1 << log2) >>> 6];
    int mask = bits.length - 1;
    boolean passAll = false;
    for (String host : hosts) {
      int start = siteStart(host);
      if (start == 0 && host.indexOf('.') < 0) {
        passAll = true;
      }
      long h = hash(host, start);
      bits[(int) (h >>> 40) & mask] |= pattern(h);
    }
    return new SiteFilter(bits, mask, passAll);
  }

  /** False when no catalogue host can be {@code host} or one of its parents. */
  boolean mightMatch(String host) {
    if (passAll) {
      return true;
    }
    long h = hash(host, siteStart(host));
    long p = pattern(h);
    return (bits[(int) (h >>> 40) & mask] & p) == p;
  }

  /** Three bits of a word, chosen by three 6-bit slices of the hash. */
  private static long pattern(long h) {
    return (1L << (h & 63)) | (1L << ((h >>> 6) & 63)) | (1L << ((h >>> 12) & 63));
  }

  /** Where the last two labels begin. */
  private static int siteStart(String host) {
    int last = host.lastIndexOf('.');
    if (last <= 0) {
      return 0;
    }
    return host.lastIndexOf('.', last - 1) + 1;
  }

  private static long hash(String s, int from) {
    long h = 0x9E3779B97F4A7C15L;
    for (int i = from; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    return h;
  }
}
