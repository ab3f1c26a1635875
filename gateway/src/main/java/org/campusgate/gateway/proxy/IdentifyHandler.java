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
import org.campusgate.gateway.identity.IdentifyResult;
import org.campusgate.gateway.identity.Identifier;

/**
 * Step 1, identify: asks the {@link Identifier} who is behind each request head. An identified
 * (or unidentified) client goes on; wrong credentials get 407 with the realm, a throttled client
 * 429 with {@code Retry-After}. Body pieces pass through untouched.
 */
public final class IdentifyHandler extends ChannelInboundHandlerAdapter {
  private final Identifier identifier;

  public IdentifyHandler(Identifier identifier) {
    this.identifier = Objects.requireNonNull(identifier, "identifier");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Exchange exchange = Exchange.of(ctx.channel());
    SocketAddress remote = ctx.channel().remoteAddress();
    IdentifyResult result = identifier.identify(
        remote instanceof InetSocketAddress isa ? isa.getAddress() : null,
        request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION), exchange.start());
    if (result instanceof IdentifyResult.Identified id) {
      exchange.identified(id.user(), id.authMethod());
      ctx.fireChannelRead(msg);
    } else if (result instanceof IdentifyResult.Challenge c) {
      ReferenceCountUtil.release(msg);
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
