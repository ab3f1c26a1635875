package org.campusgate.gateway.upstream;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultNameResolver;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * The resolver used when there is no DNS server to ask ({@code /etc/resolv.conf} names none) but
 * a hosts override is configured: names in the override resolve from it, every other name
 * through the JDK, as {@link io.netty.resolver.DefaultAddressResolverGroup} does.
 */
final class HostsFirstResolverGroup extends AddressResolverGroup<InetSocketAddress> {
  private final HostsOverride hosts;

  HostsFirstResolverGroup(HostsOverride hosts) {
    this.hosts = Objects.requireNonNull(hosts, "hosts");
  }

  @Override
  protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
    return new InetSocketAddressResolver(executor, new HostsFirst(executor, hosts));
  }

  /** The override's address, else the JDK's answer (blocking, as Netty's default resolver). */
  private static final class HostsFirst extends InetNameResolver {
    private final HostsOverride hosts;
    private final DefaultNameResolver jdk;

    HostsFirst(EventExecutor executor, HostsOverride hosts) {
      super(executor);
      this.hosts = hosts;
      this.jdk = new DefaultNameResolver(executor);
    }

    @Override
    protected void doResolve(String host, Promise<InetAddress> promise) {
      InetAddress own = hosts.own(host, ResolvedAddressTypes.IPV4_PREFERRED);
      if (own != null) {
        promise.setSuccess(own);
      } else {
        jdk.resolve(host, promise);
      }
    }

    @Override
    protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
      InetAddress own = hosts.own(host, ResolvedAddressTypes.IPV4_PREFERRED);
      if (own != null) {
        promise.setSuccess(List.of(own));
      } else {
        jdk.resolveAll(host, promise);
      }
    }
  }
}
