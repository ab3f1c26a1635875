package org.campusgate.policy.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interns sets of category ids as small ints, so a table entry that belongs to several categories
 * stores one 16-bit id rather than a set. Real lists have a few hundred distinct combinations.
 */
public final class CategorySets {
  private final int words;
  private final List<long[]> sets = new ArrayList<>();
  private final Map<Key, Integer> ids = new HashMap<>();

  public CategorySets(int categoryCount) {
    this.words = Math.max(1, (categoryCount + 63) >>> 6);
  }

  public int words() {
    return words;
  }

  /** The id of the set holding just {@code category}. */
  public int single(int category) {
    long[] bits = new long[words];
    bits[category >>> 6] |= 1L << category;
    return intern(bits);
  }

  /** The id of the union of two interned sets; usable as a table builder's merge operator. */
  public int union(int a, int b) {
    if (a == b) {
      return a;
    }
    long[] bits = sets.get(a).clone();
    long[] other = sets.get(b);
    for (int i = 0; i < words; i++) {
      bits[i] |= other[i];
    }
    return intern(bits);
  }

  private int intern(long[] bits) {
    Key key = new Key(bits);
    Integer id = ids.get(key);
    if (id == null) {
      id = sets.size();
      if (id > 0xFFFF) {
        throw new IllegalStateException("more than 65536 distinct category combinations");
      }
      sets.add(bits);
      ids.put(key, id);
    }
    return id;
  }

  /** The interned sets, indexed by id, for the compiled index. */
  long[][] toArray() {
    return sets.toArray(new long[0][]);
  }

  private record Key(long[] bits) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(bits, k.bits);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bits);
    }
  }
}
