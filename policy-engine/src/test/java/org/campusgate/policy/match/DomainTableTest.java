package org.campusgate.policy.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainTableTest {

  private static DomainTable table(String... names) {
    DomainTable.Builder b = DomainTable.builder(names.length, Math::max);
    for (int i = 0; i < names.length; i++) {
      b.add(names[i], i + 1);
    }
    return b.build();
  }

  private static List<Integer> suffixMatches(DomainTable t, String host) {
    List<Integer> values = new ArrayList<>();
    t.forEachSuffixMatch(host, values::add);
    return values;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "example.com           | [1]",
      "www.example.com       | [1]",
      "a.b.c.example.com     | [1]",
      "notexample.com        | []",
      "example.com.evil.net  | []",
      "example.co            | []",
      "com                   | []",
      "ads.tracker.net       | [2, 3]",
      "x.ads.tracker.net     | [2, 3]",
      "tracker.net           | [2]",
      "ds.tracker.net        | [2]",
  })
  void domainEntriesMatchTheDomainAndItsSubdomainsOnLabelBoundaries(String host, String expected) {
    DomainTable t = table("example.com", "tracker.net", "ads.tracker.net");
    assertThat(suffixMatches(t, host).toString()).isEqualTo(expected);
  }

  @Test
  void addingANameTwiceMergesItsValues() {
    DomainTable t = DomainTable.builder(4, (a, b) -> a | b)
        .add("example.com", 1).add("example.com", 4).add("other.org", 2).build();
    assertThat(t.size()).isEqualTo(2);
    assertThat(t.get("example.com")).isEqualTo(5);
    assertThat(t.get("other.org")).isEqualTo(2);
    assertThat(t.get("missing.org")).isEqualTo(-1);
  }

  @Test
  void growsPastItsExpectedSizeAndFindsEveryEntryWithoutFalsePositives() {
    Random random = new Random(42);
    Set<String> names = new HashSet<>();
    while (names.size() < 200_000) {
      names.add(randomName(random));
    }
    DomainTable.Builder b = DomainTable.builder(1_000, (x, y) -> y);
    for (String n : names) {
      b.add(n, n.length());
    }
    DomainTable t = b.build();
    assertThat(t.size()).isEqualTo(names.size());
    for (String n : names) {
      assertThat(t.get(n)).isEqualTo(n.length());
    }
    int misses = 0;
    for (int i = 0; i < 100_000; i++) {
      String probe = randomName(random);
      if (!names.contains(probe)) {
        assertThat(t.get(probe)).isEqualTo(-1);
        misses++;
      }
    }
    assertThat(misses).isGreaterThan(90_000);
  }

  @Test
  void rejectsNamesItCannotStore() {
    DomainTable.Builder b = DomainTable.builder(1, Math::max);
    assertThatThrownBy(() -> b.add("", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.add("a".repeat(254), 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.add("例子.cn", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.add("ok.cn", 70_000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLongHostIsNotAProblem() {
    DomainTable t = table("example.com");
    String host = "a.".repeat(2000) + "example.com";
    assertThat(suffixMatches(t, host)).containsExactly(1);
  }

  private static String randomName(Random random) {
    StringBuilder s = new StringBuilder();
    int labels = 1 + random.nextInt(3);
    for (int l = 0; l < labels; l++) {
      int len = 1 + random.nextInt(12);
      for (int i = 0; i < len; i++) {
        s.append((char) ('a' + random.nextInt(26)));
      }
      s.append('.');
    }
    return s.append(random.nextBoolean() ? "com" : "cn").toString();
  }
}
