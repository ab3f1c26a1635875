package org.campusgate.gateway.upstream;

import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.HostsFileEntriesResolver;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.campusgate.gateway.GatewayConfig;

/**
 * Picks the name resolver for origins: Netty's asynchronous DNS resolver with caches bounded both
 * in time and in size. An answer is kept for its record TTL clamped between {@code dnsMinTtl} and
 * {@code dnsMaxTtl} (so none outlives {@code dnsMaxTtl}), a failed lookup for {@code
 * dnsNegativeTtl}, and at most {@code dnsCacheMaxEntries} host names are kept, in the address
 * cache ({@link BoundedDnsCache}) and in the CNAME cache ({@link BoundedCnameCache}) alike: clients
 * asking for ever new names cannot grow them without limit. IP literals never cause a query. When
 * {@code /etc/resolv.conf} is missing or names no server, the JDK resolver (and its own cache) is
 * used.
 *
 * <p>A configured {@code hostsFile} ({@link HostsOverride}) wins over both: its names resolve
 * from it, and only other names go to the system's hosts file and DNS (or the JDK).
 */
public final class Resolvers {
  private Resolvers() {}

  /**
   * The resolver for {@code config}.
   *
   * @throws UncheckedIOException when the configured hosts file cannot be read
   */
  public static AddressResolverGroup<InetSocketAddress> create(Transport transport,
      GatewayConfig config) {
    return create(transport, config, Path.of("/etc/resolv.conf"));
  }

  static AddressResolverGroup<InetSocketAddress> create(Transport transport,
      GatewayConfig config, Path resolvConf) {
    HostsOverride hosts = hostsOverride(config);
    if (!hasNameserver(resolvConf)) {
      return hosts == null ? DefaultAddressResolverGroup.INSTANCE
          : new HostsFirstResolverGroup(hosts);
    }
    DnsTtls ttls = new DnsTtls(config.dnsMinTtl(), config.dnsMaxTtl(), config.dnsNegativeTtl());
    DnsNameResolverBuilder builder = new DnsNameResolverBuilder()
        .datagramChannelType(transport.datagramChannel())
        .socketChannelType(transport.socketChannel())
        .resolveCache(new BoundedDnsCache(ttls, config.dnsCacheMaxEntries()))
        .cnameCache(new BoundedCnameCache(ttls, config.dnsCacheMaxEntries()));
    if (hosts != null) {
      builder.hostsFileEntriesResolver(hosts);
    }
    return new DnsAddressResolverGroup(builder);
  }

  private static HostsOverride hostsOverride(GatewayConfig config) {
    if (config.hostsFile() == null) {
      return null;
    }
    try {
      return HostsOverride.load(config.hostsFile(), HostsFileEntriesResolver.DEFAULT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the gateway's hosts file " + config.hostsFile()
          + ": " + e.getMessage(), e);
    }
  }

  static boolean hasNameserver(Path resolvConf) {
    try {
      return Files.isReadable(resolvConf) && Files.readAllLines(resolvConf).stream()
          .map(l -> l.trim().toLowerCase(Locale.ROOT))
          .anyMatch(l -> l.startsWith("nameserver") && l.split("\\s+").length >= 2);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
