package org.campusgate.gateway.upstream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.EventLoop;
import io.netty.resolver.dns.DnsCnameCache;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The resolver's CNAME cache, bounded like {@link BoundedDnsCache}: a mapping lives for its
 * record TTL clamped to the configured minimum and maximum, the number of names is capped, and a
 * new mapping for a name never outlives the one it replaced ({@link EarliestDeadline}), as in
 * Netty's {@code DefaultDnsCnameCache}. Without it the resolver would build that default one,
 * which keeps a CNAME for its full record TTL (up to two years) whatever {@code dnsMaxTtl} says.
 */
public final class BoundedCnameCache implements DnsCnameCache {
  private final DnsTtls ttls;
  private final Cache<String, Cname> names;

  private record Cname(String target, long ttlNanos) {}

  public BoundedCnameCache(DnsTtls ttls, long maxNames) {
    this(ttls, maxNames, Ticker.systemTicker(), ForkJoinPool.commonPool());
  }

  BoundedCnameCache(DnsTtls ttls, long maxNames, Ticker ticker, Executor executor) {
    this.ttls = Objects.requireNonNull(ttls, "ttls");
    if (maxNames <= 0) {
      throw new IllegalArgumentException("maxNames must be > 0: " + maxNames);
    }
    this.names = Caffeine.newBuilder()
        .maximumSize(maxNames)
        .expireAfter(new EarliestDeadline<Cname>(Cname::ttlNanos))
        .ticker(ticker)
        .executor(executor)
        .build();
  }

  @Override
  public String get(String hostname) {
    Cname c = names.getIfPresent(Objects.requireNonNull(hostname, "hostname"));
    return c == null ? null : c.target();
  }

  @Override
  public void cache(String hostname, String cname, long originalTtl, EventLoop loop) {
    names.put(Objects.requireNonNull(hostname, "hostname"),
        new Cname(Objects.requireNonNull(cname, "cname"), ttls.answerNanos(originalTtl)));
  }

  @Override
  public void clear() {
    names.invalidateAll();
  }

  @Override
  public boolean clear(String hostname) {
    return names.asMap().remove(Objects.requireNonNull(hostname, "hostname")) != null;
  }

  void cleanUp() {
    names.cleanUp();
  }

  long size() {
    return names.estimatedSize();
  }
}
