package org.campusgate.gateway.tunnel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.campusgate.gateway.proxy.Exchange;

/**
 * Copies the bytes one channel reads to its peer, counting them into the tunnel's exchange.
 * Backpressure as in Netty's proxy example: the source is read again only after the previous
 * piece was written to the peer. When either side closes, the other is flushed and closed.
 */
final class Splice extends ChannelInboundHandlerAdapter {
  private final Channel peer;
  private final boolean up;
  private final Exchange exchange;

  Splice(Channel peer, boolean up, Exchange exchange) {
    this.peer = peer;
    this.up = up;
    this.exchange = exchange;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf buf)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (up) {
      exchange.addUp(buf.readableBytes());
    } else {
      exchange.addDown(buf.readableBytes());
    }
    peer.writeAndFlush(buf).addListener(f -> {
      if (f.isSuccess()) {
        ctx.channel().read();
      } else {
        ctx.channel().close();
      }
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (peer.isActive()) {
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
