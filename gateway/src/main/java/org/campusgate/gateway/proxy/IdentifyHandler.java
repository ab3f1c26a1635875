package org.campusgate.gateway.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import org.campusgate.audit.AuditStoreFullException;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.identity.IdentifyResult;
import org.campusgate.gateway.identity.Identifier;

/**
 * Step 1, identify: asks the {@link Identifier} who is behind each request head. An identified
 * (or unidentified) client goes on; wrong credentials get 407 with the realm, a throttled client
 * 429 with {@code Retry-After}. When the identity event of a login cannot be recorded (audit store
 * full) the request gets 503 instead of hanging. Body pieces pass through untouched.
 */
public final class IdentifyHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(IdentifyHandler.class.getName());

  private final Identifier identifier;
  private final GatewayMetrics metrics;

  public IdentifyHandler(Identifier identifier, GatewayMetrics metrics) {
    this.identifier = Objects.requireNonNull(identifier, "identifier");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Exchange exchange = Exchange.of(ctx.channel());
    SocketAddress remote = ctx.channel().remoteAddress();
    IdentifyResult result;
    try {
      result = identifier.identify(
          remote instanceof InetSocketAddress isa ? isa.getAddress() : null,
          request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION), exchange.start());
    } catch (AuditStoreFullException e) {
      // a login that cannot be recorded does not count (fail-closed): 503, like a full store
      // at the end of a request; the login is recorded on a later request
      ReferenceCountUtil.release(msg);
      metrics.auditRefused.mark();
      metrics.auditFullAnswers.mark();
      Answers.answer(ctx, exchange, Answers.errorPage(HttpResponseStatus.SERVICE_UNAVAILABLE));
      return;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "identifying " + exchange.eventId() + " failed", e);
      ReferenceCountUtil.release(msg);
      Answers.answer(ctx, exchange, Answers.errorPage(HttpResponseStatus.INTERNAL_SERVER_ERROR));
      return;
    }
    if (result instanceof IdentifyResult.Identified id) {
      exchange.identified(id.user(), id.authMethod());
      ctx.fireChannelRead(msg);
    } else if (result instanceof IdentifyResult.Challenge c) {
      ReferenceCountUtil.release(msg);
      metrics.authRequired.mark();
      Answers.answer(ctx, exchange, challenge(c.realm()));
    } else if (result instanceof IdentifyResult.Throttled t) {
      ReferenceCountUtil.release(msg);
      FullHttpResponse r = Answers.response(HttpResponseStatus.TOO_MANY_REQUESTS,
          "text/plain; charset=utf-8", "Too many failed logins; try again later.\n");
      r.headers().set(HttpHeaderNames.RETRY_AFTER, Math.max(1, t.retryAfter().toSeconds()));
      Answers.answer(ctx, exchange, r);
    }
  }

  /** 407 with {@code Proxy-Authenticate: Basic realm="..."}. */
  public static FullHttpResponse challenge(String realm) {
    FullHttpResponse r = Answers.response(HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED,
        "text/plain; charset=utf-8", "Please sign in to use the network. 请登录后上网。\n");
    r.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic realm=\"" + realm + "\"");
    return r;
  }
}
