package org.campusgate.policy.url;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CONNECT/SNI authorities, bare hosts, and the CLI's choice between URL and authority. */
class AuthorityTest {

  @ParameterizedTest(name = "{0} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "example.com:443            | example.com             | 443  | example.com:443",
      "Example.COM.:443           | example.com             | 443  | example.com:443",
      "EXAMPLE.com                | example.com             | -1   | example.com",
      "example.com:               | example.com             | -1   | example.com",
      "[::1]:8443                 | [::1]                   | 8443 | [::1]:8443",
      "[2001:DB8:0::1]            | [2001:db8::1]           | -1   | [2001:db8::1]",
      "[::ffff:127.0.0.1]:443     | 127.0.0.1               | 443  | 127.0.0.1:443",
      "1.2.3.4:443                | 1.2.3.4                 | 443  | 1.2.3.4:443",
      "0x01020304:443             | 1.2.3.4                 | 443  | 1.2.3.4:443",
      "ｅｘａｍｐｌｅ．ｃｏｍ:443  | example.com             | 443  | example.com:443",
      "例子.测试:443               | xn--fsqu00a.xn--0zwm56d | 443  | xn--fsqu00a.xn--0zwm56d:443",
      "' example.com:443 '        | example.com             | 443  | example.com:443",
  })
  void authorityIsCanonicalised(String input, String host, int port, String text) throws InvalidUrlException {
    CanonicalUrl url = UrlCanonicaliser.canonicaliseAuthority(input);

    assertThat(url.host()).isEqualTo(host);
    assertThat(url.port()).isEqualTo(port);
    assertThat(url).hasToString(text);
    assertThat(url.isAuthorityOnly()).isTrue();
    assertThat(url.scheme()).isNull();
    assertThat(url.path()).isNull();
    assertThat(url.query()).isNull();
    assertThat(url.hostAndPath()).isEqualTo(host);
  }

  @Test
  void authorityKeepsTheDefaultPortItWasGiven() throws InvalidUrlException {
    // No scheme, so no default: 443 is as significant as 8443 here.
    assertThat(UrlCanonicaliser.canonicaliseAuthority("example.com:443").port()).isEqualTo(443);
    assertThat(UrlCanonicaliser.canonicaliseAuthority("example.com").port()).isEqualTo(-1);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = "->", value = {
      "www.Example.COM.     -> www.example.com",
      "%65xample.com        -> example.com",
      "ｅｘａｍｐｌｅ．ｃｏｍ -> example.com",
      "例子。测试            -> xn--fsqu00a.xn--0zwm56d",
      "3279880203           -> 195.127.0.11",
      "[::1]                -> [::1]",
      "2001:DB8::1          -> [2001:db8::1]",
      "::ffff:10.0.0.1      -> 10.0.0.1",
      "host%23.com          -> host%23.com",
  })
  void hostIsCanonicalised(String input, String expected) throws InvalidUrlException {
    assertThat(UrlCanonicaliser.canonicaliseHost(input)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = "->", value = {
      "example.com:443               -> example.com:443",
      "[::1]:8443                    -> [::1]:8443",
      "1.2.3.4:443                   -> 1.2.3.4:443",
      "' example.com:443 '           -> example.com:443",
      "example.com                   -> http://example.com/",
      "example.com:443/              -> http://example.com:443/",
      "example.com:443?x             -> http://example.com:443/?x",
      "example.com:https             -> ERROR",
      "example.com:8080/path         -> http://example.com:8080/path",
      "[::1]                         -> http://[::1]/",
      "https://example.com:443/      -> https://example.com/",
      "http://example.com:8080       -> http://example.com:8080/",
      "ftp://files.example.com/a     -> ftp://files.example.com/a",
  })
  void inputChoosesBetweenUrlAndAuthority(String input, String expected) {
    String actual;
    try {
      actual = UrlCanonicaliser.canonicaliseInput(input).toString();
    } catch (InvalidUrlException e) {
      actual = "ERROR";
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void inputThatIsAnAuthorityHasNoScheme() throws InvalidUrlException {
    assertThat(UrlCanonicaliser.canonicaliseInput("example.com:443").isAuthorityOnly()).isTrue();
    assertThat(UrlCanonicaliser.canonicaliseInput("example.com").isAuthorityOnly()).isFalse();
  }
}
