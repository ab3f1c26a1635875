package org.campusgate.policy.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.campusgate.policy.lists.CategoryList;
import org.campusgate.policy.lists.ListSet;
import org.campusgate.policy.match.DomainTable;

/**
 * Plausible, deterministic domain names for tables larger than the UT1 copy we have: name
 * {@code i} is a lower-case label of 7 to 15 letters plus a TLD drawn from a skewed list ({@code
 * com} most often, also {@code net}, {@code org}, {@code cn}, {@code com.cn}, ...), and for 30% of
 * names a short subdomain label in front; about 16 characters on average. The same {@code i}
 * gives the same name on every run and machine, so a table of millions of entries can be
 * rebuilt without keeping the names, and hits can be drawn from it by index.
 */
final class SyntheticDomains {
  /** The size the brief's targets are stated for. */
  static final int FIVE_MILLION = 5_000_000;
  /** Names from here on are never in a table: misses are drawn from this range. */
  private static final long MISS_BASE = 1L << 40;
  private static final String[] TLDS = {
    "com", "com", "com", "com", "net", "org", "cn", "cn", "com.cn", "info", "xyz", "top", "io", "de", "ru"
  };
  private static final String[] SUBDOMAINS = {"www", "m", "shop", "blog", "cdn", "api", "img", "news", "app", "bbs"};
  /** Labels a lookup puts in front of a listed name, as browsers and CDNs do. */
  private static final String[] EXTRA_LABELS = {"www", "m", "static", "img2", "api", "cdn", "video", "s1"};

  private SyntheticDomains() {}

  /** The {@code i}-th synthetic name. */
  static String name(long i) {
    SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L + 0x5DEECE66DL);
    StringBuilder b = new StringBuilder(32);
    if (r.nextInt(10) < 3) {
      b.append(SUBDOMAINS[r.nextInt(SUBDOMAINS.length)]).append('.');
    }
    int length = 7 + r.nextInt(9);
    for (int k = 0; k < length; k++) {
      // A hyphen now and then, never first or last.
      b.append(k > 0 && k < length - 1 && r.nextInt(20) == 0 ? '-' : (char) ('a' + r.nextInt(26)));
    }
    return b.append('.').append(TLDS[r.nextInt(TLDS.length)]).toString();
  }

  /** A table of names {@code 0..n-1}, each with the value {@code i % 64} (a category-set id). */
  static DomainTable table(int n) {
    DomainTable.Builder builder = DomainTable.builder(n, Math::max);
    for (int i = 0; i < n; i++) {
      builder.add(name(i), i & 63);
    }
    return builder.build();
  }

  /** Average length in chars of names {@code 0..n-1}. */
  static double averageLength(int n) {
    long chars = 0;
    for (int i = 0; i < n; i++) {
      chars += name(i).length();
    }
    return chars / (double) n;
  }

  /** A name that is in no table built here (nor, checked by the caller, in UT1). */
  static String miss(SplittableRandom r) {
    return withExtraLabels(name(MISS_BASE + r.nextLong(MISS_BASE)), r);
  }

  /** {@code name} with 0, 1 or 2 extra labels in front, in equal shares. */
  static String withExtraLabels(String name, SplittableRandom r) {
    int extra = r.nextInt(3);
    StringBuilder b = new StringBuilder(name.length() + 16);
    for (int k = 0; k < extra; k++) {
      b.append(EXTRA_LABELS[r.nextInt(EXTRA_LABELS.length)]).append('.');
    }
    return b.append(name).toString();
  }

  /** Every distinct domain entry of every category, in category order. */
  static List<String> ut1Domains(ListSet lists) {
    Set<String> all = new LinkedHashSet<>();
    for (CategoryList list : lists.categories().values()) {
      all.addAll(list.domains());
    }
    return new ArrayList<>(all);
  }

  /** UT1's domain entries in one table, each with its category's index; overlaps keep the larger. */
  static DomainTable ut1Table(ListSet lists) {
    int n = 0;
    for (CategoryList list : lists.categories().values()) {
      n += list.domains().size();
    }
    DomainTable.Builder builder = DomainTable.builder(n, Math::max);
    int category = 0;
    for (CategoryList list : lists.categories().values()) {
      for (String domain : list.domains()) {
        builder.add(domain, category);
      }
      category++;
    }
    return builder.build();
  }
}
