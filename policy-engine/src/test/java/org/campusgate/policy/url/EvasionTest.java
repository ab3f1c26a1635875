package org.campusgate.policy.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Spellings a pupil might use to slip past a block list must meet the list in one canonical
 * form; lookalikes must not.
 */
class EvasionTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "http://example.com/",
      "http://example.com",
      "example.com",
      "example.com/",
      "//example.com/",
      "HTTP://EXAMPLE.COM/",
      "hTTp://ExAmPlE.cOm/",
      "http://example.com./",
      "http://example.com.../",
      "http://.example.com/",
      "http://example..com/",
      "http://...example...com.../",
      "http://%65%78%61%6d%70%6c%65%2e%63%6f%6d/",
      "http://%65xample.com/",
      "http://%2565xample.com/",
      "http://%252565xample.com/",
      "http://www.google.com@example.com/",
      "http://user:pass@example.com/",
      "http://a@b@example.com/",
      "http://ｅｘａｍｐｌｅ．ｃｏｍ/",
      "http://ＥＸＡＭＰＬＥ．ＣＯＭ/",
      "http://example。com/",
      "http://example｡com/",
      "http://%EF%BD%85xample.com/",
      "http://example.com:80/",
      "http://example.com:080/",
      "http://example.com:/",
      "http://example.com/#top",
      "http://example.com/./",
      "http://example.com/a/../",
      "http://example.com/%2e/",
      "http://example.com/%2E%2E/",
      "http://example.com//",
      "http://example.com/../../",
      "http:example.com",
      "http:////example.com/",
      "  http://example.com/  ",
      "http://exam\tple.com/",
  })
  void spellingOfExampleComIsCanonical(String input) throws InvalidUrlException {
    CanonicalUrl url = UrlCanonicaliser.canonicalise(input);

    assertThat(url).hasToString("http://example.com/");
    assertThat(url.hostAndPath()).isEqualTo("example.com/");
    assertThat(url).isEqualTo(new CanonicalUrl("http", "example.com", 80, "/", null));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "http://1.2.3.4/",
      "http://16909060/",
      "http://0x01020304/",
      "http://0X1020304/",
      "http://0100401404/",
      "http://0x1.0x2.0x3.0x4/",
      "http://01.02.03.04/",
      "http://0x1.2.03.4/",
      "http://1.2.772/",
      "http://1.131844/",
      "http://1.2.3.4./",
      "http://%31.2.3.4/",
      "http://%2531.2.3.4/",
      "http://１．２．３．４/",
      "http://[::ffff:1.2.3.4]/",
      "http://[::FFFF:102:304]/",
      "http://[0:0:0:0:0:ffff:1.2.3.4]/",
      "http://1.2.3.4:80/",
  })
  void spellingOfAnIpv4AddressIsTheDottedQuad(String input) throws InvalidUrlException {
    CanonicalUrl url = UrlCanonicaliser.canonicalise(input);

    assertThat(url).hasToString("http://1.2.3.4/");
    assertThat(url.hostIsIpAddress()).isTrue();
  }

  @ParameterizedTest(name = "{0} is not example.com")
  @CsvSource(delimiterString = "->", value = {
      "http://example.com.evil.net/     -> example.com.evil.net/",
      "http://notexample.com/           -> notexample.com/",
      "http://evil.net/?u=example.com   -> evil.net/?u=example.com",
      "http://evil.net/example.com      -> evil.net/example.com",
      "http://example.com%2eevil.net/   -> example.com.evil.net/",
      "http://examp1e.com/              -> examp1e.com/",
      "http://example.co/               -> example.co/",
      "http://xn--exmple-cua.com/       -> xn--exmple-cua.com/",
  })
  void lookalikeStaysDifferent(String input, String hostAndPath) throws InvalidUrlException {
    CanonicalUrl url = UrlCanonicaliser.canonicalise(input);

    assertThat(url.hostAndPath()).isEqualTo(hostAndPath);
    assertThat(url.host()).isNotEqualTo("example.com");
  }

  @ParameterizedTest(name = "{0} is not {1}")
  @CsvSource(delimiterString = "->", value = {
      "http://1.2.3.5/          -> http://1.2.3.4/",
      "http://16909061/         -> http://1.2.3.4/",
      "http://[::ffff:1.2.3.5]/ -> http://1.2.3.4/",
      "http://[::1.2.3.4]/      -> http://1.2.3.4/",
      "http://example.com:8080/ -> http://example.com/",
      "https://example.com/     -> http://example.com/",
  })
  void nearMissIsADifferentDestination(String input, String other) throws InvalidUrlException {
    assertThat(UrlCanonicaliser.canonicalise(input)).isNotEqualTo(UrlCanonicaliser.canonicalise(other));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "http://例子.测试/",
      "http://例子。测试/",
      "http://xn--fsqu00a.xn--0zwm56d/",
      "http://XN--FSQU00A.XN--0ZWM56D/",
      "http://%E4%BE%8B%E5%AD%90.%E6%B5%8B%E8%AF%95/",
      "http://%25E4%25BE%258B%25E5%25AD%2590.%25E6%25B5%258B%25E8%25AF%2595/",
  })
  void idnBecomesPunycode(String input) throws InvalidUrlException {
    assertThat(UrlCanonicaliser.canonicalise(input)).hasToString("http://xn--fsqu00a.xn--0zwm56d/");
  }

  /**
   * A string whose chars are all at most U+00FF is taken as raw ISO-8859-1 bytes, as Netty hands
   * them over: the UTF-8 bytes of "bücher" are an IDN. Bytes that are not UTF-8 are read as
   * Latin-1 text, so "bücher" typed or written in a UTF-8 list file (chars, not bytes) is the same
   * IDN and a list entry matches the punycode a browser sends.
   */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = "->", value = {
      "http://b\u00C3\u00BCcher.de/ -> http://xn--bcher-kva.de/",
      "http://b%C3%BCcher.de/       -> http://xn--bcher-kva.de/",
      "http://b\u00FCcher.de/       -> http://xn--bcher-kva.de/",
      "http://B\u00DCCHER.de/       -> http://xn--bcher-kva.de/",
      "http://b%FCcher.de/          -> http://xn--bcher-kva.de/",
      "http://\u0001\u0080.com/     -> http://%01%80.com/",
  })
  void latin1InputIsTreatedAsBytes(String input, String expected) throws InvalidUrlException {
    assertThat(UrlCanonicaliser.canonicalise(input)).hasToString(expected);
  }

  @Test
  void aLatin1ListEntryMatchesTheBrowsersPunycode() throws InvalidUrlException {
    assertThat(UrlCanonicaliser.canonicaliseHost("bücher.de")).isEqualTo("xn--bcher-kva.de");
    assertThat(UrlCanonicaliser.canonicaliseHost("café.fr")).isEqualTo("xn--caf-dma.fr");
  }

  /**
   * Characters that end a host in a URL cannot be inside one: once unescaped they would let a
   * host read like another host plus a path ({@code example.com%2fevil.net}).
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "http://example.com%2fevil.net/",
      "http://example.com%2Fevil.net/",
      "http://example.com%3fx/",
      "http://evil.net%40example.com/",
      "http://example.com%5cevil.net/",
      "http://example.com%3a80/",
      "http://example.com%252fevil.net/",
      "http://exa\\mple.com/",
  })
  void delimitersInsideAHostAreRejected(String input) {
    assertThatThrownBy(() -> UrlCanonicaliser.canonicalise(input))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessageContaining("character not allowed in a host");
  }
}
