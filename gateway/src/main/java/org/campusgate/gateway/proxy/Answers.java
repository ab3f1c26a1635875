package org.campusgate.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

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
   * Answers the exchange's request with {@code response} and ends the exchange: kept alive only
   * when the client asked for it and has no body left to send (a body would have to be read and
   * discarded; closing is cheaper and safer).
   */
  public static void answer(ChannelHandlerContext ctx, Exchange exchange, FullHttpResponse response) {
    exchange.markAnswered();
    exchange.status(response.status().code());
    boolean keepAlive = exchange.requestKeepAlive() && !exchange.requestHasBody()
        && !"CONNECT".equals(exchange.method());
    response.headers().set(HttpHeaderNames.CONNECTION,
        keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    exchange.addDown(response.content().readableBytes());
    ctx.writeAndFlush(response).addListener(f -> {
      exchange.end(ctx.channel(), keepAlive && f.isSuccess());
      if (!keepAlive || !f.isSuccess()) {
        ctx.channel().close();
      }
    });
  }

  /** Answers outside any exchange (malformed input) and closes. */
  public static void answerAndClose(ChannelHandlerContext ctx, HttpResponseStatus status) {
    FullHttpResponse r = errorPage(status);
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }
}
