package org.campusgate.gateway.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlWriterTest {

  @Test
  void textAndAttributesAreEscaped() {
    String out = new HtmlWriter(64)
        .open("p", "title", "\"><img src=x onerror=alert(1)>", "class", "it's")
        .text("<b>&</b>\r\n")
        .close("p")
        .toString();
    assertThat(out).isEqualTo("<p title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""
        + " class=\"it&#39;s\">&lt;b&gt;&amp;&lt;/b&gt;</p>");
  }

  @Test
  void elementWritesEscapedTextBetweenTags() {
    assertThat(new HtmlWriter(16).element("code", "a<b", "class", "c").toString())
        .isEqualTo("<code class=\"c\">a&lt;b</code>");
  }

  @Test
  void textIsCutToItsLimit() {
    assertThat(new HtmlWriter(16).text("<<<<", 2).toString()).isEqualTo("&lt;&lt;\u2026");
    assertThat(new HtmlWriter(16).text("x".repeat(300)).toString())
        .hasSize(HtmlWriter.DEFAULT_MAX + 1);
  }

  @Test
  void onlyPlainNamesAreAccepted() {
    HtmlWriter w = new HtmlWriter(16);
    assertThatThrownBy(() -> w.open("p onclick=x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.open("p", "on click", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.open("p", "a\"b", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.open("P")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.close("/p>")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> w.open("p", "class")).isInstanceOf(IllegalArgumentException.class);
  }
}
