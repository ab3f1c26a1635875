package org.campusgate.policy.url;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The single-pass unescape must equal Safe Browsing's "unescape until nothing changes". */
class PercentCodecTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "%25%32%35,        %",
      "%2525252525,      %",
      "%%%25%32%35asd%%, %%%asd%%",
      "%4%31,            A",
      "%%34%31,          A",
      "%zz%4,            %zz%4",
      "%41%42%43,        ABC",
  })
  void unescapesUntilNothingChanges(String input, String expected) {
    assertThat(unescape(input)).isEqualTo(expected);
  }

  @Test
  void agreesWithRepeatedPassesOnRandomInput() {
    SplittableRandom random = new SplittableRandom(7L);
    String alphabet = "%%%2255aAfF0x/";
    for (int i = 0; i < 5000; i++) {
      StringBuilder input = new StringBuilder();
      int n = random.nextInt(16);
      for (int j = 0; j < n; j++) {
        input.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      assertThat(unescape(input.toString())).as(input.toString()).isEqualTo(repeatedPasses(input.toString()));
    }
  }

  @Test
  void deepDoubleEncodingIsLinear() {
    // 8 000 levels of %25: quadratic passes would take seconds here, one pass is instant.
    String input = "%" + "25".repeat(4000) + "41";
    assertThat(unescape(input)).isEqualTo("A");
  }

  @Test
  void escapesControlsSpaceNonAsciiHashAndPercentOnly() {
    byte[] bytes = "a b#c%d\u0001\u007f~!".getBytes(StandardCharsets.ISO_8859_1);
    byte[] withHigh = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, withHigh, 0, bytes.length);
    withHigh[bytes.length] = (byte) 0xE9;

    assertThat(PercentCodec.escape(withHigh, withHigh.length)).isEqualTo("a%20b%23c%25d%01%7F~!%E9");
  }

  private static String unescape(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return new String(b, 0, PercentCodec.unescape(b, b.length), StandardCharsets.ISO_8859_1);
  }

  /** The specification's definition, naively. */
  private static String repeatedPasses(String s) {
    while (true) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        if (s.charAt(i) == '%' && i + 2 < s.length()
            && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          out.append(s.charAt(i));
        }
      }
      if (out.toString().equals(s)) {
        return s;
      }
      s = out.toString();
    }
  }
}
