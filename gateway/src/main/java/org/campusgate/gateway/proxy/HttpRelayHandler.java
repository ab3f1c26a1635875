package org.campusgate.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.upstream.Upstreams;
import org.campusgate.policy.url.CanonicalUrl;

/**
 * Step 4 for an allowed plain-HTTP request: relays it to the origin and the response back,
 * streaming both bodies piece by piece (never aggregated).
 *
 * <p>Backpressure in both directions: neither channel auto-reads; the client is read again only
 * when the previous piece was written to the origin, the origin only when the previous piece was
 * written to the client. The request head goes out in origin form with hop-by-hop headers removed,
 * {@code Host} set from the absolute URI, {@code Via} and (optionally) {@code X-Forwarded-For}
 * added. {@code Expect: 100-continue} is passed on and the origin's {@code 100} relayed.
 *
 * <p>Failures answer: origin unreachable or closing before its head → 502; no response head
 * within the upstream response timeout → 504; a failure after the response started closes the
 * client. The origin connection goes back to the pool only after a clean, complete exchange.
 */
public final class HttpRelayHandler extends ChannelInboundHandlerAdapter implements Upstreams.Listener {
  private final Upstreams upstreams;
  private final GatewayConfig config;
  private final GatewayMetrics metrics;

  private ChannelHandlerContext ctx;
  private Exchange exchange;
  private Channel upstream;
  private final ArrayDeque<Object> pending = new ArrayDeque<>(2);
  private boolean requestDone;
  private boolean responseStarted;
  private boolean informational;
  private boolean clientKeepAlive;
  private boolean upstreamKeepAlive;
  private boolean headRequest;
  private long upstreamStartNanos;
  private Deadline responseDeadline;
  /** A client that stops sending a relayed body midway is cut off after the idle timeout. */
  private Deadline bodyDeadline;

  public HttpRelayHandler(Upstreams upstreams, GatewayConfig config, GatewayMetrics metrics) {
    this.upstreams = upstreams;
    this.config = config;
    this.metrics = metrics;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.responseDeadline = new Deadline(ctx.executor(),
        config.upstreamResponseTimeout().toNanos(), this::responseTimedOut);
    this.bodyDeadline = new Deadline(ctx.executor(), config.idleTimeout().toNanos(),
        this::bodyTimedOut);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request && !HttpMethod.CONNECT.equals(request.method())) {
      begin(request);
    } else if (msg instanceof HttpContent content && exchange != null && !exchange.ended()) {
      bodyDeadline.disarm();
      exchange.addUp(content.content().readableBytes());
      if (upstream == null) {
        pending.add(msg);
      } else {
        writeUp(msg);
      }
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void begin(HttpRequest request) {
    exchange = Exchange.of(ctx.channel());
    requestDone = false;
    responseStarted = false;
    informational = false;
    upstreamKeepAlive = false;
    clientKeepAlive = exchange.requestKeepAlive();
    headRequest = HttpMethod.HEAD.equals(request.method());
    CanonicalUrl target = exchange.context().target();
    HttpRequest out = toOrigin(request, target, config.addXForwardedFor()
        ? exchange.clientIp() : null);
    pending.add(out);
    upstreamStartNanos = 0;
    Future<Channel> f = upstreams.acquireHttp(ctx.channel().eventLoop(), target.host(),
        target.port(), this);
    final Exchange mine = exchange;
    f.addListener(done -> {
      if (mine != exchange || mine.ended()) {
        if (done.isSuccess()) {
          ((Channel) done.getNow()).close();
        }
        return;
      }
      if (!done.isSuccess()) {
        metrics.upstreamFailures.mark();
        fail(HttpResponseStatus.BAD_GATEWAY);
        return;
      }
      upstream = (Channel) done.getNow();
      upstream.read();
      while (!pending.isEmpty()) {
        writeUp(pending.poll());
      }
    });
  }

  /**
   * The request head as it goes to the origin: {@code request} itself, rewritten in place (its
   * headers are not needed after this; a copy per request was a measurable cost).
   */
  static HttpRequest toOrigin(HttpRequest request, CanonicalUrl target, String forwardedFor) {
    String uri = request.uri();
    int scheme = uri.indexOf("://");
    int path = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
    int query = scheme < 0 ? -1 : uri.indexOf('?', scheme + 3);
    String authority = scheme < 0 ? null : uri.substring(scheme + 3,
        path >= 0 ? (query >= 0 ? Math.min(path, query) : path) : (query >= 0 ? query : uri.length()));
    String originForm = path < 0 || (query >= 0 && query < path)
        ? "/" + (query >= 0 ? uri.substring(query) : "") : uri.substring(path);
    HttpRequest out = request.setUri(originForm);
    HopByHop.forward(out.headers());
    if (authority != null) {
      int at = authority.lastIndexOf('@');
      out.headers().set(HttpHeaderNames.HOST, at >= 0 ? authority.substring(at + 1) : authority);
    } else {
      out.headers().set(HttpHeaderNames.HOST, target.host() + ":" + target.port());
    }
    if (forwardedFor != null) {
      String prior = out.headers().get("X-Forwarded-For");
      out.headers().set("X-Forwarded-For", prior == null ? forwardedFor : prior + ", " + forwardedFor);
    }
    return out;
  }

  private void writeUp(Object msg) {
    boolean last = msg instanceof LastHttpContent;
    if (last) {
      requestDone = true;
    }
    final Exchange mine = exchange;
    // A head without a body is always followed by its (empty) last content in the same decode:
    // write it unflushed, so the request goes out in one write. Anything else is flushed at
    // once, since the next read waits for this write to complete.
    boolean bodyless = msg instanceof HttpRequest head && !HttpUtil.isContentLengthSet(head)
        && !HttpUtil.isTransferEncodingChunked(head);
    (bodyless ? upstream.write(msg) : upstream.writeAndFlush(msg)).addListener(f -> {
      if (mine != exchange || mine.ended()) {
        return;
      }
      if (!f.isSuccess()) {
        upstreamBroke();
      } else if (!last) {
        ctx.read();
        bodyDeadline.arm(config.idleTimeout().toNanos());
      } else if (!responseStarted && !responseDeadline.armed()) {
        // The origin's latency runs from here: the whole request is with it.
        upstreamStartNanos = System.nanoTime();
        responseDeadline.arm(config.upstreamResponseTimeout().toNanos());
      }
    });
  }

  @Override
  public void onMessage(Channel from, Object msg) {
    if (from != upstream || exchange == null || exchange.ended()) {
      ReferenceCountUtil.release(msg);
      from.close();
      return;
    }
    if (msg instanceof HttpResponse response) {
      if (response.decoderResult().isFailure()) {
        ReferenceCountUtil.release(msg);
        upstreamBroke();
        return;
      }
      if (response.status().codeClass() == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL
          && response.status().code() != 101) {
        informational = true;
        HopByHop.forward(response.headers());
        writeDown(msg, false);
        return;
      }
      informational = false;
      responseStarted = true;
      disarmDeadlines();
      if (upstreamStartNanos != 0) { // 0: the origin answered before the request was all sent
        metrics.upstreamLatency.update(System.nanoTime() - upstreamStartNanos,
            TimeUnit.NANOSECONDS);
      }
      exchange.status(response.status().code());
      upstreamKeepAlive = HttpUtil.isKeepAlive(response);
      HopByHop.forward(response.headers());
      boolean delimited = HttpUtil.isContentLengthSet(response)
          || HttpUtil.isTransferEncodingChunked(response) || headRequest
          || response.status().code() == 204 || response.status().code() == 304;
      if (!delimited || !requestDone) {
        clientKeepAlive = false; // body ends at close, or request body still coming: close after
      }
      if (!clientKeepAlive) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      } else if (response.protocolVersion().minorVersion() == 0) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      }
      writeDown(msg, false);
    } else if (msg instanceof HttpContent content) {
      boolean last = msg instanceof LastHttpContent;
      if (informational) {
        if (last) {
          informational = false;
        }
        writeDown(msg, false);
        return;
      }
      exchange.addDown(content.content().readableBytes());
      writeDown(msg, last);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  private void writeDown(Object msg, boolean last) {
    final Exchange mine = exchange;
    // The response's parts are flushed once per origin read batch (onReadComplete) or at its
    // end: one write to the client per batch, not one per part.
    (last ? ctx.writeAndFlush(msg) : ctx.write(msg)).addListener(f -> {
      if (mine != exchange || mine.ended()) {
        return;
      }
      if (!f.isSuccess()) {
        closeBoth();
      } else if (last) {
        finish();
      } else if (upstream != null) {
        upstream.read();
      }
    });
  }

  private void finish() {
    Channel up = upstream;
    upstream = null;
    disarmDeadlines();
    if (up != null) {
      if (upstreamKeepAlive && requestDone) {
        upstreams.release(up);
      } else {
        up.close();
      }
    }
    Exchange done = exchange;
    done.end(ctx.channel(), clientKeepAlive && requestDone);
  }

  @Override
  public void onReadComplete(Channel from) {
    if (from == upstream) {
      ctx.flush();
    }
  }

  @Override
  public void onClosed(Channel from) {
    if (from == upstream && exchange != null && !exchange.ended()) {
      upstream = null;
      upstreamBroke();
    }
  }

  private void upstreamBroke() {
    if (responseStarted) {
      closeBoth();
    } else {
      metrics.upstreamFailures.mark();
      fail(HttpResponseStatus.BAD_GATEWAY);
    }
  }

  private void responseTimedOut() {
    if (exchange != null && !exchange.ended() && !responseStarted) {
      metrics.upstreamFailures.mark();
      fail(HttpResponseStatus.GATEWAY_TIMEOUT);
    }
  }

  private void bodyTimedOut() {
    if (exchange == null || exchange.ended() || requestDone) {
      return;
    }
    if (responseStarted) {
      closeBoth();
    } else {
      fail(HttpResponseStatus.REQUEST_TIMEOUT);
    }
  }

  /** Answers the client with an error page (no response started yet) and drops the origin. */
  private void fail(HttpResponseStatus status) {
    disarmDeadlines();
    releasePending();
    if (upstream != null) {
      upstream.close();
      upstream = null;
    }
    responseStarted = true;
    Answers.answer(ctx, exchange, Answers.errorPage(status));
  }

  private void closeBoth() {
    disarmDeadlines();
    releasePending();
    if (upstream != null) {
      upstream.close();
      upstream = null;
    }
    exchange.end(ctx.channel(), false);
    ctx.channel().close();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    responseDeadline.cancel();
    bodyDeadline.cancel();
    releasePending();
    if (upstream != null) {
      upstream.close();
      upstream = null;
    }
    if (exchange != null && !exchange.ended()) {
      exchange.end(ctx.channel(), false);
    }
    super.channelInactive(ctx);
  }

  private void releasePending() {
    while (!pending.isEmpty()) {
      ReferenceCountUtil.release(pending.poll());
    }
  }

  private void disarmDeadlines() {
    responseDeadline.disarm();
    bodyDeadline.disarm();
  }

}
