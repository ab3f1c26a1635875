package org.campusgate.gateway.block;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextTest {

  @Test
  void cleanRemovesLineBreaksAndReplacesControls() {
    assertThat(Text.clean("a\r\nb\nc\rd", 100)).isEqualTo("abcd");
    assertThat(Text.clean("a\tb\u000Bc\u000Cd\u0085e\u2028f\u2029g", 100)).isEqualTo("a b c d e f g");
    assertThat(Text.clean("a\u0000b\u0007c\u001Bd\u007Fe\u009Bf", 100))
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
    assertThat(Text.clean(null, 10)).isEmpty();
  }

  @Test
  void cleanReplacesLoneSurrogatesAndKeepsPairs() {
    assertThat(Text.clean("x\uD800y", 100)).isEqualTo("x\uFFFDy");
    assertThat(Text.clean("x\uDC00y", 100)).isEqualTo("x\uFFFDy");
    assertThat(Text.clean("\uDC00\uD800", 100)).isEqualTo("\uFFFD\uFFFD"); // reversed pair
    assertThat(Text.clean("end\uD83D", 100)).isEqualTo("end\uFFFD");
    assertThat(Text.clean("ok \uD83D\uDE00", 100)).isEqualTo("ok \uD83D\uDE00");
  }

  @Test
  void cleanReplacesBidiControlsAndNoncharacters() {
    // "moc.elgoog//:ptth" shown reversed would read as a different URL
    assertThat(Text.clean("http://evil/\u202Emoc.elgoog", 100)).isEqualTo("http://evil/\uFFFDmoc.elgoog");
    assertThat(Text.clean("\u2066a\u2069\u202A", 100)).isEqualTo("\uFFFDa\uFFFD\uFFFD");
    assertThat(Text.clean("\uFFFE\uFFFF\uFDD0", 100)).isEqualTo("\uFFFD\uFFFD\uFFFD");
    assertThat(Text.clean("中文 ü é", 100)).isEqualTo("中文 ü é");
  }

  @Test
  void cleanCapsByCodePointsWithoutSplittingPairs() {
    assertThat(Text.clean("abcdef", 3)).isEqualTo("abc\u2026");
    assertThat(Text.clean("abc", 3)).isEqualTo("abc");
    assertThat(Text.clean("abc\r\n", 3)).isEqualTo("abc"); // only line breaks left: not cut
    String emoji = "\uD83D\uDE00";
    assertThat(Text.clean(emoji.repeat(5), 2)).isEqualTo(emoji + emoji + "\u2026");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "plain text|plain text",
      "a & b|a &amp; b",
      "<script>|&lt;script&gt;",
      "`\"quoted\"`|&quot;quoted&quot;",
      "it's|it&#39;s",
      "&amp;|&amp;amp;",
      "%3Cscript%3E|%3Cscript%3E",
  })
  void htmlEscapesTheFiveSpecialCharacters(String in, String out) {
    assertThat(Text.html(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "no-gambling|no-gambling",
      "rule.v2:a_b-C9|rule.v2:a_b-C9",
      "a b|a_b",
      "a=b|a_b",
      "赌博|__",
      "`x\r\nSet-Cookie: a=b`|x__Set-Cookie:_a_b",
      "`\"quoted\"`|_quoted_",
  })
  void tokenKeepsOnlyTheSafeSet(String in, String out) {
    assertThat(Text.token(in, 64)).isEqualTo(out);
  }

  @Test
  void tokenIsBounded() {
    assertThat(Text.token("x".repeat(1000), 64)).hasSize(64);
    assertThat(Text.token(null, 64)).isEmpty();
    assertThat(Text.token("", 64)).isEmpty();
    assertThat(Text.token("\uD83D\uDE00a", 64)).isEqualTo("_a"); // one code point, one _
  }
}
