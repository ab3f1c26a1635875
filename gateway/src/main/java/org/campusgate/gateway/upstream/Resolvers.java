package org.campusgate.gateway.upstream;

import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.dns.DefaultDnsCache;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Picks the name resolver for origins: Netty's asynchronous DNS resolver with a cache whose
 * entries live between the configured minimum and maximum TTL (so no answer outlives {@code
 * dnsMaxTtl}; failures are remembered for {@code dnsNegativeTtl}). IP literals never cause a
 * query. When {@code /etc/resolv.conf} is missing or names no server, the JDK resolver is used.
 *
 * <p>Note: Netty's {@link DefaultDnsCache} is bounded in time, not in entry count; a count bound
 * would need a Caffeine-backed {@code DnsCache} (not done yet).
 */
public final class Resolvers {
  private Resolvers() {}

  public static AddressResolverGroup<InetSocketAddress> create(Transport transport,
      Duration minTtl, Duration maxTtl, Duration negativeTtl) {
    if (!hasNameserver(Path.of("/etc/resolv.conf"))) {
      return DefaultAddressResolverGroup.INSTANCE;
    }
    DnsNameResolverBuilder builder = new DnsNameResolverBuilder()
        .datagramChannelType(transport.datagramChannel())
        .socketChannelType(transport.socketChannel())
        .resolveCache(new DefaultDnsCache((int) minTtl.toSeconds(),
            (int) Math.max(1, maxTtl.toSeconds()), (int) negativeTtl.toSeconds()));
    return new DnsAddressResolverGroup(builder);
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
