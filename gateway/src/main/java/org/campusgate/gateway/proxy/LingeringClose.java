package org.campusgate.gateway.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A staged close (RFC 9112 §9.6), for a connection answered while its client may still be
 * sending a request body: closing outright with unread bytes makes the kernel send a reset,
 * and a client still writing its body then gets "connection reset" instead of the answer.
 *
 * <p>Put first in the pipeline, it turns the next {@code close()} into: let every written byte
 * out, shut down the output (the client reads the answer, then end of stream), then read and
 * discard whatever the client still sends until it closes, has sent nothing for {@link
 * #IDLE_NANOS}, or {@link #MAX_NANOS} have passed (nginx's {@code lingering_timeout} and
 * {@code lingering_time}); only then close. Used on the channel's event loop only.
 */
final class LingeringClose extends ChannelDuplexHandler {
  static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);
  static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final long idleNanos;
  private final long maxNanos;
  /** The first close's promise, while lingering. */
  private ChannelPromise closing;
  private long lastRead;
  private long giveUp;
  private ScheduledFuture<?> timer;

  LingeringClose(long idleNanos, long maxNanos) {
    this.idleNanos = idleNanos;
    this.maxNanos = maxNanos;
  }

  /** Makes the channel's next close a lingering one (once per channel). */
  static void install(ChannelPipeline pipeline) {
    if (pipeline.get(LingeringClose.class) == null) {
      pipeline.addFirst("lingering-close", new LingeringClose(IDLE_NANOS, MAX_NANOS));
    }
  }

  /** Closes {@code channel} by a lingering close. */
  static void close(Channel channel) {
    install(channel.pipeline());
    channel.close();
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    Channel ch = ctx.channel();
    if (closing != null) {
      ch.closeFuture().addListener(f -> promise.trySuccess());
      return;
    }
    if (!(ch instanceof DuplexChannel duplex) || !ch.isActive()) {
      ctx.close(promise);
      return;
    }
    closing = promise;
    lastRead = now(ctx);
    giveUp = lastRead + maxNanos;
    // writes complete in order: once this empty one is out, so is the whole answer
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
      if (f.isSuccess() && ch.isActive()) {
        duplex.shutdownOutput();
      } else {
        finish(ctx);
      }
    });
    sleep(ctx, idleNanos);
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing == null) {
      ctx.fireChannelRead(msg);
      return;
    }
    ReferenceCountUtil.release(msg);
    lastRead = now(ctx);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (closing == null) {
      ctx.fireChannelReadComplete();
    } else {
      ctx.read();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    // the client closed (end of stream closes the channel: no half-closure allowed)
    if (timer != null) {
      timer.cancel(false);
    }
    if (closing != null) {
      closing.trySuccess();
    }
    super.channelInactive(ctx);
  }

  private void sleep(ChannelHandlerContext ctx, long nanos) {
    timer = ctx.executor().schedule(() -> wake(ctx), nanos, TimeUnit.NANOSECONDS);
  }

  private void wake(ChannelHandlerContext ctx) {
    long now = now(ctx);
    long quietFor = now - lastRead;
    if (quietFor >= idleNanos || now - giveUp >= 0) {
      finish(ctx);
    } else {
      sleep(ctx, Math.min(idleNanos - quietFor, giveUp - now));
    }
  }

  private void finish(ChannelHandlerContext ctx) {
    if (timer != null) {
      timer.cancel(false);
    }
    ChannelPromise first = closing;
    ctx.close().addListener(f -> first.trySuccess());
  }

  private static long now(ChannelHandlerContext ctx) {
    return ctx.executor().ticker().nanoTime();
  }
}
