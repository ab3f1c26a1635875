package org.campusgate.policy.url;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example table of Safe Browsing's "URLs and hashing" canonicalisation (API v4), which this
 * canonicaliser follows; the port example shows our one deliberate difference.
 */
class SafeBrowsingExamplesTest {

  static Stream<Arguments> specExamples() {
    return Stream.of(
        arguments("http://host/%25%32%35", "http://host/%25"),
        arguments("http://host/%25%32%35%25%32%35", "http://host/%25%25"),
        arguments("http://host/%2525252525252525", "http://host/%25"),
        arguments("http://host/asdf%25%32%35asd", "http://host/asdf%25asd"),
        arguments("http://host/%%%25%32%35asd%%", "http://host/%25%25%25asd%25%25"),
        arguments("http://www.google.com/", "http://www.google.com/"),
        arguments(
            "http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/",
            "http://168.188.99.26/.secure/www.ebay.com/"),
        arguments(
            "http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/",
            "http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/"),
        arguments(
            "http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B",
            "http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+"),
        arguments("http://3279880203/blah", "http://195.127.0.11/blah"),
        arguments("http://www.google.com/blah/..", "http://www.google.com/"),
        arguments("www.google.com/", "http://www.google.com/"),
        arguments("www.google.com", "http://www.google.com/"),
        arguments("http://www.evil.com/blah#frag", "http://www.evil.com/blah"),
        arguments("http://www.GOOgle.com/", "http://www.google.com/"),
        arguments("http://www.google.com.../", "http://www.google.com/"),
        arguments("http://www.google.com/foo\tbar\rbaz\n2", "http://www.google.com/foobarbaz2"),
        arguments("http://www.google.com/q?", "http://www.google.com/q?"),
        arguments("http://www.google.com/q?r?", "http://www.google.com/q?r?"),
        arguments("http://www.google.com/q?r?s", "http://www.google.com/q?r?s"),
        arguments("http://evil.com/foo#bar#baz", "http://evil.com/foo"),
        arguments("http://evil.com/foo;", "http://evil.com/foo;"),
        arguments("http://evil.com/foo?bar;", "http://evil.com/foo?bar;"),
        arguments("http://\u0001\u0080.com/", "http://%01%80.com/"),
        arguments("http://notrailingslash.com", "http://notrailingslash.com/"),
        arguments("  http://www.google.com/  ", "http://www.google.com/"),
        arguments("http:// leadingspace.com/", "http://%20leadingspace.com/"),
        arguments("http://%20leadingspace.com/", "http://%20leadingspace.com/"),
        arguments("%20leadingspace.com/", "http://%20leadingspace.com/"),
        arguments("https://www.securesite.com/", "https://www.securesite.com/"),
        arguments("http://host.com/ab%23cd", "http://host.com/ab%23cd"),
        arguments("http://host.com//twoslashes?more//slashes", "http://host.com/twoslashes?more//slashes"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("specExamples")
  void matchesTheSafeBrowsingExample(String input, String expected) throws InvalidUrlException {
    assertThat(UrlCanonicaliser.canonicalise(input)).hasToString(expected);
  }

  @ParameterizedTest(name = "{1} is already canonical")
  @MethodSource("specExamples")
  void canonicalFormIsAFixedPoint(String input, String expected) throws InvalidUrlException {
    assertThat(UrlCanonicaliser.canonicalise(expected)).hasToString(expected);
  }

  /**
   * Our deliberate difference: Safe Browsing canonicalises {@code http://www.gotaport.com:1234/}
   * to {@code http://www.gotaport.com/}; we keep a non-default port, so a school can allow a site
   * without allowing an admin console on another port of it. Default ports still disappear.
   */
  @Test
  void keepsANonDefaultPortUnlikeSafeBrowsing() throws InvalidUrlException {
    CanonicalUrl url = UrlCanonicaliser.canonicalise("http://www.gotaport.com:1234/");

    assertThat(url).hasToString("http://www.gotaport.com:1234/");
    assertThat(url.port()).isEqualTo(1234);
    assertThat(url.hostAndPath()).isEqualTo("www.gotaport.com/");
    assertThat(UrlCanonicaliser.canonicalise("http://www.gotaport.com:80/")).hasToString("http://www.gotaport.com/");
  }
}
