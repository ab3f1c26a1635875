package org.campusgate.gateway.proxy;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.campusgate.gateway.GatewayMetrics;

/**
 * Right after the HTTP codec: lets only well-formed requests in, one exchange at a time.
 *
 * <ul>
 *   <li>Refuses with an answer and close: decoder failures (414 line too long, 431 headers too
 *       large, 400 otherwise, including duplicate/invalid {@code Content-Length} and both {@code
 *       Content-Length} and {@code Transfer-Encoding}), obs-fold (flagged by {@link HeadScanner}),
 *       a {@code Transfer-Encoding} other than a final {@code chunked}, a request whose body
 *       length is not known.
 *   <li>Starts an {@link Exchange} per request head. Body pieces of a request a stage answered
 *       itself are discarded here, so later stages never see them.
 *   <li>Pipelined requests wait here until the current exchange has ended; then the next one is
 *       replayed, or the connection reads again (it owns {@code read()} between exchanges).
 * </ul>
 */
public final class RequestGuard extends ChannelDuplexHandler {
  /** Asks the guard to close the connection as soon as no exchange is in progress. */
  public static final Object DRAIN = new Object();

  private final ExchangeRecorder recorder;
  private final GatewayMetrics metrics;
  private final ArrayDeque<Object> waiting = new ArrayDeque<>(2);
  private Exchange current;
  private boolean inBody;
  private boolean ended;
  private boolean draining;

  public RequestGuard(ExchangeRecorder recorder, GatewayMetrics metrics) {
    this.recorder = recorder;
    this.metrics = metrics;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    metrics.activeConnections.inc();
    // On close, not in channelInactive: a CONNECT tunnel removes this handler from the pipeline.
    ctx.channel().closeFuture().addListener(f -> metrics.activeConnections.dec());
    ctx.read();
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    for (Object o : waiting) {
      ReferenceCountUtil.release(o);
    }
    waiting.clear();
    super.channelInactive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (!(msg instanceof HttpObject http)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (http.decoderResult().isFailure()) {
      ReferenceCountUtil.release(msg);
      reject(ctx, statusFor(http.decoderResult().cause()));
      return;
    }
    if (msg instanceof HttpRequest request) {
      if (current != null || !waiting.isEmpty()) {
        waiting.add(msg);
        return;
      }
      start(ctx, request);
    } else if (msg instanceof HttpContent content) {
      if (!waiting.isEmpty()) {
        waiting.add(msg);
        return;
      }
      boolean last = msg instanceof LastHttpContent;
      if (current == null || ended || current.answered()) {
        content.release();
        if (last) {
          inBody = false;
          maybeNext(ctx);
        } else {
          ctx.read();
        }
        return;
      }
      if (last) {
        inBody = false;
      }
      ctx.fireChannelRead(msg);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void start(ChannelHandlerContext ctx, HttpRequest request) {
    HttpResponseStatus refusal = refusal(ctx, request);
    if (refusal != null) {
      ReferenceCountUtil.release(request);
      reject(ctx, refusal);
      return;
    }
    HttpHeaders h = request.headers();
    boolean hasBody = HttpUtil.isTransferEncodingChunked(request)
        || HttpUtil.getContentLength(request, 0L) > 0;
    SocketAddress remote = ctx.channel().remoteAddress();
    current = new Exchange(recorder, remote instanceof InetSocketAddress isa ? isa : null,
        request.method().name(), request.uri(), HttpUtil.isKeepAlive(request), hasBody);
    current.userAgent(h.get(HttpHeaderNames.USER_AGENT));
    // Every stage that answers early (407, 429, 400, 403) needs this to drain or close well.
    current.bodyFraming(HttpUtil.getContentLength(request, -1L),
        HttpUtil.is100ContinueExpected(request));
    ctx.channel().attr(Exchange.KEY).set(current);
    inBody = true;
    ended = false;
    ctx.fireChannelRead(request);
  }

  /** The status a request must be refused with, or null when it may go on. */
  HttpResponseStatus refusal(ChannelHandlerContext ctx, HttpRequest request) {
    if (Boolean.TRUE.equals(ctx.channel().attr(HeadScanner.OBS_FOLD).getAndSet(null))) {
      return HttpResponseStatus.BAD_REQUEST;
    }
    HttpHeaders h = request.headers();
    List<String> te = h.getAll(HttpHeaderNames.TRANSFER_ENCODING);
    if (!te.isEmpty()) {
      if (h.contains(HttpHeaderNames.CONTENT_LENGTH) || te.size() != 1
          || !te.get(0).trim().toLowerCase(Locale.ROOT).equals("chunked")) {
        return HttpResponseStatus.BAD_REQUEST;
      }
    }
    if (h.getAll(HttpHeaderNames.CONTENT_LENGTH).size() > 1) {
      return HttpResponseStatus.BAD_REQUEST;
    }
    if (!h.contains(HttpHeaderNames.HOST) && request.protocolVersion().minorVersion() == 1
        && request.protocolVersion().majorVersion() == 1) {
      return HttpResponseStatus.BAD_REQUEST; // RFC 9112 §3.2: HTTP/1.1 requires Host
    }
    return null;
  }

  static HttpResponseStatus statusFor(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      return HttpResponseStatus.REQUEST_URI_TOO_LONG;
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
    }
    return HttpResponseStatus.BAD_REQUEST;
  }

  private void reject(ChannelHandlerContext ctx, HttpResponseStatus status) {
    metrics.rejected.mark();
    if (current != null && !ended) {
      current.markAnswered();
    }
    ctx.channel().config().setAutoRead(false);
    Answers.answerAndClose(ctx, status);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof Exchange.Ended e) {
      ended = true;
      if (!e.keepAlive() || draining) {
        ctx.close();
      } else {
        maybeNext(ctx);
      }
      return;
    }
    if (evt == DRAIN) {
      draining = true;
      if (current == null) {
        ctx.close();
      }
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  private void maybeNext(ChannelHandlerContext ctx) {
    if (!ended || inBody || !ctx.channel().isActive()) {
      return;
    }
    current = null;
    ended = false;
    ctx.channel().attr(Exchange.KEY).set(null);
    HeadScanner scanner = ctx.pipeline().get(HeadScanner.class);
    if (scanner != null) {
      scanner.rearm(ctx.pipeline().context(scanner));
    }
    if (!waiting.isEmpty()) {
      // replay what was pipelined behind the exchange that just ended; a second request in it
      // queues itself again behind the first
      List<Object> replay = new ArrayList<>(waiting);
      waiting.clear();
      for (Object msg : replay) {
        channelReadUnchecked(ctx, msg);
      }
    }
    if (current == null) {
      ctx.read();
    }
  }

  private void channelReadUnchecked(ChannelHandlerContext ctx, Object msg) {
    try {
      channelRead(ctx, msg);
    } catch (Exception e) {
      ctx.fireExceptionCaught(e);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
