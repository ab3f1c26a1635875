package org.campusgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.testing.TestPolicies;
import org.campusgate.policy.PolicyHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bug in a stage answers 500 and closes; it never leaves the client hanging. */
class LastResortTest {
  @TempDir Path dir;

  @Test
  void anUnhandledExceptionAnswers500AndCloses() throws Exception {
    try (EmbeddedAuditStore store = EmbeddedAuditStore.open(
        EmbeddedStoreConfig.builder(dir.resolve("audit"), "test/gw").build())) {
      PolicyHolder policies = TestPolicies.demo();
      ExchangeRecorder recorder = new ExchangeRecorder(store, policies,
          new GatewayMetrics(new MetricRegistry()), "demo-school", "gw-1");
      EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseEncoder(),
          new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              ctx.channel().attr(Exchange.KEY).set(new Exchange(recorder,
                  new InetSocketAddress("127.0.0.1", 40000), "GET", "http://example.com/", true,
                  false));
              throw new IllegalStateException("a bug in a stage");
            }
          }, new LastResort());

      ch.writeInbound("anything");

      EmbeddedChannel client = new EmbeddedChannel(new HttpResponseDecoder(),
          new HttpObjectAggregator(1 << 16));
      Object raw;
      while ((raw = ch.readOutbound()) != null) {
        client.writeInbound(raw);
      }
      FullHttpResponse response = client.readInbound();
      assertThat(response.status().code()).isEqualTo(500);
      response.release();
      assertThat(ch.isOpen()).isFalse();
      Instant now = Instant.now();
      store.append(java.util.List.of()).awaitDurable(Duration.ofSeconds(5));
      assertThat(store.search(AuditQuery.between(now.minusSeconds(60), now.plusSeconds(60))
          .build()).total()).as("no decision was taken: not an access event").isZero();
    }
  }
}
