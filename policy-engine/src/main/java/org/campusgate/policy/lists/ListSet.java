package org.campusgate.policy.lists;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The categories a policy can refer to, keyed by name, plus UT1's alias names (e.g. {@code porn} →
 * {@code adult}). Immutable.
 */
public record ListSet(SortedMap<String, CategoryList> categories, Map<String, String> aliases) {

  public static final ListSet EMPTY = new ListSet(new TreeMap<>(), Map.of());

  public ListSet {
    categories = Collections.unmodifiableSortedMap(new TreeMap<>(categories));
    aliases = Map.copyOf(aliases);
  }

  /** The category called {@code name} or one of its aliases. */
  public Optional<CategoryList> find(String name) {
    CategoryList list = categories.get(name);
    if (list == null && aliases.containsKey(name)) {
      list = categories.get(aliases.get(name));
    }
    return Optional.ofNullable(list);
  }

  public long entryCount() {
    return categories.values().stream().mapToLong(CategoryList::size).sum();
  }
}
