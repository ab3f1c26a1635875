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
 *
 * <p>Backpressure by the peer's writability: the pieces of one read batch are written and
 * flushed together when the batch ends, and the source is read again only while the peer is
 * writable; when the peer's buffer passes its high-water mark, reading waits until the peer's
 * {@code channelWritabilityChanged} says it drained. So what waits in memory per direction is at
 * most one read batch plus the high-water mark. (Waiting for every single write to complete
 * before the next read cost a quarter of the tunnel's throughput.) When either side closes, the
 * other is flushed and closed.
 */
final class Splice extends ChannelInboundHandlerAdapter {
  private final Channel peer;
  private final boolean up;
  private final Exchange exchange;
  private ChannelFutureListener closeSourceOnFailure;

  Splice(Channel peer, boolean up, Exchange exchange) {
    this.peer = peer;
    this.up = up;
    this.exchange = exchange;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    Channel source = ctx.channel();
    closeSourceOnFailure = f -> {
      if (!f.isSuccess()) {
        source.close();
      }
    };
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
    peer.write(buf).addListener(closeSourceOnFailure);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    peer.flush();
    if (peer.isWritable()) {
      ctx.channel().read();
    }
  }

  /** This channel drained below its low-water mark: the peer, which writes into it, reads on. */
  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().isWritable() && peer.isActive()) {
      peer.read();
    }
    super.channelWritabilityChanged(ctx);
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
