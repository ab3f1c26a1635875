package org.campusgate.console.health;

import com.codahale.metrics.health.HealthCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.campusgate.console.core.LocalGateway;

/**
 * The gateway run by this process is started and its port accepts a TCP connection within the
 * timeout: on its own address, or on loopback when it listens on every address. The connection
 * is closed at once, before any request, so the gateway records nothing. Without a gateway in
 * this process (console only) there is nothing to check.
 */
public final class GatewayListenerCheck extends HealthCheck {
  private final Supplier<Optional<LocalGateway>> gateway;
  private final Duration timeout;

  public GatewayListenerCheck(Supplier<Optional<LocalGateway>> gateway, Duration timeout) {
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  protected Result check() {
    Optional<LocalGateway> g = gateway.get();
    if (g.isEmpty()) {
      return Result.healthy("no gateway in this process");
    }
    Optional<InetSocketAddress> bound = g.get().boundAddress();
    if (bound.isEmpty()) {
      return Result.unhealthy("the gateway is not started");
    }
    InetSocketAddress target = reachable(bound.get());
    try (Socket socket = new Socket()) {
      socket.connect(target, (int) timeout.toMillis());
      return Result.healthy("accepts connections on %s", text(target));
    } catch (IOException e) {
      return Result.unhealthy("no connection to %s within %d ms: %s", text(target),
          timeout.toMillis(), e.getMessage());
    }
  }

  private static InetSocketAddress reachable(InetSocketAddress bound) {
    InetAddress a = bound.getAddress();
    if (a == null || a.isAnyLocalAddress()) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getPort());
    }
    return bound;
  }

  private static String text(InetSocketAddress a) {
    String host = a.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }
}
