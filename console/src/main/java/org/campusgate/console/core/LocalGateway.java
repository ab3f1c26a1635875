package org.campusgate.console.core;

import com.codahale.metrics.MetricRegistry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.EventIds;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.GatewayServer;
import org.campusgate.gateway.block.LocalizedBlockPages;
import org.campusgate.gateway.identity.FileUserDirectory;
import org.campusgate.gateway.identity.GatewayIdentifier;
import org.campusgate.gateway.identity.IdentityEvents;
import org.campusgate.gateway.identity.PasswordHashes;
import org.campusgate.gateway.identity.ProxyAuthenticator;
import org.campusgate.gateway.identity.UserDirectory;
import org.campusgate.policy.PolicyHolder;

/**
 * The school's gateway, run by the console process: it decides with the holder the policy
 * editor publishes into, identifies by the bindings the console manages and records into the
 * console's audit store. Started after the console's database and store, stopped before them.
 */
public final class LocalGateway implements Managed {
  private static final Duration GRACE = Duration.ofSeconds(10);

  /**
   * What the gateway is started with.
   *
   * @param users the proxy accounts file, or null
   * @param hostsFile names resolved from this hosts(5) file before DNS, or null
   */
  public record Settings(String school, String gatewayId, InetSocketAddress listen,
      String contact, java.nio.file.Path users, int eventLoops, java.nio.file.Path hostsFile) {}

  private final Settings settings;
  private final PolicyHolder policy;
  private final GatewayBindings bindings;
  private final AuditStore store;
  private final MetricRegistry metrics;
  private volatile GatewayServer server;

  public LocalGateway(Settings settings, PolicyHolder policy, GatewayBindings bindings,
      AuditStore store, MetricRegistry metrics) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.bindings = Objects.requireNonNull(bindings, "bindings");
    this.store = Objects.requireNonNull(store, "store");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void start() throws IOException, InterruptedException {
    UserDirectory users = settings.users() == null ? name -> Optional.empty()
        : FileUserDirectory.load(settings.users());
    IdentityEvents identityEvents = new IdentityEvents(settings.school(), settings.gatewayId(),
        new EventIds(), store::append);
    GatewayIdentifier identifier = new GatewayIdentifier(
        new ProxyAuthenticator(users, new PasswordHashes()), bindings.load(settings.school()),
        identityEvents, GatewayIdentifier.Settings.defaults(), Ticker.systemTicker());
    bindings.attach(settings.school(), identifier);
    GatewayConfig config = GatewayConfig.builder().bind(settings.listen())
        .schoolId(settings.school()).gatewayId(settings.gatewayId())
        .contactLine(settings.contact()).eventLoops(settings.eventLoops())
        .hostsFile(settings.hostsFile()).build();
    GatewayServer started = new GatewayServer(config, identifier, policy,
        new LocalizedBlockPages(policy.current().zone()), store, new GatewayMetrics(metrics));
    started.start();
    server = started;
  }

  /** Where the proxy listens, once started. */
  public Optional<InetSocketAddress> boundAddress() {
    GatewayServer s = server;
    return s == null ? Optional.empty() : Optional.of(s.boundAddress());
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public void stop() throws InterruptedException {
    GatewayServer s = server;
    if (s != null) {
      s.stop(GRACE);
    }
  }
}
