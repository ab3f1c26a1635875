package org.campusgate.gateway;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.LockFreeExponentiallyDecayingReservoir;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.Objects;

/**
 * The gateway's metrics, registered under {@code gateway.*} in the registry passed in. Updating
 * them is fast and lock-free (Dropwizard's counters and reservoirs); handlers may call them on the
 * event loop.
 */
public final class GatewayMetrics {
  public final Counter activeConnections;
  public final Counter activeTunnels;
  public final Meter requests;
  public final Meter blocks;
  public final Meter authRequired;
  /** Requests refused before any decision: malformed, oversize, too slow (not recorded as events). */
  public final Meter rejected;
  /** Decision latency in nanoseconds (describe + decide). */
  public final Histogram decisionNanos;
  /** Time from forwarding the request head to the origin's response head. */
  public final Timer upstreamLatency;
  public final Meter upstreamFailures;
  /** Events the audit store refused at the end of a request (store full): logged, never silent. */
  public final Meter auditRefused;
  /** New requests answered 503 because the audit store was full. */
  public final Meter auditFullAnswers;

  public GatewayMetrics(MetricRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    activeConnections = registry.counter("gateway.connections.active");
    activeTunnels = registry.counter("gateway.tunnels.active");
    requests = registry.meter("gateway.requests");
    blocks = registry.meter("gateway.blocks");
    authRequired = registry.meter("gateway.auth-required");
    rejected = registry.meter("gateway.rejected");
    // The lock-free reservoir: the default one takes a lock on every update, from both loops.
    decisionNanos = registry.histogram("gateway.decision.nanos",
        () -> new Histogram(LockFreeExponentiallyDecayingReservoir.builder().build()));
    upstreamLatency = registry.timer("gateway.upstream.latency",
        () -> new Timer(LockFreeExponentiallyDecayingReservoir.builder().build()));
    upstreamFailures = registry.meter("gateway.upstream.failures");
    auditRefused = registry.meter("gateway.audit.refused");
    auditFullAnswers = registry.meter("gateway.audit.full-answers");
  }
}
