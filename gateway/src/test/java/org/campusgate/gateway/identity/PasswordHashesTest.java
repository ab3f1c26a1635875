package org.campusgate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {
  private static final PasswordHashes H = Fixtures.CHEAP;

  @Test
  void roundTripAndWrongPassword() {
    String enc = H.hash("correct horse".toCharArray());
    assertThat(enc).matches("\\$argon2id\\$v=19\\$m=8,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(H.verify("correct horse".toCharArray(), enc)).isTrue();
    assertThat(H.verify("correct horsE".toCharArray(), enc)).isFalse();
    assertThat(H.verify("correct horse ".toCharArray(), enc)).isFalse();
  }

  @Test
  void saltIsRandom() {
    assertThat(H.hash("pw".toCharArray())).isNotEqualTo(H.hash("pw".toCharArray()));
  }

  @Test
  void unicodePasswordsAreUtf8() {
    String enc = H.hash("密码🔑ü".toCharArray());
    assertThat(H.verify("密码🔑ü".toCharArray(), enc)).isTrue();
    assertThat(H.verify("密码🔑u".toCharArray(), enc)).isFalse();
    assertThat(H.verify(new char[] {'a', '\uD800'}, enc)).isFalse(); // lone surrogate
  }

  @Test
  void readsTheReferenceImplementationsVector() {
    // from the Argon2 reference implementation's tests: password "password", salt "somesalt"
    String ref = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
    assertThat(H.verify("password".toCharArray(), ref)).isTrue();
    assertThat(H.verify("passwore".toCharArray(), ref)).isFalse();
    assertThat(PasswordHashes.paramsOf(ref)).isEqualTo(new PasswordHashes.Params(256, 2, 1));
  }

  @Test
  void defaultsAreOwasps() {
    assertThat(new PasswordHashes().params()).isEqualTo(new PasswordHashes.Params(19456, 2, 1));
  }

  @Test
  void refusesEmptyPassword() {
    assertThatThrownBy(() -> H.hash(new char[0])).hasMessageContaining("empty");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|empty",
      "plaintext|not a PHC string",
      "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ|not a PHC string",
      "$argon2i$v=19$m=8,t=1,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|only argon2id",
      "$argon2id$v=16$m=8,t=1,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|only v=19",
      "$argon2id$m=8,t=1,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|not a PHC string",
      "$argon2id$v=19$t=1,m=8,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|m=<KiB>,t=<passes>,p=<lanes>",
      "$argon2id$v=19$m=8,t=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|m=<KiB>,t=<passes>,p=<lanes>",
      "$argon2id$v=19$m=x,t=1,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|not a decimal number",
      "$argon2id$v=19$m=08,t=1,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|not a decimal number",
      "$argon2id$v=19$m=99999999,t=1,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|memory must be",
      "$argon2id$v=19$m=8,t=1000,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|iterations must be",
      "$argon2id$v=19$m=8,t=1,p=0$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|parallelism must be",
      "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ=$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|unpadded Base64",
      "$argon2id$v=19$m=8,t=1,p=1$c29t*XNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|salt is not valid Base64",
      "$argon2id$v=19$m=8,t=1,p=1$c29tZQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4|salt must be 8..64 bytes",
      "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$nf65EOgLrQMR|hash must be 16..64 bytes",
      "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$$|not a PHC string",
  })
  void phcParseErrorsSayWhatIsWrong(String encoded, String expected) {
    assertThatThrownBy(() -> PasswordHashes.paramsOf(encoded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(expected)
        .hasMessageNotContaining("nf65EOgL");
    assertThatThrownBy(() -> H.verify("password".toCharArray(), encoded))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesOverlongEncoding() {
    assertThatThrownBy(() -> PasswordHashes.paramsOf("$argon2id$" + "a".repeat(300)))
        .hasMessageContaining("too long");
  }
}
