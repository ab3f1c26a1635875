package org.campusgate.policy.match;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.campusgate.policy.lists.CategoryList;
import org.campusgate.policy.url.CanonicalUrl;

/**
 * Every category a policy can name, compiled for lookup: which categories does a request fall
 * in? Domain and URL entries are answered together as a bit set ({@link #match}); regular
 * expressions are costly, so they are asked one category at a time, only when a rule's outcome
 * depends on them ({@link #expressionMatches}). Immutable and thread-safe.
 */
public final class CategoryIndex {
  private final String[] names;
  private final Map<String, Integer> ids;
  private final DomainTable domains;
  private final long[][] sets;
  private final UrlPrefixTable urls;
  private final Pattern[] expressions;
  /** Per category: literals one of which every expression match contains; null to always run. */
  private final String[][] prefilters;
  private final int words;

  private CategoryIndex(Builder b, DomainTable domains, long[][] sets) {
    this.names = b.names.toArray(new String[0]);
    this.ids = Map.copyOf(b.ids);
    this.domains = domains;
    this.sets = sets;
    this.urls = b.urls.build();
    this.expressions = b.expressions.toArray(new Pattern[0]);
    this.prefilters = b.prefilters.toArray(new String[0][]);
    this.words = b.sets.words();
  }

  public int categoryCount() {
    return names.length;
  }

  /** Length of the bit sets {@link #match} returns. */
  public int words() {
    return words;
  }

  public String name(int id) {
    return names[id];
  }

  /** The id of a category, or -1. */
  public int id(String name) {
    Integer id = ids.get(name);
    return id == null ? -1 : id;
  }

  public boolean hasExpressions(int id) {
    return expressions[id] != null;
  }

  public int domainEntries() {
    return domains.size();
  }

  /**
   * The categories whose domain or URL entries match. An authority-only request (CONNECT, SNI)
   * is matched on its host only; an IP literal matches only entries for that exact address.
   */
  public long[] match(CanonicalUrl request) {
    long[] bits = new long[words];
    String host = request.host();
    if (request.hostIsIpAddress()) {
      int value = domains.get(host);
      if (value >= 0) {
        or(bits, sets[value]);
      }
    } else {
      domains.forEachSuffixMatch(host, value -> or(bits, sets[value]));
    }
    if (!request.isAuthorityOnly() && !urls.isEmpty()) {
      urls.forEachMatch(request, category -> bits[category >>> 6] |= 1L << category);
    }
    return bits;
  }

  /**
   * Whether category {@code id}'s expressions match {@code subject}, a request's {@link
   * CanonicalUrl#hostAndPath()}. A substring search for literals the expressions require rules out
   * most URLs before RE2/J runs.
   */
  public boolean expressionMatches(int id, String subject) {
    Pattern p = expressions[id];
    if (p == null) {
      return false;
    }
    String[] literals = prefilters[id];
    if (literals != null) {
      boolean possible = false;
      for (String literal : literals) {
        if (RequiredLiterals.containsIgnoreCase(subject, literal)) {
          possible = true;
          break;
        }
      }
      if (!possible) {
        return false;
      }
    }
    return p.matcher(subject).find();
  }

  private static void or(long[] into, long[] set) {
    for (int i = 0; i < into.length; i++) {
      into[i] |= set[i];
    }
  }

  public static Builder builder(List<CategoryList> categories) {
    return new Builder(categories);
  }

  /** Assigns ids in the given order and loads every entry. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<Pattern> expressions = new ArrayList<>();
    private final List<String[]> prefilters = new ArrayList<>();
    private final UrlPrefixTable.Builder urls = new UrlPrefixTable.Builder();
    private final CategorySets sets;
    private final List<CategoryList> lists;

    private Builder(List<CategoryList> lists) {
      this.lists = List.copyOf(lists);
      this.sets = new CategorySets(lists.size());
    }

    public CategoryIndex build() {
      int domainCount = 0;
      for (CategoryList list : lists) {
        domainCount += list.domains().size();
      }
      DomainTable.Builder table = DomainTable.builder(domainCount, sets::union);
      for (CategoryList list : lists) {
        if (ids.containsKey(list.name())) {
          throw new IllegalArgumentException("category defined twice: " + list.name());
        }
        int id = names.size();
        names.add(list.name());
        ids.put(list.name(), id);
        int single = sets.single(id);
        for (String domain : list.domains()) {
          table.add(domain, single);
        }
        for (String url : list.urls()) {
          urls.add(url, id);
        }
        expressions.add(combine(list.expressions()));
        prefilters.add(prefilter(list.expressions()));
      }
      DomainTable built = table.build();
      return new CategoryIndex(this, built, sets.toArray());
    }

    /** The required literal of each expression, or null when one of them has none. */
    private static String[] prefilter(List<String> expressions) {
      String[] literals = new String[expressions.size()];
      for (int i = 0; i < literals.length; i++) {
        literals[i] = RequiredLiterals.of(expressions.get(i));
        if (literals[i] == null) {
          return null;
        }
      }
      return literals;
    }

    /** One alternation per category: RE2/J runs it in time linear in the URL's length. */
    private static Pattern combine(List<String> expressions) {
      if (expressions.isEmpty()) {
        return null;
      }
      StringBuilder alternation = new StringBuilder();
      for (String e : expressions) {
        if (alternation.length() > 0) {
          alternation.append('|');
        }
        alternation.append("(?:").append(e).append(')');
      }
      return Pattern.compile(alternation.toString(), Pattern.CASE_INSENSITIVE);
    }
  }
}
