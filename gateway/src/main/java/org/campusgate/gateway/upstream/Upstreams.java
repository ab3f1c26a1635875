package org.campusgate.gateway.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.campusgate.gateway.GatewayConfig;

/**
 * Connections to origins. HTTP connections are kept in a small pool per event loop and
 * {@code host:port} (a client channel only ever borrows from its own loop, so the pool needs no
 * locks and both ends of a relay share one thread). Every origin channel has {@code AUTO_READ}
 * off; its reader ({@link Listener}) asks for each read. An idle pooled channel keeps one read
 * pending so a close by the origin is noticed and the channel leaves the pool.
 */
public final class Upstreams {

  /** Receives what an origin channel delivers while it is borrowed. */
  public interface Listener {
    void onMessage(Channel upstream, Object msg);

    void onClosed(Channel upstream);

    /** The origin's read batch ended: what was written for it may be flushed now. */
    default void onReadComplete(Channel upstream) {}
  }

  private final Bootstrap template;
  private final GatewayConfig config;
  private final Map<EventLoop, Map<String, ArrayDeque<Channel>>> idle = new ConcurrentHashMap<>();

  public Upstreams(Transport transport, AddressResolverGroup<InetSocketAddress> resolver,
      GatewayConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.template = new Bootstrap()
        .channel(transport.socketChannel())
        .resolver(resolver)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis());
  }

  /** Borrows a pooled HTTP connection to {@code host:port} or opens one; call on {@code loop}. */
  public Future<Channel> acquireHttp(EventLoop loop, String host, int port, Listener listener) {
    ArrayDeque<Channel> q = pool(loop).get(key(host, port));
    while (q != null && !q.isEmpty()) {
      Channel ch = q.pollLast();
      if (ch.isActive()) {
        ch.pipeline().get(Reader.class).listener = listener;
        return loop.newSucceededFuture(ch);
      }
    }
    Promise<Channel> promise = loop.newPromise();
    Reader reader = new Reader(this, host, port);
    reader.listener = listener;
    ChannelFuture f = template.clone().group(loop).handler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast("codec", new HttpClientCodec(config.maxInitialLineLength(),
            Math.max(config.maxHeaderSize(), 65536), config.maxChunkSize()));
        ch.pipeline().addLast("reader", reader);
      }
    }).connect(InetSocketAddress.createUnresolved(host, port));
    f.addListener(done -> {
      if (done.isSuccess()) {
        promise.trySuccess(f.channel());
      } else {
        promise.tryFailure(done.cause());
      }
    });
    return promise;
  }

  /** Returns a connection whose last response ended cleanly and may be reused. */
  public void release(Channel ch) {
    Reader reader = ch.pipeline().get(Reader.class);
    if (reader == null || !ch.isActive() || config.maxIdleUpstreamPerHost() == 0) {
      ch.close();
      return;
    }
    reader.listener = null;
    ArrayDeque<Channel> q = pool(ch.eventLoop())
        .computeIfAbsent(key(reader.host, reader.port), k -> new ArrayDeque<>(4));
    q.addLast(ch);
    while (q.size() > config.maxIdleUpstreamPerHost()) {
      q.pollFirst().close();
    }
    ch.read(); // notice the origin closing it while idle
  }

  /** Opens a raw TCP connection (a CONNECT tunnel) with {@code handler} as its pipeline. */
  public ChannelFuture connectRaw(EventLoop loop, String host, int port, ChannelHandler handler) {
    return template.clone().group(loop).handler(handler)
        .connect(InetSocketAddress.createUnresolved(host, port));
  }

  /** Closes every pooled connection (shutdown). */
  public void closeIdle() {
    for (Map.Entry<EventLoop, Map<String, ArrayDeque<Channel>>> e : idle.entrySet()) {
      e.getKey().execute(() -> {
        e.getValue().values().forEach(q -> q.forEach(Channel::close));
        e.getValue().clear();
      });
    }
  }

  private Map<String, ArrayDeque<Channel>> pool(EventLoop loop) {
    return idle.computeIfAbsent(loop, l -> new HashMap<>());
  }

  private static String key(String host, int port) {
    return host + ':' + port;
  }

  private void forget(Channel ch, String host, int port) {
    Map<String, ArrayDeque<Channel>> m = idle.get(ch.eventLoop());
    ArrayDeque<Channel> q = m == null ? null : m.get(key(host, port));
    if (q != null) {
      q.remove(ch);
    }
  }

  /** Last in an origin channel: hands messages to the borrower, or closes on unexpected input. */
  static final class Reader extends ChannelInboundHandlerAdapter {
    private final Upstreams owner;
    private final String host;
    private final int port;
    Listener listener;

    Reader(Upstreams owner, String host, int port) {
      this.owner = owner;
      this.host = host;
      this.port = port;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (listener != null) {
        listener.onMessage(ctx.channel(), msg);
      } else {
        ReferenceCountUtil.release(msg);
        ctx.close(); // an idle origin connection must not speak
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      Listener l = listener;
      if (l != null) {
        l.onReadComplete(ctx.channel());
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      owner.forget(ctx.channel(), host, port);
      Listener l = listener;
      listener = null;
      if (l != null) {
        l.onClosed(ctx.channel());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
