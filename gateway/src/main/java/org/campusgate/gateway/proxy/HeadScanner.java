package org.campusgate.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.campusgate.gateway.GatewayMetrics;

/**
 * First in the client pipeline, before the HTTP decoder: watches the raw bytes of each request
 * head. It does two things the decoder cannot:
 *
 * <ul>
 *   <li>Timeouts: a connection waiting for a request closes after the idle timeout; once the
 *       first byte of a head has arrived (or from connect), the whole head must arrive within the
 *       header-read timeout, else 408 and close. A client trickling one byte a second (slowloris)
 *       is cut off; the timer does not run while a response or body is in flight.
 *   <li>obs-fold: a header line starting with space or tab (RFC 9112 §5.2) is flagged in {@link
 *       #OBS_FOLD}; the {@link RequestGuard} answers 400 (the decoder would silently unfold it).
 * </ul>
 *
 * <p>It goes dormant at the end of a head and is re-armed by the guard when the exchange ends.
 */
public final class HeadScanner extends ChannelDuplexHandler {
  public static final AttributeKey<Boolean> OBS_FOLD = AttributeKey.valueOf("campusgate.obsFold");
  private static final byte[] TIMEOUT_ANSWER = ("HTTP/1.1 408 Request Timeout\r\n"
      + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 30\r\nConnection: close\r\n\r\n"
      + "The request head took too long").getBytes(StandardCharsets.US_ASCII);

  private final long headerTimeoutNanos;
  private final long idleTimeoutNanos;
  private final GatewayMetrics metrics;
  private boolean armed = true;
  private boolean sawByte;
  private boolean firstLine = true;
  /** 0: inside a line; 1: after LF; 2: after the blank line's LF is pending (CR seen at line start). */
  private int lineStart;
  /** Whether the running deadline is the header-read one (408) rather than the idle one. */
  private boolean headDeadline;
  private Deadline deadline;

  public HeadScanner(Duration headerTimeout, Duration idleTimeout, GatewayMetrics metrics) {
    this.headerTimeoutNanos = headerTimeout.toNanos();
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.metrics = metrics;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    deadline = new Deadline(ctx.executor(), Math.min(headerTimeoutNanos, idleTimeoutNanos),
        () -> timedOut(ctx));
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    schedule(headerTimeoutNanos, true);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  /** Waits for the next head: the idle timeout runs until its first byte. */
  public void rearm(ChannelHandlerContext ctx) {
    armed = true;
    sawByte = false;
    firstLine = true;
    lineStart = 0;
    schedule(idleTimeoutNanos, false);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (armed && msg instanceof ByteBuf buf) {
      scan(ctx, buf);
    }
    ctx.fireChannelRead(msg);
  }

  private void scan(ChannelHandlerContext ctx, ByteBuf buf) {
    int end = buf.writerIndex();
    for (int i = buf.readerIndex(); i < end && armed; i++) {
      byte b = buf.getByte(i);
      if (!sawByte) {
        if (b == '\r' || b == '\n') {
          continue; // RFC 9112 §2.2: empty lines before a request line are ignored
        }
        sawByte = true;
        schedule(headerTimeoutNanos, true);
      }
      if (b == '\n') {
        if (lineStart == 1 || lineStart == 2) {
          headDone(); // blank line: end of head
        } else {
          lineStart = 1;
          firstLine = false;
        }
      } else if (lineStart == 1 && b == '\r') {
        lineStart = 2;
      } else if (lineStart == 1 && (b == ' ' || b == '\t') && !firstLine) {
        ctx.channel().attr(OBS_FOLD).set(Boolean.TRUE);
        lineStart = 0;
      } else {
        lineStart = 0;
      }
    }
  }

  private void headDone() {
    armed = false;
    deadline.disarm();
  }

  private void schedule(long nanos, boolean head) {
    headDeadline = head;
    deadline.arm(nanos);
  }

  private void timedOut(ChannelHandlerContext ctx) {
    if (!ctx.channel().isActive()) {
      return;
    }
    if (headDeadline && sawByte) {
      metrics.rejected.mark();
      ctx.writeAndFlush(Unpooled.wrappedBuffer(TIMEOUT_ANSWER))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  private void cancel() {
    if (deadline != null) {
      deadline.cancel();
    }
  }
}
