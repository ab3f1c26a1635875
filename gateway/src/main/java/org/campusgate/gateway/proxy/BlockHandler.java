package org.campusgate.gateway.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.block.BlockFacts;
import org.campusgate.gateway.block.BlockPages;
import org.campusgate.policy.Decision;

/**
 * Step 4 for everything that is not forwarded: BLOCK gets the 403 page (or, for CONNECT, 403 with
 * {@code X-CampusGate-Reason} and a one-line body), AUTH_REQUIRED gets 407, and while the audit
 * store refuses events every request gets 503 (fail-closed, see {@link ExchangeRecorder}).
 * Allowed requests pass on to the relay stages. Nothing here connects anywhere.
 *
 * <p>It notes each request's body framing in the {@link Exchange}, so that an answer (its own or
 * a later stage's) can keep the connection when a small rest of body can be read and discarded.
 */
public final class BlockHandler extends ChannelInboundHandlerAdapter {
  public static final String REASON_HEADER = "X-CampusGate-Reason";

  private final BlockPages pages;
  private final ExchangeRecorder recorder;
  private final GatewayMetrics metrics;
  private final String contactLine;
  private final String realm;

  public BlockHandler(BlockPages pages, ExchangeRecorder recorder, GatewayMetrics metrics,
      String contactLine, String realm) {
    this.pages = Objects.requireNonNull(pages, "pages");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.contactLine = contactLine;
    this.realm = Objects.requireNonNull(realm, "realm");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Exchange exchange = Exchange.of(ctx.channel());
    Decision decision = exchange.decision();
    if (!recorder.accepting()) {
      ReferenceCountUtil.release(msg);
      metrics.auditFullAnswers.mark();
      Answers.answer(ctx, exchange, Answers.errorPage(HttpResponseStatus.SERVICE_UNAVAILABLE));
      return;
    }
    switch (decision.action()) {
      case ALLOW -> ctx.fireChannelRead(msg);
      case AUTH_REQUIRED -> {
        ReferenceCountUtil.release(msg);
        metrics.authRequired.mark();
        Answers.answer(ctx, exchange, IdentifyHandler.challenge(realm));
      }
      case BLOCK -> {
        metrics.blocks.mark();
        boolean connect = HttpMethod.CONNECT.equals(request.method());
        String accept = request.headers().get(HttpHeaderNames.ACCEPT_LANGUAGE);
        ReferenceCountUtil.release(msg);
        Answers.answer(ctx, exchange, connect ? blockedConnect(exchange) : blockedPage(exchange, accept));
      }
    }
  }

  private BlockFacts facts(Exchange exchange, String target) {
    return new BlockFacts(exchange.eventId().toString(), exchange.start(), target,
        exchange.user() == null ? null : exchange.user().id(), exchange.decision(), contactLine);
  }

  private FullHttpResponse blockedPage(Exchange exchange, String acceptLanguage) {
    String html = pages.html(facts(exchange, exchange.rawTarget()), acceptLanguage);
    return Answers.response(HttpResponseStatus.FORBIDDEN, "text/html; charset=utf-8", html);
  }

  private FullHttpResponse blockedConnect(Exchange exchange) {
    String reason = pages.connectReason(facts(exchange, exchange.rawTarget()));
    FullHttpResponse r = Answers.response(HttpResponseStatus.FORBIDDEN,
        "text/plain; charset=utf-8", "Blocked by CampusGate: " + reason + "\n");
    r.headers().set(REASON_HEADER, exchange.decision().reason().name());
    return r;
  }
}
