package org.campusgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.testing.TestPolicies;
import org.campusgate.audit.AuditStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The head scanner, strict decoder and guard together, in an EmbeddedChannel: a table of inputs. */
class RequestGuardTest {
  private static org.campusgate.policy.PolicyHolder policies;

  @BeforeAll
  static void policy() throws Exception {
    policies = TestPolicies.demo();
  }

  private static final String OK = "GET http://a.example/ HTTP/1.1\r\nHost: a.example\r\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      plain GET                  | GET http://a.example/ HTTP/1.1\\r\\nHost: a.example\\r\\n\\r\\n | pass
      CL and TE                  | POST http://a.example/ HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400
      TE and CL                  | POST http://a.example/ HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\nContent-Length: 3\\r\\n\\r\\n0\\r\\n\\r\\n | 400
      duplicate CL               | POST http://a.example/ HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\nabcd | 400
      duplicate equal CL         | POST http://a.example/ HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3\\r\\nContent-Length: 3\\r\\n\\r\\nabc | 400
      invalid CL                 | POST http://a.example/ HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: 3x\\r\\n\\r\\nabc | 400
      negative CL                | POST http://a.example/ HTTP/1.1\\r\\nHost: a\\r\\nContent-Length: -1\\r\\n\\r\\n | 400
      TE not chunked             | POST http://a.example/ HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n | 400
      TE chunked twice           | POST http://a.example/ HTTP/1.1\\r\\nHost: a\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n | 400
      obs-fold                   | GET http://a.example/ HTTP/1.1\\r\\nHost: a\\r\\nX-A: b\\r\\n c\\r\\n\\r\\n | 400
      obs-fold tab               | GET http://a.example/ HTTP/1.1\\r\\nHost: a\\r\\nX-A: b\\r\\n\\tc\\r\\n\\r\\n | 400
      malformed request line     | GARBAGE\\r\\n\\r\\n | 400
      bad version                | GET http://a.example/ HTTP/9.x\\r\\nHost: a\\r\\n\\r\\n | 400
      space in header name       | GET http://a.example/ HTTP/1.1\\r\\nHost: a\\r\\nBad Header: x\\r\\n\\r\\n | 400
      no Host on 1.1             | GET http://a.example/ HTTP/1.1\\r\\n\\r\\n | 400
      """)
  void table(String name, String input, String expected) {
    List<Object> passed = new ArrayList<>();
    EmbeddedChannel ch = channel(passed, 8192, 16384);
    ch.writeInbound(Unpooled.copiedBuffer(input.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t"),
        StandardCharsets.ISO_8859_1));
    if (expected.equals("pass")) {
      assertThat(passed).anyMatch(o -> o instanceof HttpRequest);
      assertThat(ch.isOpen()).isTrue();
    } else {
      assertThat(passed).noneMatch(o -> o instanceof HttpRequest);
      assertThat(statusLine(ch)).startsWith("HTTP/1.1 " + expected);
      assertThat(ch.isOpen()).isFalse();
    }
    passed.forEach(ReferenceCountUtil::release);
    ch.finishAndReleaseAll();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      long request line | 9000 | 10    | 414
      large headers     | 100  | 20000 | 431
      """)
  void limits(String name, int uriLength, int headerLength, String expected) {
    List<Object> passed = new ArrayList<>();
    EmbeddedChannel ch = channel(passed, 8192, 16384);
    String req = "GET http://a.example/" + "a".repeat(uriLength) + " HTTP/1.1\r\nHost: a\r\nX-Big: "
        + "b".repeat(headerLength) + "\r\n\r\n";
    ch.writeInbound(Unpooled.copiedBuffer(req, StandardCharsets.ISO_8859_1));
    assertThat(statusLine(ch)).startsWith("HTTP/1.1 " + expected);
    assertThat(ch.isOpen()).isFalse();
    passed.forEach(ReferenceCountUtil::release);
    ch.finishAndReleaseAll();
  }

  @org.junit.jupiter.api.Test
  void pipelinedRequestWaitsForTheCurrentExchange() {
    List<Object> passed = new ArrayList<>();
    EmbeddedChannel ch = channel(passed, 8192, 16384);
    ch.writeInbound(Unpooled.copiedBuffer(OK + "\r\n" + OK + "\r\n", StandardCharsets.ISO_8859_1));
    assertThat(passed.stream().filter(o -> o instanceof HttpRequest)).hasSize(1);
    Exchange first = Exchange.of(ch);
    first.end(ch, true);
    assertThat(passed.stream().filter(o -> o instanceof HttpRequest)).hasSize(2);
    assertThat(Exchange.of(ch)).isNotSameAs(first);
    passed.forEach(ReferenceCountUtil::release);
    ch.finishAndReleaseAll();
  }

  private static EmbeddedChannel channel(List<Object> sink, int line, int headers) {
    GatewayMetrics metrics = new GatewayMetrics(new MetricRegistry());
    AuditStore store = NoStore.INSTANCE;
    ExchangeRecorder recorder = new ExchangeRecorder(store, policies, metrics, "s", "g");
    return new EmbeddedChannel(
        new HeadScanner(Duration.ofSeconds(10), Duration.ofSeconds(60), metrics),
        new StrictRequestDecoder(line, headers, 8192),
        new HttpResponseEncoder(),
        new RequestGuard(recorder, metrics),
        new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            sink.add(msg);
          }
        });
  }

  private static String statusLine(EmbeddedChannel ch) {
    ByteBuf out = ch.readOutbound();
    assertThat(out).as("an answer").isNotNull();
    try {
      String s = out.toString(StandardCharsets.ISO_8859_1);
      return s.substring(0, s.indexOf('\r'));
    } finally {
      out.release();
    }
  }
}
