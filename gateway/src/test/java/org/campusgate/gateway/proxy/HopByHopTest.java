package org.campusgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.campusgate.policy.url.CanonicalUrl;
import org.junit.jupiter.api.Test;

class HopByHopTest {

  @Test
  void stripsHopByHopAndWhatConnectionNames() {
    HttpHeaders h = new DefaultHttpHeaders()
        .add("Connection", "keep-alive, X-Secret")
        .add("X-Secret", "1")
        .add("Keep-Alive", "timeout=5")
        .add("Proxy-Authorization", "Basic abc")
        .add("Proxy-Connection", "keep-alive")
        .add("TE", "trailers")
        .add("Trailer", "X-T")
        .add("Upgrade", "websocket")
        .add("Transfer-Encoding", "chunked")
        .add("Via", "1.0 other")
        .add("Accept", "*/*");
    HopByHop.forward(h);
    assertThat(h.names().stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).distinct())
        .containsExactlyInAnyOrder("transfer-encoding", "via", "accept");
    assertThat(h.getAll("Via")).containsExactly("1.0 other", HopByHop.VIA);
  }

  @Test
  void everyConnectionHeaderCountsWhateverItsCase() {
    HttpHeaders h = new DefaultHttpHeaders()
        .add("connection", "close")
        .add("CONNECTION", "X-A , x-b")
        .add("x-a", "1").add("X-B", "2")
        .add("PROXY-AUTHORIZATION", "Basic abc")
        .add("Proxyish", "kept")
        .add("Content-Length", "0");
    HopByHop.strip(h);
    assertThat(h.names()).containsExactlyInAnyOrder("Proxyish", "Content-Length");
  }

  @Test
  void originFormHostAndForwardedFor() {
    HttpRequest in = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
        "http://user@a.example:8080/p/q?x=1");
    in.headers().add("Host", "evil.example").add("X-Forwarded-For", "10.0.0.9");
    HttpRequest out = HttpRelayHandler.toOrigin(in,
        new CanonicalUrl("http", "a.example", 8080, "/p/q", "x=1"), "10.1.2.3");
    assertThat(out.uri()).isEqualTo("/p/q?x=1");
    assertThat(out.headers().get("Host")).isEqualTo("a.example:8080");
    assertThat(out.headers().get("X-Forwarded-For")).isEqualTo("10.0.0.9, 10.1.2.3");

    HttpRequest bare = HttpRelayHandler.toOrigin(new DefaultHttpRequest(HttpVersion.HTTP_1_1,
        HttpMethod.GET, "http://a.example?y"), new CanonicalUrl("http", "a.example", 80, "/", "y"), null);
    assertThat(bare.uri()).isEqualTo("/?y");
    assertThat(bare.headers().contains("X-Forwarded-For")).isFalse();
  }
}
