package org.campusgate.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsCacheEntry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.campusgate.gateway.testing.FakeTicker;
import org.junit.jupiter.api.Test;

/**
 * The resolver's address cache: capped in host names, answers kept for their clamped TTL,
 * failures for the negative TTL, all on a fake clock and with evictions run on the test's thread.
 */
class BoundedDnsCacheTest {
  static final DnsTtls TTLS = new DnsTtls(Duration.ofSeconds(10), Duration.ofMinutes(5),
      Duration.ofSeconds(30));

  final FakeTicker clock = new FakeTicker();

  BoundedDnsCache cache(DnsTtls ttls, long maxHosts) {
    return new BoundedDnsCache(ttls, maxHosts, clock, Runnable::run);
  }

  @Test
  void keepsNoMoreHostsThanItsBoundHoweverManyAreResolved() throws Exception {
    BoundedDnsCache cache = cache(TTLS, 100);
    for (int i = 0; i < 10_000; i++) {
      cache.cache("host-" + i + ".example.", null, ip(i), 300, null);
    }
    cache.cleanUp();

    assertThat(cache.size()).isLessThanOrEqualTo(100);
    int stillCached = 0;
    for (int i = 0; i < 10_000; i++) {
      if (cache.get("host-" + i + ".example.", null) != null) {
        stillCached++;
      }
    }
    assertThat(stillCached).isBetween(1, 100);
  }

  @Test
  void anAnswerLivesForItsTtlClampedBetweenMinAndMax() throws Exception {
    BoundedDnsCache cache = cache(TTLS, 100);
    cache.cache("long.example", null, ip(1), 86_400, null); // a day: kept 5 min (max)
    cache.cache("short.example", null, ip(2), 1, null); // 1 s: kept 10 s (min)
    cache.cache("normal.example", null, ip(3), 60, null);

    clock.advance(Duration.ofSeconds(9));
    assertThat(addresses(cache, "short.example")).containsExactly(ip(2));
    clock.advance(Duration.ofSeconds(2)); // 11 s
    assertThat(cache.get("short.example", null)).isNull();
    assertThat(addresses(cache, "normal.example")).containsExactly(ip(3));

    clock.advance(Duration.ofSeconds(50)); // 61 s
    assertThat(cache.get("normal.example", null)).isNull();
    assertThat(addresses(cache, "long.example")).containsExactly(ip(1));

    clock.advance(Duration.ofMinutes(4)); // 5 min 1 s
    assertThat(cache.get("long.example", null)).isNull();
  }

  @Test
  void aHostsAnswersAccumulateAndExpireTogetherAtTheEarliestDeadline() throws Exception {
    BoundedDnsCache cache = cache(TTLS, 100);
    cache.cache("dual.example", null, ip(1), 300, null);
    clock.advance(Duration.ofSeconds(10));
    cache.cache("dual.example.", null, ip(2), 20, null); // same host: trailing dot
    cache.cache("dual.example", null, ip(1), 300, null); // same address: replaced, not repeated

    assertThat(addresses(cache, "dual.example")).containsExactly(ip(1), ip(2));
    clock.advance(Duration.ofSeconds(21)); // the 20 s answer's deadline took both with it
    assertThat(cache.get("dual.example", null)).isNull();
  }

  @Test
  void aFailureIsRememberedForTheNegativeTtlAndAnAnswerReplacesIt() throws Exception {
    BoundedDnsCache cache = cache(TTLS, 100);
    cache.cache("gone.example", null, new UnknownHostException("gone.example: NXDOMAIN"), null);

    List<? extends DnsCacheEntry> cached = cache.get("gone.example", null);
    assertThat(cached).singleElement().satisfies(e -> {
      assertThat(e.address()).isNull();
      assertThat(e.cause()).isInstanceOf(UnknownHostException.class)
          .hasMessage("gone.example: NXDOMAIN");
    });
    // each caller gets its own copy: what one adds to it does not pile up in the cache
    cached.get(0).cause().addSuppressed(new RuntimeException("caller's"));
    assertThat(cache.get("gone.example", null).get(0).cause().getSuppressed()).isEmpty();

    clock.advance(Duration.ofSeconds(31));
    assertThat(cache.get("gone.example", null)).isNull();

    cache.cache("flaky.example", null, new UnknownHostException("flaky.example"), null);
    cache.cache("flaky.example", null, ip(7), 300, null);
    assertThat(addresses(cache, "flaky.example")).containsExactly(ip(7));
    cache.cache("flaky.example", null, new UnknownHostException("flaky.example"), null);
    assertThat(cache.get("flaky.example", null)).singleElement()
        .satisfies(e -> assertThat(e.cause()).isNotNull());
  }

  @Test
  void failuresAreNotCachedWhenTheNegativeTtlIsZero() throws Exception {
    BoundedDnsCache cache = cache(new DnsTtls(Duration.ZERO, Duration.ofMinutes(5), Duration.ZERO),
        100);
    DnsCacheEntry e = cache.cache("gone.example", null, new UnknownHostException("x"), null);
    assertThat(e.cause()).hasMessage("x");
    assertThat(cache.get("gone.example", null)).isNull();
  }

  @Test
  void lookupsWithAdditionalRecordsBypassTheCache() throws Exception {
    BoundedDnsCache cache = cache(TTLS, 100);
    DnsRecord[] additionals = {
        new DefaultDnsRawRecord("x.", DnsRecordType.A, 60, Unpooled.EMPTY_BUFFER)};
    cache.cache("a.example", additionals, ip(1), 300, null);
    assertThat(cache.get("a.example", null)).isNull();

    cache.cache("a.example", null, ip(1), 300, null);
    assertThat(cache.get("a.example", additionals)).isEmpty();
    assertThat(addresses(cache, "a.example")).containsExactly(ip(1));
  }

  @Test
  void clearForgetsOneHostOrAll() throws Exception {
    BoundedDnsCache cache = cache(TTLS, 100);
    cache.cache("a.example", null, ip(1), 300, null);
    cache.cache("b.example", null, ip(2), 300, null);

    assertThat(cache.clear("a.example.")).isTrue();
    assertThat(cache.clear("a.example")).isFalse();
    assertThat(cache.get("a.example", null)).isNull();
    assertThat(addresses(cache, "b.example")).containsExactly(ip(2));
    cache.clear();
    assertThat(cache.get("b.example", null)).isNull();
  }

  static List<InetAddress> addresses(BoundedDnsCache cache, String host) {
    List<? extends DnsCacheEntry> entries = cache.get(host, null);
    assertThat(entries).as("cached entries of %s", host).isNotNull();
    return entries.stream().map(DnsCacheEntry::address).toList();
  }

  static InetAddress ip(int i) throws UnknownHostException {
    return InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
  }

}
