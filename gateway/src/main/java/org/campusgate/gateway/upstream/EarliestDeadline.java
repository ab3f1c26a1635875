package org.campusgate.gateway.upstream;

import com.github.benmanes.caffeine.cache.Expiry;
import java.util.function.ToLongFunction;

/**
 * Caffeine expiry for a host name's cached DNS answers: an update never extends the host's
 * lifetime, it only brings it closer. So all of a host's answers go together at the earliest
 * deadline any of them brought, as in Netty's {@code DefaultDnsCache} (which drops a host's
 * entries when its first one expires, so A and AAAA answers never disagree on age). Reads do not
 * change it.
 */
final class EarliestDeadline<V> implements Expiry<String, V> {
  private final ToLongFunction<V> ttlNanos;

  /** @param ttlNanos the lifetime the value just written brought */
  EarliestDeadline(ToLongFunction<V> ttlNanos) {
    this.ttlNanos = ttlNanos;
  }

  @Override
  public long expireAfterCreate(String host, V value, long now) {
    return ttlNanos.applyAsLong(value);
  }

  @Override
  public long expireAfterUpdate(String host, V value, long now, long currentDuration) {
    return Math.min(currentDuration, ttlNanos.applyAsLong(value));
  }

  @Override
  public long expireAfterRead(String host, V value, long now, long currentDuration) {
    return currentDuration;
  }
}
