package org.campusgate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.campusgate.gateway.identity.BasicCredentials.Credentials;
import org.campusgate.gateway.identity.BasicCredentials.Malformed;
import org.campusgate.gateway.identity.BasicCredentials.OtherScheme;
import org.campusgate.gateway.identity.BasicCredentials.Parsed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BasicCredentialsTest {

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  private static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsUserAndPassword() {
    Parsed p = BasicCredentials.parse("Basic " + b64("alice:s3cret"));
    assertThat(p).isInstanceOf(Credentials.class);
    assertThat(((Credentials) p).username()).isEqualTo("alice");
    assertThat(((Credentials) p).password()).containsExactly("s3cret".toCharArray());
  }

  @Test
  void schemeIsCaseInsensitiveAndWhitespaceIsTolerated() {
    Parsed p = BasicCredentials.parse("  bAsIc \t  " + b64("alice:pw") + "  ");
    assertThat(((Credentials) p).username()).isEqualTo("alice");
  }

  @Test
  void theUserIdEndsAtTheFirstColon() {
    Credentials c = (Credentials) BasicCredentials.parse("Basic " + b64("alice:pa:ss:"));
    assertThat(c.username()).isEqualTo("alice");
    assertThat(new String(c.password())).isEqualTo("pa:ss:");
  }

  @Test
  void unicodeIsUtf8AndInvalidUtf8IsLatin1() {
    Credentials c = (Credentials) BasicCredentials.parse("Basic " + b64("王小明:密码🔑"));
    assertThat(c.username()).isEqualTo("王小明");
    assertThat(new String(c.password())).isEqualTo("密码🔑");
    Credentials latin = (Credentials) BasicCredentials.parse("Basic "
        + b64("jos\u00e9:m\u00fcller".getBytes(StandardCharsets.ISO_8859_1)));
    assertThat(latin.username()).isEqualTo("jos\u00e9");
    assertThat(new String(latin.password())).isEqualTo("m\u00fcller");
  }

  @Test
  void otherSchemesAreNotJudged() {
    assertThat(BasicCredentials.parse("Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1"))
        .isEqualTo(new OtherScheme("Negotiate"));
    assertThat(BasicCredentials.parse("Bearer abc")).isEqualTo(new OtherScheme("Bearer"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|empty header",
      "'   '|empty header",
      "Basic|Basic without credentials",
      "'Basic   '|Basic without credentials",
      "Basic %%%|not Base64",
      "Basic YWxp Y2U6cHc=|not Base64",
      "Basic YWxpY2U=|no colon",
      "Basic OnB3|empty user id",
      "Basic YWxpY2U6|empty password",
      "Basic YWxpY2UKOnB3|control character in the user id",
      "Basic YWxpY2U6cAB3|control character in the password",
      "{}[] garbage|not an authorization scheme",
  })
  void malformedHeadersAreAnsweredNotThrown(String header, String reason) {
    Parsed p = BasicCredentials.parse(header);
    assertThat(p).isInstanceOf(Malformed.class);
    assertThat(((Malformed) p).reason()).contains(reason);
  }

  @Test
  void oversizeHeadersAreNotRead() {
    Parsed p = BasicCredentials.parse("Basic " + "A".repeat(BasicCredentials.MAX_HEADER));
    assertThat(((Malformed) p).reason()).contains("longer than");
    Parsed longUser = BasicCredentials.parse("Basic " + b64("u".repeat(300) + ":pw"));
    assertThat(((Malformed) longUser).reason()).contains("user id longer");
  }

  @Test
  void sanitizeMakesTriedNamesSafeToRecord() {
    assertThat(BasicCredentials.sanitize(null)).isEqualTo("(malformed)");
    assertThat(BasicCredentials.sanitize("evil\u202Egnp.exe")).isEqualTo("evil?gnp.exe");
    assertThat(BasicCredentials.sanitize("a\u0000b\u007fc")).isEqualTo("a?b?c");
    assertThat(BasicCredentials.sanitize("x".repeat(100))).hasSize(64);
    assertThat(BasicCredentials.sanitize("王".repeat(70))).isEqualTo("王".repeat(64));
    assertThat(BasicCredentials.sanitize("🔑".repeat(70))).isEqualTo("🔑".repeat(64));
  }
}
