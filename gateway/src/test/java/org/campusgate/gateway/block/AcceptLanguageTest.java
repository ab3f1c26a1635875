package org.campusgate.gateway.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptLanguageTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      // the browsers' usual headers
      "en-US,en;q=0.9,zh;q=0.8|EN",
      "zh-CN,zh;q=0.9,en;q=0.8|ZH",
      "zh-CN,zh;q=0.9,en-US;q=0.8,en;q=0.7|ZH",
      "en-GB,en;q=0.9|EN",
      "en|EN",
      "EN-us|EN",
      "zh|ZH",
      "zh-TW,zh;q=0.9|ZH",
      "zh-Hans-CN|ZH",
      // q-values decide, not order
      "zh;q=0.5,en;q=0.6|EN",
      "en;q=0.5,zh|ZH",
      "en;q=0.001|EN",
      "en;q=1.000|EN",
      // a tie goes to the earlier range
      "en;q=0.8,zh;q=0.8|EN",
      "zh;q=0.8,en;q=0.8|ZH",
      // q=0 means "not this one"
      "en;q=0|ZH",
      "en;q=0.000,zh;q=0.1|ZH",
      "zh;q=0,en;q=0.1|EN",
      // unsupported languages fall through to the best supported one, else the default
      "fr-FR,fr;q=0.9|ZH",
      "fr-FR,fr;q=0.9,en;q=0.5|EN",
      "de;q=1,en;q=0.1|EN",
      "ja,zh;q=0.2,en;q=0.1|ZH",
      "*|ZH",
      "de,*;q=0.5,en;q=0.4|ZH",
      "english|ZH",
      "enx|ZH",
      // whitespace and extra parameters are tolerated
      "` en ; q=0.8 , zh ; q=0.5`|EN",
      "en;level=1;q=0.9,zh;q=0.8|EN",
      "en;Q=0.9,zh;q=0.8|EN",
      // malformed ranges or q-values are skipped
      "en;q=abc|ZH",
      "en;q=1.5|ZH",
      "en;q=0.0001|ZH",
      "en;q=-1|ZH",
      "en;q=|ZH",
      "en;q=abc,zh;q=0.1|ZH",
      "zh;q=x,en;q=0.1|EN",
      "e n,en|EN",
      "garbage;;;,,,|ZH",
      "'<script>'|ZH",
      "中文|ZH",
      ",,,en|EN",
      ";q=1,en;q=0.1|EN",
      "abcdefghi,en|EN",
  })
  void negotiates(String header, Lang expected) {
    assertThat(AcceptLanguage.negotiate(header)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\t", ","})
  void absentMeansChinese(String header) {
    assertThat(AcceptLanguage.negotiate(header)).isEqualTo(Lang.ZH);
  }

  @Test
  void hugeHeadersAreReadOnlyInPart() {
    String many = "fr;q=0.9,".repeat(100_000) + "en";
    long start = System.nanoTime();
    assertThat(AcceptLanguage.negotiate(many)).isEqualTo(Lang.ZH); // en is past the bound
    assertThat(AcceptLanguage.negotiate("en," + many)).isEqualTo(Lang.EN);
    assertThat(AcceptLanguage.negotiate("x".repeat(1_000_000))).isEqualTo(Lang.ZH);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }
}
