package org.campusgate.gateway.upstream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.resolver.dns.DnsCache;
import io.netty.resolver.dns.DnsCacheEntry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * The resolver's address cache, bounded in time like Netty's {@code DefaultDnsCache} and also in
 * the number of host names it keeps (Caffeine's size-based eviction), so clients that make the
 * gateway resolve ever new names cannot grow it without limit.
 *
 * <p>Same semantics as {@code DefaultDnsCache}: an answer lives for its record TTL clamped to the
 * configured minimum and maximum, a failure for the negative TTL (not at all when that is zero);
 * a failure replaces a host's answers and an answer replaces a failure; a host's entries expire
 * together, at the earliest deadline ({@link EarliestDeadline}); lookups that carry additional
 * records bypass the cache; {@code "example.org"} and {@code "example.org."} are one host. Caffeine
 * does the expiry, so no timer is scheduled on the event loop passed in.
 */
public final class BoundedDnsCache implements DnsCache {
  private final DnsTtls ttls;
  private final Cache<String, Host> hosts;

  /** A host's cached entries and the lifetime the latest write brought. */
  private record Host(List<Entry> entries, long ttlNanos) {}

  public BoundedDnsCache(DnsTtls ttls, long maxHosts) {
    this(ttls, maxHosts, Ticker.systemTicker(), ForkJoinPool.commonPool());
  }

  /** With the clock and the maintenance executor given (tests: a fake ticker, same thread). */
  BoundedDnsCache(DnsTtls ttls, long maxHosts, Ticker ticker, Executor executor) {
    this.ttls = Objects.requireNonNull(ttls, "ttls");
    if (maxHosts <= 0) {
      throw new IllegalArgumentException("maxHosts must be > 0: " + maxHosts);
    }
    this.hosts = Caffeine.newBuilder()
        .maximumSize(maxHosts)
        .expireAfter(new EarliestDeadline<Host>(Host::ttlNanos))
        .ticker(ticker)
        .executor(executor)
        .build();
  }

  @Override
  public void clear() {
    hosts.invalidateAll();
  }

  @Override
  public boolean clear(String hostname) {
    return hosts.asMap().remove(key(hostname)) != null;
  }

  @Override
  public List<? extends DnsCacheEntry> get(String hostname, DnsRecord[] additionals) {
    String key = key(hostname);
    if (!noAdditionals(additionals)) {
      return List.of();
    }
    Host host = hosts.getIfPresent(key);
    if (host == null) {
      return null; // as DefaultDnsCache: nothing cached
    }
    List<Entry> entries = host.entries();
    if (entries.get(0).cause == null) {
      return entries;
    }
    return List.of(entries.get(0).withOwnCause());
  }

  @Override
  public DnsCacheEntry cache(String hostname, DnsRecord[] additionals, InetAddress address,
      long originalTtl, EventLoop loop) {
    Entry e = new Entry(Objects.requireNonNull(hostname, "hostname"),
        Objects.requireNonNull(address, "address"), null);
    if (noAdditionals(additionals)) {
      long ttl = ttls.answerNanos(originalTtl);
      hosts.asMap().compute(key(hostname), (k, old) -> new Host(withAnswer(old, e), ttl));
    }
    return e;
  }

  @Override
  public DnsCacheEntry cache(String hostname, DnsRecord[] additionals, Throwable cause,
      EventLoop loop) {
    Entry e = new Entry(Objects.requireNonNull(hostname, "hostname"), null,
        Objects.requireNonNull(cause, "cause"));
    long ttl = ttls.negativeNanos();
    if (ttl > 0 && noAdditionals(additionals)) {
      hosts.asMap().put(key(hostname), new Host(List.of(e), ttl));
    }
    return e;
  }

  /** Runs pending evictions now (tests; in service Caffeine does it as it goes). */
  void cleanUp() {
    hosts.cleanUp();
  }

  long size() {
    return hosts.estimatedSize();
  }

  /**
   * A host's entries after an answer for {@code address}: it replaces a cached failure, or the
   * entry of the same address in place, or is appended.
   */
  private static List<Entry> withAnswer(Host old, Entry answer) {
    if (old == null || old.entries().get(0).cause != null) {
      return List.of(answer);
    }
    List<Entry> entries = new ArrayList<>(old.entries().size() + 1);
    boolean replaced = false;
    for (Entry e : old.entries()) {
      if (!replaced && e.address.equals(answer.address)) {
        entries.add(answer);
        replaced = true;
      } else {
        entries.add(e);
      }
    }
    if (!replaced) {
      entries.add(answer);
    }
    return List.copyOf(entries);
  }

  private static boolean noAdditionals(DnsRecord[] additionals) {
    return additionals == null || additionals.length == 0;
  }

  private static String key(String hostname) {
    Objects.requireNonNull(hostname, "hostname");
    return hostname.endsWith(".") ? hostname : hostname + '.';
  }

  /** One cached answer (an address) or failure (a cause). */
  private static final class Entry implements DnsCacheEntry {
    private final String hostname;
    private final InetAddress address;
    private final Throwable cause;

    Entry(String hostname, InetAddress address, Throwable cause) {
      this.hostname = hostname;
      this.address = address;
      this.cause = cause;
    }

    @Override
    public InetAddress address() {
      return address;
    }

    @Override
    public Throwable cause() {
      return cause;
    }

    /**
     * This failure with a copy of its cause: a caller may add suppressed exceptions to what it
     * gets, which must not pile up on the cached one (DefaultDnsCache copies for the same reason).
     * The resolver only ever caches {@link UnknownHostException}; anything else is shared.
     */
    Entry withOwnCause() {
      if (cause.getClass() != UnknownHostException.class) {
        return this;
      }
      UnknownHostException copy = new UnknownHostException(cause.getMessage());
      copy.initCause(cause.getCause());
      copy.setStackTrace(cause.getStackTrace());
      return new Entry(hostname, null, copy);
    }

    @Override
    public String toString() {
      return cause != null ? hostname + '/' + cause : address.toString();
    }
  }
}
