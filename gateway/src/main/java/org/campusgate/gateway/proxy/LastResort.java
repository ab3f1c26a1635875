package org.campusgate.gateway.proxy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The pipeline's last handler, after every stage: an exception no stage handled ends the
 * exchange with a 500 page (when no answer has started yet) and closes the connection, so a bug
 * in one stage never leaves a client waiting until its own timeout. The exchange is still
 * recorded when it got as far as a decision.
 */
@ChannelHandler.Sharable
public final class LastResort extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(LastResort.class.getName());

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(System.Logger.Level.WARNING, "unhandled error on " + ctx.channel() + "; closing it",
        cause);
    Exchange exchange = ctx.channel().attr(Exchange.KEY).get();
    if (exchange != null && !exchange.ended() && exchange.status() == 0 && ctx.channel().isActive()) {
      exchange.status(500);
      ctx.writeAndFlush(Answers.errorPage(HttpResponseStatus.INTERNAL_SERVER_ERROR))
          .addListener(ChannelFutureListener.CLOSE);
      exchange.end(ctx.channel(), false);
      return;
    }
    if (exchange != null && !exchange.ended()) {
      exchange.end(ctx.channel(), false);
    }
    ctx.close();
  }
}
