package org.campusgate.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.campusgate.gateway.testing.FakeTicker;
import org.junit.jupiter.api.Test;

/** The resolver's CNAME cache: capped in names, and no mapping outlives the maximum TTL. */
class BoundedCnameCacheTest {
  final FakeTicker clock = new FakeTicker();
  final BoundedCnameCache cache = new BoundedCnameCache(BoundedDnsCacheTest.TTLS, 100, clock,
      Runnable::run);

  @Test
  void keepsNoMoreNamesThanItsBound() {
    for (int i = 0; i < 10_000; i++) {
      cache.cache("alias-" + i + ".example.", "cdn.example.", 300, null);
    }
    cache.cleanUp();
    assertThat(cache.size()).isLessThanOrEqualTo(100);
  }

  @Test
  void aMappingLivesForItsTtlClampedToTheMaximum() {
    cache.cache("www.example.", "cdn.example.", 86_400, null);
    clock.advance(Duration.ofMinutes(4));
    assertThat(cache.get("www.example.")).isEqualTo("cdn.example.");
    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(cache.get("www.example.")).isNull();
  }

  @Test
  void clearForgetsAName() {
    cache.cache("www.example.", "cdn.example.", 300, null);
    assertThat(cache.clear("www.example.")).isTrue();
    assertThat(cache.get("www.example.")).isNull();
  }
}
