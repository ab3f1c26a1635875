package org.campusgate.gateway.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AppendTicket;
import org.campusgate.audit.AuditStore;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.proxy.Exchange;
import org.campusgate.gateway.proxy.ExchangeRecorder;
import org.campusgate.gateway.testing.TestPolicies;
import org.campusgate.policy.Decision;
import org.campusgate.policy.PolicyHolder;
import org.campusgate.policy.RequestContext;
import org.junit.jupiter.api.Test;

/**
 * What the tunnel's first bytes may be on port 443: an allowed CONNECT whose client then speaks
 * something other than TLS (a plain-HTTP or other protocol through the HTTPS port, a way around
 * the filter) is closed and recorded as {@code BLOCK BYPASS_BLOCKED}; with {@code
 * allowNonTlsOn443} the bytes flow on. The gate runs in an EmbeddedChannel because a real tunnel
 * would need an origin on port 443 (tests use ephemeral ports only); the CONNECT and SNI paths
 * around it are covered end to end in ProxyEndToEndTest.
 */
class SniGateNonTlsTest {
  static final byte[] PLAIN = "GET / HTTP/1.1\r\nHost: example.org\r\n\r\n"
      .getBytes(StandardCharsets.US_ASCII);

  final List<AccessEvent> recorded = new ArrayList<>();
  final AuditStore store = (AuditStore) Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {AuditStore.class}, (p, m, a) -> {
        if (m.getName().equals("append")) {
          for (Object o : (List<?>) a[0]) {
            recorded.add((AccessEvent) o);
          }
          return new AppendTicket(CompletableFuture.completedFuture(0L));
        }
        throw new UnsupportedOperationException(m.getName());
      });
  final MetricRegistry registry = new MetricRegistry();
  final GatewayMetrics metrics = new GatewayMetrics(registry);

  /** A tunnel pipeline after an allowed {@code CONNECT 127.0.0.1:port}: gate, then a sink. */
  EmbeddedChannel tunnel(boolean allowNonTls, int port, List<ByteBuf> passed) throws Exception {
    PolicyHolder policies = TestPolicies.demo();
    GatewayConfig config = GatewayConfig.builder().allowNonTlsOn443(allowNonTls).build();
    ExchangeRecorder recorder = new ExchangeRecorder(store, policies, metrics, "demo-school", "gw-1");
    Exchange exchange = new Exchange(recorder, new InetSocketAddress("127.0.0.1", 40000),
        "CONNECT", "127.0.0.1:" + port, true, false);
    RequestContext context = RequestContext.builder()
        .time(Instant.now())
        .schoolId("demo-school")
        .user(null)
        .client("127.0.0.1", 40000)
        .method("CONNECT")
        .authority("127.0.0.1:" + port)
        .build();
    Decision allowed = policies.current().decide(context);
    assertThat(allowed.allowed()).as("the CONNECT itself is allowed").isTrue();
    exchange.decided(context, allowed);
    exchange.status(200);
    EmbeddedChannel ch = new EmbeddedChannel();
    ch.closeFuture().addListener(f -> exchange.end(ch, false)); // as ConnectHandler does
    ch.pipeline().addLast("sni-gate", new SniGate(exchange, policies, config, metrics, port));
    ch.pipeline().addLast("sink", new io.netty.channel.ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) {
        passed.add((ByteBuf) msg);
      }
    });
    return ch;
  }

  @Test
  void plainBytesToPort443AreRefusedAsBypass() throws Exception {
    List<ByteBuf> passed = new ArrayList<>();
    EmbeddedChannel ch = tunnel(false, 443, passed);
    ch.writeInbound(Unpooled.wrappedBuffer(PLAIN));
    ch.runPendingTasks();
    assertThat(passed).as("nothing reaches the origin").isEmpty();
    assertThat(ch.isOpen()).as("the tunnel is closed").isFalse();
    assertThat(recorded).hasSize(1);
    AccessEvent e = recorded.get(0);
    assertThat(e.method()).isEqualTo("CONNECT");
    assertThat(e.action()).isEqualTo("BLOCK");
    assertThat(e.reason()).isEqualTo("BYPASS_BLOCKED");
    assertThat(e.port()).isEqualTo(443);
    assertThat(registry.meter("gateway.blocks").getCount()).isEqualTo(1);
  }

  @Test
  void plainBytesToPort443FlowWhenAllowed() throws Exception {
    List<ByteBuf> passed = new ArrayList<>();
    EmbeddedChannel ch = tunnel(true, 443, passed);
    ch.writeInbound(Unpooled.wrappedBuffer(PLAIN));
    ch.runPendingTasks();
    assertThat(ch.isOpen()).isTrue();
    assertThat(ch.pipeline().get("sni-gate")).as("the gate left").isNull();
    assertThat(concat(passed)).isEqualTo(PLAIN);
    ch.close();
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).action()).isEqualTo("ALLOW");
    assertThat(registry.meter("gateway.blocks").getCount()).isZero();
  }

  @Test
  void plainBytesToAnotherPortFlow() throws Exception {
    List<ByteBuf> passed = new ArrayList<>();
    EmbeddedChannel ch = tunnel(false, 8443, passed);
    ch.writeInbound(Unpooled.wrappedBuffer(PLAIN));
    ch.runPendingTasks();
    assertThat(ch.isOpen()).isTrue();
    assertThat(concat(passed)).isEqualTo(PLAIN);
    ch.close();
    assertThat(recorded.get(0).action()).isEqualTo("ALLOW");
  }

  @Test
  void blockedSniIsRefusedAndCountedOnce() throws Exception {
    List<ByteBuf> passed = new ArrayList<>();
    EmbeddedChannel ch = tunnel(false, 443, passed);
    ch.writeInbound(clientHello("0-casino.info")); // UT1 gambling, blocked for guests
    ch.runPendingTasks();
    assertThat(passed).isEmpty();
    assertThat(ch.isOpen()).isFalse();
    assertThat(recorded).hasSize(1);
    assertThat(recorded.get(0).action()).isEqualTo("BLOCK");
    assertThat(recorded.get(0).reason()).isEqualTo("CATEGORY_BLOCKED");
    assertThat(recorded.get(0).sni()).isEqualTo("0-casino.info");
    assertThat(registry.meter("gateway.blocks").getCount()).isEqualTo(1);
  }

  /** A real TLS ClientHello naming {@code sni}, from Netty's client engine. */
  static ByteBuf clientHello(String sni) throws Exception {
    io.netty.handler.ssl.SslContext ctx = io.netty.handler.ssl.SslContextBuilder.forClient().build();
    EmbeddedChannel client = new EmbeddedChannel();
    client.pipeline().addLast(ctx.newHandler(client.alloc(), sni, 443));
    client.runPendingTasks();
    ByteBuf hello = Unpooled.buffer();
    for (ByteBuf b; (b = client.readOutbound()) != null; ) {
      hello.writeBytes(b);
      b.release();
    }
    client.finishAndReleaseAll();
    return hello;
  }

  private static byte[] concat(List<ByteBuf> bufs) {
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf b : bufs) {
      all.writeBytes(b);
      b.release();
    }
    byte[] out = new byte[all.readableBytes()];
    all.readBytes(out);
    return out;
  }
}
