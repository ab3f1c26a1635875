package org.campusgate.policy.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the value type reports: components, default ports, the list-matching key, IP hosts. */
class CanonicalUrlTest {

  @Test
  void ordinaryUrlHasItsComponents() throws InvalidUrlException {
    CanonicalUrl url = UrlCanonicaliser.canonicalise("http://www.example.com/path/page.html?q=1");

    assertThat(url.scheme()).isEqualTo("http");
    assertThat(url.host()).isEqualTo("www.example.com");
    assertThat(url.port()).isEqualTo(80);
    assertThat(url.path()).isEqualTo("/path/page.html");
    assertThat(url.query()).isEqualTo("q=1");
    assertThat(url.isAuthorityOnly()).isFalse();
    assertThat(url.hostIsIpAddress()).isFalse();
    assertThat(url.hostAndPath()).isEqualTo("www.example.com/path/page.html?q=1");
    assertThat(url).hasToString("http://www.example.com/path/page.html?q=1");
  }

  @ParameterizedTest(name = "{0} -> port {1}, {2}")
  @CsvSource({
      "http://a.com/,        80,   http://a.com/",
      "https://a.com/,       443,  https://a.com/",
      "https://a.com:443/,   443,  https://a.com/",
      "https://a.com:80/,    80,   https://a.com:80/",
      "ftp://a.com/,         21,   ftp://a.com/",
      "ws://a.com/,          80,   ws://a.com/",
      "wss://a.com/,         443,  wss://a.com/",
      "WSS://a.com:8443/,    8443, wss://a.com:8443/",
      "gopher://a.com/,      -1,   gopher://a.com/",
      "gopher://a.com:70/,   70,   gopher://a.com:70/",
      "http://a.com:65535/,  65535, http://a.com:65535/",
  })
  void portIsExplicitOrTheSchemeDefault(String input, int port, String text) throws InvalidUrlException {
    CanonicalUrl url = UrlCanonicaliser.canonicalise(input);

    assertThat(url.port()).isEqualTo(port);
    assertThat(url).hasToString(text);
  }

  @ParameterizedTest(name = "{0}: query {1}")
  @CsvSource(value = {
      "http://a.com/p,            NULL,     a.com/p",
      "http://a.com/p?,           '',       a.com/p?",
      "http://a.com/p?x=1,        x=1,      a.com/p?x=1",
      "http://a.com?x=1,          x=1,      a.com/?x=1",
      "http://a.com/p?a%20b%41,   a%20bA,   a.com/p?a%20bA",
      "http://a.com/p?%2F/./..,   //./..,   a.com/p?//./..",
      "http://a.com/p?x#y?z,      x,        a.com/p?x",
      "http://a.com/p?100%,       100%25,   a.com/p?100%25",
  }, nullValues = "NULL")
  void queryIsUnescapedAndReEscapedButNotResolved(String input, String query, String hostAndPath)
      throws InvalidUrlException {
    CanonicalUrl url = UrlCanonicaliser.canonicalise(input);

    assertThat(url.query()).isEqualTo(query);
    assertThat(url.hostAndPath()).isEqualTo(hostAndPath);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = "->", value = {
      "http://a.com/a/./b/../c      -> /a/c",
      "http://a.com/a/b/.           -> /a/b/",
      "http://a.com/a/b/..          -> /a/",
      "http://a.com/../../x         -> /x",
      "http://a.com/a//b///c/       -> /a/b/c/",
      "http://a.com/a/%2e%2E/b      -> /b",
      "http://a.com/a%2Fb           -> /a/b",
      "http://a.com/..a/b..         -> /..a/b..",
      "http://a.com/ü               -> /%FC",
      "http://a.com/%C3%BC          -> /%C3%BC",
      "http://a.com/caf\u00e9\u4e2d -> /caf%C3%A9%E4%B8%AD",
      "http://a.com/a b             -> /a%20b",
  })
  void pathIsResolvedAndEscaped(String input, String path) throws InvalidUrlException {
    assertThat(UrlCanonicaliser.canonicalise(input).path()).isEqualTo(path);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "1.2.3.4,           true",
      "255.255.255.255,   true",
      "0.0.0.0,           true",
      "256.1.1.1,         false",
      "1.2.3,             false",
      "01.2.3.4,          false",
      "1.2.3.4.,          false",
      "1.2.3.com,         false",
      "example.com,       false",
      "[::1],             false",
  })
  void isIpv4LiteralRecognisesCanonicalDottedQuads(String host, boolean expected) {
    assertThat(UrlCanonicaliser.isIpv4Literal(host)).isEqualTo(expected);
  }

  @Test
  void ipHostsAreIpAddresses() throws InvalidUrlException {
    assertThat(UrlCanonicaliser.canonicalise("http://[::1]/").hostIsIpAddress()).isTrue();
    assertThat(UrlCanonicaliser.canonicalise("http://10.0.0.1/").hostIsIpAddress()).isTrue();
    assertThat(UrlCanonicaliser.canonicaliseAuthority("[2001:db8::1]:443").hostIsIpAddress()).isTrue();
    assertThat(UrlCanonicaliser.canonicalise("http://1.2.3.com/").hostIsIpAddress()).isFalse();
  }
}
