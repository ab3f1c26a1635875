package org.campusgate.policy.lists;

import java.util.List;
import java.util.Map;

/**
 * One category of a block list set, with its entries already canonicalised.
 *
 * @param name the category's key, e.g. {@code gambling}
 * @param displayNames short names by lower-case language code ({@code en}, {@code fr}, ...)
 * @param descriptions descriptions by lower-case language code
 * @param defaultType UT1's {@code usage}: {@code black} or {@code white}, or empty when unknown
 * @param domains canonical hosts; each matches itself and every subdomain
 * @param urls canonical {@code host/path} prefixes, host without a leading {@code www.}-like label
 * @param expressions regular expressions (RE2 syntax) over {@code host/path?query}
 */
public record CategoryList(
    String name,
    Map<String, String> displayNames,
    Map<String, String> descriptions,
    String defaultType,
    List<String> domains,
    List<String> urls,
    List<String> expressions) {

  public CategoryList {
    displayNames = Map.copyOf(displayNames);
    descriptions = Map.copyOf(descriptions);
    domains = List.copyOf(domains);
    urls = List.copyOf(urls);
    expressions = List.copyOf(expressions);
  }

  /** The display name in {@code language}, falling back to English, then to the key. */
  public String displayName(String language) {
    String name = displayNames.get(language);
    if (name == null) {
      name = displayNames.get("en");
    }
    return name == null ? this.name : name;
  }

  public int size() {
    return domains.size() + urls.size() + expressions.size();
  }
}
