package org.campusgate.gateway.tunnel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.proxy.Answers;
import org.campusgate.gateway.proxy.Exchange;
import org.campusgate.gateway.proxy.HopByHop;
import org.campusgate.gateway.upstream.Upstreams;
import org.campusgate.policy.PolicyHolder;
import org.campusgate.policy.url.CanonicalUrl;

/**
 * Step 4 for an allowed {@code CONNECT} (the authority was already decided, so a blocked one never
 * reaches here): connects to the target, answers 200, then turns the client connection from HTTP
 * into a tunnel. The HTTP handlers leave the pipeline; a {@link SniGate} peeks at the first bytes
 * (TLS ClientHello: its SNI is decided too), and two {@link Splice}s copy bytes both ways with
 * backpressure. The tunnel closes after the tunnel idle timeout with no traffic either way, and is
 * recorded once, when it ends.
 */
public final class ConnectHandler extends ChannelInboundHandlerAdapter {
  private final Upstreams upstreams;
  private final PolicyHolder policies;
  private final GatewayConfig config;
  private final GatewayMetrics metrics;

  public ConnectHandler(Upstreams upstreams, PolicyHolder policies, GatewayConfig config,
      GatewayMetrics metrics) {
    this.upstreams = upstreams;
    this.policies = policies;
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request && HttpMethod.CONNECT.equals(request.method())) {
      ReferenceCountUtil.release(msg);
      open(ctx, Exchange.of(ctx.channel()));
    } else if (msg instanceof LastHttpContent) {
      ReferenceCountUtil.release(msg); // the CONNECT's empty body
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  private void open(ChannelHandlerContext ctx, Exchange exchange) {
    CanonicalUrl target = exchange.context().target();
    Channel client = ctx.channel();
    Splice toClient = new Splice(client, false, exchange);
    ChannelFuture connect = upstreams.connectRaw(client.eventLoop(), target.host(), target.port(), toClient);
    connect.addListener(f -> {
      if (!f.isSuccess()) {
        metrics.upstreamFailures.mark();
        Answers.answer(ctx, exchange, Answers.errorPage(HttpResponseStatus.BAD_GATEWAY));
        return;
      }
      Channel upstream = connect.channel();
      if (!client.isActive()) {
        upstream.close();
        return;
      }
      exchange.status(200);
      DefaultFullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          new HttpResponseStatus(200, "Connection Established"));
      ok.headers().set("Via", HopByHop.VIA);
      client.writeAndFlush(ok).addListener(w -> {
        if (!w.isSuccess()) {
          upstream.close();
          client.close();
          return;
        }
        becomeTunnel(ctx, exchange, upstream, target.port());
      });
    });
  }

  private void becomeTunnel(ChannelHandlerContext ctx, Exchange exchange, Channel upstream, int port) {
    Channel client = ctx.channel();
    metrics.activeTunnels.inc();
    client.closeFuture().addListener(c -> {
      metrics.activeTunnels.dec();
      upstream.close();
      exchange.end(client, false);
    });
    upstream.closeFuture().addListener(c -> client.close());
    ChannelPipeline p = client.pipeline();
    long idle = config.tunnelIdleTimeout().toMillis();
    p.addLast("tunnel-idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
    p.addLast("tunnel-idle-close", new ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
          c.close();
        } else {
          super.userEventTriggered(c, evt);
        }
      }
    });
    p.addLast("sni-gate", new SniGate(exchange, policies, config, metrics, port));
    p.addLast("splice", new Splice(upstream, true, exchange));
    // The HTTP handlers leave; the decoder last, so any bytes it still holds reach the gate.
    List<String> http = new ArrayList<>();
    for (String name : p.names()) {
      if (name.equals("tunnel-idle")) {
        break;
      }
      if (!name.equals("decoder") && p.get(name) != null) {
        http.add(name);
      }
    }
    for (String name : http) {
      ChannelHandler h = p.get(name);
      if (h != null) {
        p.remove(h);
      }
    }
    if (p.get("decoder") != null) {
      p.remove("decoder");
    }
    upstream.read();
    client.read();
  }
}
