package org.campusgate.policy.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gives an {@link InvalidUrlException} that says what is wrong, and nothing else. */
class InvalidInputTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "''                            | empty URL",
      "'   '                         | empty URL",
      "#fragment                     | empty URL",
      "http://                       | empty host",
      "http:///                      | empty host",
      "http://?q=1                   | empty host",
      "file:///etc/passwd            | empty host",
      "http://:80/                   | empty host",
      "http://.../                   | empty host",
      "http://%2e%2E/                | empty host",
      "http://user:pass@/            | empty host",
      "http://example.com:abc/       | invalid port: abc",
      "http://example.com:-1/        | invalid port: -1",
      "http://example.com: 80/       | invalid port:  80",
      "http://example.com:70000/     | port out of range: 70000",
      "http://example.com:0/         | port out of range: 0",
      "http://example.com:99999999999999999999/ | port out of range: 99999999999999999999",
      "http://[zz::1]/               | invalid IPv6 literal: [zz::1]",
      "http://[::1/                  | invalid IPv6 literal: [::1",
      "http://[1.2.3.4]/             | invalid IPv6 literal: [1.2.3.4]",
      "http://[::1/64]/              | invalid IPv6 literal: [::1",
      "http://[www.google.com]/      | invalid IPv6 literal: [www.google.com]",
      "http://[::1]x/                | unexpected text after IPv6 literal: [::1]x",
      "http://[fe80::1%25eth0]/      | IPv6 zone ids are not allowed: [fe80::1%25eth0]",
      "http://256.1.1.1/             | invalid IPv4 address: 256.1.1.1",
      "http://1.2.3.4.5/             | invalid IPv4 address: 1.2.3.4.5",
      "http://1.2.3.256/             | invalid IPv4 address: 1.2.3.256",
      "http://1.2.65536/             | invalid IPv4 address: 1.2.65536",
      "http://4294967296/            | invalid IPv4 address: 4294967296",
      "http://0x100000000/           | invalid IPv4 address: 0x100000000",
      "http://08.1.1.1/              | invalid IPv4 address: 08.1.1.1",
      "http://example.123/           | invalid IPv4 address: example.123",
      "http://a:b:80/                | invalid host (IPv6 addresses need [brackets]): a:b:80",
  })
  void urlIsRejectedWithAReadableMessage(String input, String message) {
    assertThatThrownBy(() -> UrlCanonicaliser.canonicalise(input))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessage(message);
  }

  @Test
  void overlongUrlIsRejected() throws InvalidUrlException {
    String longUrl = "http://example.com/" + "a".repeat(10_000);

    assertThatThrownBy(() -> UrlCanonicaliser.canonicalise(longUrl))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessage("URL longer than 8192 characters");
    String longest = "http://example.com/" + "a".repeat(8192 - 19);
    assertThat(UrlCanonicaliser.canonicalise(longest).path()).hasSize(8192 - 18);
    assertThatThrownBy(() -> UrlCanonicaliser.canonicalise(longest + "a"))
        .isInstanceOf(InvalidUrlException.class);
  }

  @Test
  void nullIsRejected() {
    assertThatThrownBy(() -> UrlCanonicaliser.canonicalise(null)).isInstanceOf(InvalidUrlException.class);
    assertThatThrownBy(() -> UrlCanonicaliser.canonicaliseAuthority(null)).isInstanceOf(InvalidUrlException.class);
    assertThatThrownBy(() -> UrlCanonicaliser.canonicaliseHost(null)).isInstanceOf(InvalidUrlException.class);
    assertThatThrownBy(() -> UrlCanonicaliser.canonicaliseInput(null)).isInstanceOf(InvalidUrlException.class);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "''                    | empty authority",
      "example.com/path      | unexpected '/' in authority: example.com/path",
      "example.com:443?x     | unexpected '?' in authority: example.com:443?x",
      ":443                  | empty host",
      "example.com:99999     | port out of range: 99999",
      "example.com:https     | invalid port: https",
      "[zz::1]:443           | invalid IPv6 literal: [zz::1]",
      "[::1]443              | unexpected text after IPv6 literal: [::1]443",
      "256.1.1.1:443         | invalid IPv4 address: 256.1.1.1",
  })
  void authorityIsRejectedWithAReadableMessage(String input, String message) {
    assertThatThrownBy(() -> UrlCanonicaliser.canonicaliseAuthority(input))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "''                    | empty host",
      "...                   | empty host",
      "example.com:443       | host contains ':' but is not an IPv6 address: example.com:443",
      "[zz::1]               | invalid IPv6 literal: [zz::1]",
      "1.2.3.999             | invalid IPv4 address: 1.2.3.999",
  })
  void hostIsRejectedWithAReadableMessage(String input, String message) {
    assertThatThrownBy(() -> UrlCanonicaliser.canonicaliseHost(input))
        .isInstanceOf(InvalidUrlException.class)
        .hasMessage(message);
  }

  @Test
  void messageQuotesLongInputShortenedAndControlsVisible() {
    assertThatThrownBy(() -> UrlCanonicaliser.canonicalise("http://example.com:" + "9".repeat(500) + "/"))
        .hasMessageStartingWith("port out of range: 999")
        .hasMessageEndingWith("...")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
    assertThatThrownBy(() -> UrlCanonicaliser.canonicalise("http://example.com:8\u00010/"))
        .hasMessage("invalid port: 8%010");
  }

  @Test
  void exceptionIsCheapToThrow() {
    assertThatThrownBy(() -> UrlCanonicaliser.canonicalise("http:///"))
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
  }

  /** Random bytes, Latin-1 text and URL fragments: a result or InvalidUrlException, nothing else. */
  @Test
  void randomInputNeverThrowsAnythingElse() {
    SplittableRandom random = new SplittableRandom(20240611L);
    String[] pieces = {"http://", "https://", "://", "[", "]", ":", "::", "@", "/", "//", "/./", "/../",
        "..", ".", "?", "#", "%", "%2", "%25", "%2e", "%3A", "%E4%BE%8B", "0x", "0", "255", "4294967296",
        "ffff:", "xn--", "例", "。", "ｅ", "\t", " ", "\u0000", "\u00ff", "\ud800", "a", "Z"};
    int results = 0;
    for (int i = 0; i < 5000; i++) {
      String input = i % 2 == 0 ? randomBytes(random) : randomPieces(random, pieces);
      results += canonicaliseEveryWay(input);
    }
    assertThat(results).as("some random inputs are valid").isPositive();
  }

  private static String randomBytes(SplittableRandom random) {
    byte[] bytes = new byte[random.nextInt(40)];
    random.nextBytes(bytes);
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static String randomPieces(SplittableRandom random, String[] pieces) {
    StringBuilder out = new StringBuilder();
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      out.append(pieces[random.nextInt(pieces.length)]);
    }
    return out.toString();
  }

  /** Runs every entry point; returns how many produced a result. */
  private static int canonicaliseEveryWay(String input) {
    int results = 0;
    for (int way = 0; way < 4; way++) {
      try {
        Object result = switch (way) {
          case 0 -> UrlCanonicaliser.canonicalise(input);
          case 1 -> UrlCanonicaliser.canonicaliseAuthority(input);
          case 2 -> UrlCanonicaliser.canonicaliseHost(input);
          default -> UrlCanonicaliser.canonicaliseInput(input);
        };
        assertThat(result.toString()).as("output of %s is ASCII", input).matches("\\p{ASCII}*");
        results++;
      } catch (InvalidUrlException e) {
        assertThat(e.getMessage()).as("message for %s", input).isNotBlank();
      }
    }
    return results;
  }
}
