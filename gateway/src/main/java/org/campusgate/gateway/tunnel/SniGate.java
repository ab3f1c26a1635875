package org.campusgate.gateway.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;
import java.util.List;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.proxy.Exchange;
import org.campusgate.policy.Action;
import org.campusgate.policy.Decision;
import org.campusgate.policy.PolicyHolder;
import org.campusgate.policy.ReasonCode;
import org.campusgate.policy.RequestContext;
import org.campusgate.policy.url.InvalidUrlException;

/**
 * First in a tunnel's client pipeline: holds the client's first bytes until Netty's ClientHello
 * parser ({@link AbstractSniHandler}) has read the SNI, then decides again on it with the same
 * policy snapshot family as the CONNECT (read fresh, once). A blocked SNI through an allowed
 * CONNECT (domain fronting) closes the tunnel and the exchange is recorded with that decision.
 * First bytes that are not TLS, in a tunnel to port 443, are refused as {@code BYPASS_BLOCKED}
 * unless {@code allowNonTlsOn443}. Allowed: the gate leaves and the held bytes flow on.
 */
final class SniGate extends AbstractSniHandler<String> {
  private static final int TLS_HANDSHAKE = 0x16;

  private final Exchange exchange;
  private final PolicyHolder policies;
  private final GatewayConfig config;
  private final GatewayMetrics metrics;
  private final int port;
  private int firstByte = -1;
  /** Set once the tunnel is refused: closing re-runs the decoder (input closed, handler removed). */
  private boolean refused;

  SniGate(Exchange exchange, PolicyHolder policies, GatewayConfig config, GatewayMetrics metrics,
      int port) {
    super(port == 443 ? config.headerReadTimeout().toMillis() : 0L);
    this.exchange = exchange;
    this.policies = policies;
    this.config = config;
    this.metrics = metrics;
    this.port = port;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
    if (refused) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (firstByte < 0 && in.isReadable()) {
      firstByte = in.getUnsignedByte(in.readerIndex());
    }
    super.decode(ctx, in, out);
  }

  @Override
  protected Future<String> lookup(ChannelHandlerContext ctx, String hostname) {
    return ctx.executor().newSucceededFuture(hostname);
  }

  @Override
  protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<String> future) {
    if (refused) {
      return;
    }
    boolean tls = firstByte == TLS_HANDSHAKE;
    if (!tls && port == 443 && !config.allowNonTlsOn443()) {
      Decision prior = exchange.decision();
      refuse(ctx, new Decision(Action.BLOCK, ReasonCode.BYPASS_BLOCKED, null, null, null,
          prior.policyVersion()));
      return;
    }
    if (hostname != null) {
      exchange.sni(hostname);
      Decision decision = decideSni(hostname);
      if (decision != null && !decision.allowed()) {
        refuse(ctx, decision);
        return;
      }
    }
    ctx.pipeline().remove(this);
  }

  /** The decision on the SNI, or null when the name cannot be canonicalised (left to TLS). */
  private Decision decideSni(String hostname) {
    RequestContext prior = exchange.context();
    try {
      RequestContext sni = RequestContext.builder()
          .time(prior.time())
          .schoolId(prior.schoolId())
          .user(prior.user())
          .client(prior.clientIp(), prior.clientPort())
          .method("CONNECT")
          .authority(hostname + ":" + port)
          .sni(hostname)
          .userAgent(prior.userAgent())
          .build();
      return policies.current().decide(sni);
    } catch (InvalidUrlException e) {
      return new Decision(Action.BLOCK, ReasonCode.BYPASS_BLOCKED, null, null, null,
          exchange.decision().policyVersion());
    }
  }

  private void refuse(ChannelHandlerContext ctx, Decision decision) {
    refused = true;
    metrics.blocks.mark();
    exchange.decided(exchange.context(), decision);
    ctx.close();
  }
}
