package org.campusgate.gateway.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.policy.Decision;
import org.campusgate.policy.PolicyHolder;
import org.campusgate.policy.RequestContext;
import org.campusgate.policy.url.InvalidUrlException;

/**
 * Steps 2 and 3, describe and decide: turns each request head into a {@link RequestContext}
 * (absolute-form URL, or the CONNECT authority) and asks the policy snapshot in force, read once
 * per request. A target that cannot be canonicalised (or an origin-form request, which an
 * explicit proxy cannot route) gets 400. The decision goes into the {@link Exchange}; acting on
 * it is the next stages' job.
 */
public final class DecideHandler extends ChannelInboundHandlerAdapter {
  private final PolicyHolder policies;
  private final String schoolId;
  private final GatewayMetrics metrics;

  public DecideHandler(PolicyHolder policies, String schoolId, GatewayMetrics metrics) {
    this.policies = Objects.requireNonNull(policies, "policies");
    this.schoolId = Objects.requireNonNull(schoolId, "schoolId");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Exchange exchange = Exchange.of(ctx.channel());
    long t0 = System.nanoTime();
    RequestContext context;
    try {
      context = describe(exchange, request);
    } catch (InvalidUrlException e) {
      ReferenceCountUtil.release(msg);
      Answers.answer(ctx, exchange, Answers.errorPage(HttpResponseStatus.BAD_REQUEST));
      return;
    }
    Decision decision = policies.current().decide(context);
    metrics.decisionNanos.update(System.nanoTime() - t0);
    metrics.requests.mark();
    exchange.decided(context, decision);
    ctx.fireChannelRead(msg);
  }

  RequestContext describe(Exchange exchange, HttpRequest request) throws InvalidUrlException {
    RequestContext.Builder b = RequestContext.builder()
        .time(exchange.start())
        .schoolId(schoolId)
        .user(exchange.user())
        .client(exchange.clientIp(), exchange.clientPort())
        .method(request.method().name())
        .userAgent(request.headers().get(HttpHeaderNames.USER_AGENT));
    String uri = request.uri();
    if (HttpMethod.CONNECT.equals(request.method())) {
      if (uri.indexOf(':') < 0) {
        throw new InvalidUrlException("CONNECT needs host:port");
      }
      b.authority(uri);
    } else {
      if (!uri.regionMatches(true, 0, "http://", 0, 7)) {
        throw new InvalidUrlException("not an absolute http URL");
      }
      b.url(uri);
    }
    return b.build();
  }
}
