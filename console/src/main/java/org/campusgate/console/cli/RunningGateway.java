package org.campusgate.console.cli;

import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import org.campusgate.audit.EventIds;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.GatewayServer;
import org.campusgate.gateway.block.LocalizedBlockPages;
import org.campusgate.gateway.identity.FileUserDirectory;
import org.campusgate.gateway.identity.GatewayIdentifier;
import org.campusgate.gateway.identity.IdentityEvents;
import org.campusgate.gateway.identity.IpBindings;
import org.campusgate.gateway.identity.PasswordHashes;
import org.campusgate.gateway.identity.ProxyAuthenticator;
import org.campusgate.gateway.identity.UserDirectory;
import org.campusgate.policy.PolicyHolder;
import org.campusgate.policy.PolicySnapshot;

/**
 * A started gateway with its audit store: what {@code campusgate gateway} and {@code demo} run
 * in the foreground. Closing stops the listener (in-flight requests get a grace period), then
 * closes the store, which forces and checkpoints what it holds.
 */
final class RunningGateway implements AutoCloseable {
  private static final Duration GRACE = Duration.ofSeconds(10);

  private final EmbeddedAuditStore store;
  private final GatewayServer server;

  private RunningGateway(EmbeddedAuditStore store, GatewayServer server) {
    this.store = store;
    this.server = server;
  }

  static RunningGateway start(GatewaySettings s, PolicySnapshot policy) throws IOException,
      InterruptedException {
    EmbeddedAuditStore store = EmbeddedAuditStore.open(EmbeddedStoreConfig
        .builder(s.audit(), "campusgate/" + s.school() + "/" + s.gateway())
        .zone(policy.zone()).build());
    try {
      UserDirectory users = s.users() == null ? name -> Optional.empty()
          : FileUserDirectory.load(s.users());
      IdentityEvents identityEvents = new IdentityEvents(s.school(), s.gateway(), new EventIds(),
          store::append);
      GatewayIdentifier identifier = new GatewayIdentifier(
          new ProxyAuthenticator(users, new PasswordHashes()), IpBindings.empty(),
          identityEvents, GatewayIdentifier.Settings.defaults(), Ticker.systemTicker());
      GatewayConfig config = GatewayConfig.builder().bind(s.listen()).schoolId(s.school())
          .gatewayId(s.gateway()).contactLine(s.contact()).eventLoops(s.eventLoops())
          .hostsFile(s.hostsFile()).build();
      GatewayServer server = new GatewayServer(config, identifier, new PolicyHolder(policy),
          new LocalizedBlockPages(policy.zone()), store, new GatewayMetrics(new MetricRegistry()));
      server.start();
      return new RunningGateway(store, server);
    } catch (IOException | InterruptedException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  GatewayServer server() {
    return server;
  }

  /** Runs until the JVM is asked to stop (SIGTERM, Ctrl-C), then stops cleanly. */
  void serveUntilShutdown(PrintStream out, Messages m) throws InterruptedException {
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        close();
      } finally {
        stopped.countDown();
      }
    }, "campusgate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println(m.get("gateway.listening", server.boundAddress().getHostString() + ":"
        + server.boundAddress().getPort()));
    out.flush();
    stopped.await();
  }

  @Override
  public void close() {
    try {
      server.stop(GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      store.close();
    }
  }
}
