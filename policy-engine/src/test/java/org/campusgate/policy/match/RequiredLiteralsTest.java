package org.campusgate.policy.match;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RequiredLiteralsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = " => ", nullValues = "NONE", value = {
      // UT1's own expressions
      "^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+/search\\?q=[0-9]+$ => /search?q=",
      "(/banner/|/sponsor/|/event.ng/|/Advertisement/|adverts/) => NONE",
      ".*/ymsgr*\\.exe => /ymsg",
      "((google\\..*/search.q=cache)|(images.google.[a-z]+/images.q=tbn)) => NONE",
      // quantifiers make the atom before them optional or repeated
      "casino[0-9]+poker => casino",
      "abc?def => def",
      "abcd?ef => abc",
      "ab*cdef => cdef",
      "ab+cd => ab",
      "abc{0,2}defg => defg",
      "abcde{2}f => abcde",
      "x{foo} => x{foo}",
      // alternation, groups and classes are not literals
      "foo|barbaz => NONE",
      "(a|b)longword(c|d) => longword",
      "[abc]word[]x]more => word",
      "free-PORN => free-porn",
      "\\d+shop\\w => shop",
      "\\p{Han}+ => NONE",
      "^$ => NONE",
  })
  void findsTheLongestLiteralEveryMatchContains(String regex, String expected) {
    assertThat(RequiredLiterals.of(regex)).isEqualTo(expected);
  }

  @Test
  void theLiteralIsInEveryMatch() {
    // Property check: whenever the regex matches, the prefilter must say "maybe".
    String[] regexes = {"ab?c+d*e", "x(y|z)+w{0,3}v", "[a-c]+ab\\.c?d", "q{2,}rs?t", "m.n*o"};
    Random random = new Random(7);
    for (String regex : regexes) {
      String literal = RequiredLiterals.of(regex);
      Pattern p = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
      for (int i = 0; i < 20_000; i++) {
        StringBuilder s = new StringBuilder();
        int len = random.nextInt(12);
        for (int j = 0; j < len; j++) {
          s.append("abcdemnoqrstvwxyz.ABQ".charAt(random.nextInt(21)));
        }
        String text = s.toString();
        if (p.matcher(text).find() && literal != null) {
          assertThat(RequiredLiterals.containsIgnoreCase(text, literal)).as(regex + " on " + text).isTrue();
        }
      }
    }
  }

  @Test
  void containsIgnoresAsciiCase() {
    assertThat(RequiredLiterals.containsIgnoreCase("http-host/Free-Porn/x", "free-porn")).isTrue();
    assertThat(RequiredLiterals.containsIgnoreCase("free-por", "free-porn")).isFalse();
    assertThat(RequiredLiterals.containsIgnoreCase("", "a")).isFalse();
  }
}
