package org.campusgate.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.campusgate.audit.AuditStore;
import org.campusgate.gateway.block.BlockPages;
import org.campusgate.gateway.identity.Identifier;
import org.campusgate.gateway.proxy.ExchangeRecorder;
import org.campusgate.gateway.proxy.ProxyInitializer;
import org.campusgate.gateway.proxy.RequestGuard;
import org.campusgate.gateway.upstream.Resolvers;
import org.campusgate.gateway.upstream.Transport;
import org.campusgate.gateway.upstream.Upstreams;
import org.campusgate.policy.PolicyHolder;

/**
 * The explicit-proxy listener: wires the pieces ({@link ProxyInitializer} holds the pipeline) and
 * runs them. Native epoll when available, else NIO. It does not own the audit store: the caller
 * closes (and so flushes) it after {@link #stop}.
 */
public final class GatewayServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GatewayServer.class.getName());

  private final GatewayConfig config;
  private final Identifier identifier;
  private final PolicyHolder policies;
  private final BlockPages pages;
  private final AuditStore store;
  private final GatewayMetrics metrics;
  private final Transport transport;
  private EventLoopGroup boss;
  private EventLoopGroup workers;
  private AddressResolverGroup<InetSocketAddress> resolver;
  private Upstreams upstreams;
  private Channel listener;
  private ChannelGroup clients;

  public GatewayServer(GatewayConfig config, Identifier identifier, PolicyHolder policies,
      BlockPages pages, AuditStore store, GatewayMetrics metrics) {
    this.config = Objects.requireNonNull(config, "config");
    this.identifier = Objects.requireNonNull(identifier, "identifier");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.pages = Objects.requireNonNull(pages, "pages");
    this.store = Objects.requireNonNull(store, "store");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.transport = Transport.best();
  }

  /** Binds the listener; returns once it accepts connections. */
  public synchronized GatewayServer start() throws InterruptedException {
    if (listener != null) {
      throw new IllegalStateException("already started");
    }
    // First: a hosts file that cannot be read fails the start before any thread exists.
    resolver = Resolvers.create(transport, config);
    boss = transport.newGroup(1);
    workers = transport.newGroup(config.eventLoops());
    clients = new DefaultChannelGroup("clients", GlobalEventExecutor.INSTANCE);
    upstreams = new Upstreams(transport, resolver, config);
    ExchangeRecorder recorder = new ExchangeRecorder(store, policies, metrics, config.schoolId(),
        config.gatewayId());
    ProxyInitializer init = new ProxyInitializer(config, identifier, policies, pages, recorder,
        upstreams, metrics);
    ChannelFuture bound = new ServerBootstrap()
        .group(boss, workers)
        .channel(transport.serverChannel())
        .option(ChannelOption.SO_BACKLOG, 4096)
        .childOption(ChannelOption.AUTO_READ, false)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .handler(new ChannelInboundHandlerAdapter() {
          @Override
          public void channelRead(ChannelHandlerContext ctx, Object msg) {
            clients.add((Channel) msg);
            ctx.fireChannelRead(msg);
          }
        })
        .childHandler(init)
        .bind(config.bind())
        .sync();
    listener = bound.channel();
    LOG.log(Level.INFO, "CampusGate proxy listening on " + boundAddress() + " (" + transport.name() + ")");
    return this;
  }

  /** The address the listener is bound to (its port when configured with port 0). */
  public InetSocketAddress boundAddress() {
    return listener == null ? null : (InetSocketAddress) listener.localAddress();
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  /**
   * Stops: closes the listener, closes idle connections, lets exchanges in flight finish for up
   * to {@code grace}, then closes whatever remains and releases the threads.
   */
  public synchronized void stop(Duration grace) throws InterruptedException {
    if (listener == null) {
      return;
    }
    long deadline = System.nanoTime() + grace.toNanos();
    listener.close().sync();
    List<ChannelFuture> closing = new ArrayList<>();
    for (Channel ch : clients) {
      closing.add(ch.closeFuture());
      ch.eventLoop().execute(() -> ch.pipeline().fireUserEventTriggered(RequestGuard.DRAIN));
    }
    for (ChannelFuture f : closing) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !f.await(left, TimeUnit.NANOSECONDS)) {
        break;
      }
    }
    clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    upstreams.closeIdle();
    resolver.close();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    listener = null;
  }

  @Override
  public void close() throws InterruptedException {
    stop(Duration.ofSeconds(5));
  }
}
