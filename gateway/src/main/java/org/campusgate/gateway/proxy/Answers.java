package org.campusgate.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own answers: a stage fails by answering, not by throwing. Error pages are fixed
 * bilingual text (nothing from the request is reflected); block pages come from {@code BlockPages}.
 */
public final class Answers {
  private Answers() {}

  /** A fixed error page for a status the gateway itself produces (400, 414, 431, 502, 503, 504). */
  public static FullHttpResponse errorPage(HttpResponseStatus status) {
    String zh = switch (status.code()) {
      case 400 -> "请求格式错误。";
      case 408 -> "请求超时。";
      case 414 -> "请求行过长。";
      case 431 -> "请求头过大。";
      case 502 -> "无法连接到目标网站。";
      case 503 -> "网关暂时无法记录访问日志，请稍后再试。";
      case 504 -> "目标网站响应超时。";
      default -> "网关错误。";
    };
    String en = switch (status.code()) {
      case 400 -> "The request is malformed.";
      case 408 -> "The request took too long.";
      case 414 -> "The request line is too long.";
      case 431 -> "The request headers are too large.";
      case 502 -> "The site could not be reached.";
      case 503 -> "The gateway cannot record access right now; please try again shortly.";
      case 504 -> "The site took too long to answer.";
      default -> "Gateway error.";
    };
    String html = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>"
        + status.code() + " " + status.reasonPhrase() + "</title></head><body><h1>" + status.code()
        + "</h1><p>" + zh + "</p><p lang=\"en\">" + en + "</p><p>CampusGate</p></body></html>\n";
    return response(status, "text/html; charset=utf-8", html);
  }

  public static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
    ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    r.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    return r;
  }

  /**
   * The longest request body an answer reads and discards to keep the connection: a request
   * answered before its body arrived must have the body read before the next request can be
   * (RFC 9112 §9.3); beyond this much, closing is cheaper than reading.
   */
  static final long MAX_DISCARDED_BODY = 64 * 1024;
  /** A body to be discarded that has not ended by then closes the connection. */
  static final long DISCARD_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

  /**
   * Answers the exchange's request with {@code response} and ends the exchange. The connection
   * is kept when the client asked for it and has no body left to send, or a body of at most
   * {@link #MAX_DISCARDED_BODY} bytes, announced by {@code Content-Length} and not waiting for
   * {@code 100 Continue}: that body is read and discarded (by the {@link RequestGuard}) and then
   * the connection serves the next request. Otherwise the answer says {@code Connection: close}
   * and, when a body may still be coming, the close is a lingering one ({@link LingeringClose}),
   * so a client still sending gets the whole answer rather than a reset.
   */
  public static void answer(ChannelHandlerContext ctx, Exchange exchange, FullHttpResponse response) {
    exchange.markAnswered();
    exchange.status(response.status().code());
    boolean bodyComing = exchange.requestHasBody();
    boolean keepAlive = exchange.requestKeepAlive() && !"CONNECT".equals(exchange.method())
        && (!bodyComing || bodyDiscardable(exchange));
    response.headers().set(HttpHeaderNames.CONNECTION,
        keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    exchange.addDown(response.content().readableBytes());
    if (bodyComing && keepAlive) {
      discardRest(ctx, exchange);
    } else if (bodyComing) {
      LingeringClose.install(ctx.pipeline());
    }
    ctx.writeAndFlush(response).addListener(f -> {
      exchange.end(ctx.channel(), keepAlive && f.isSuccess());
      if (!keepAlive || !f.isSuccess()) {
        ctx.channel().close();
      }
    });
  }

  /**
   * With {@code Expect: 100-continue} the client has not sent the body and waits: inviting it
   * only to discard it is a waste, so such a request is answered with a close instead.
   */
  static boolean bodyDiscardable(Exchange exchange) {
    long length = exchange.declaredBodyLength();
    return length >= 0 && length <= MAX_DISCARDED_BODY && !exchange.expectsContinue();
  }

  /**
   * Reads on, so the guard gets and discards the rest of the body; closes (lingering) if it has
   * not ended within {@link #DISCARD_TIMEOUT_NANOS}, that is if the exchange is still current.
   */
  private static void discardRest(ChannelHandlerContext ctx, Exchange exchange) {
    Channel ch = ctx.channel();
    ctx.read();
    ch.eventLoop().schedule(() -> {
      if (ch.isActive() && ch.attr(Exchange.KEY).get() == exchange) {
        LingeringClose.close(ch);
      }
    }, DISCARD_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
  }

  /** Answers outside any exchange (malformed input) and closes. */
  public static void answerAndClose(ChannelHandlerContext ctx, HttpResponseStatus status) {
    FullHttpResponse r = errorPage(status);
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }
}
