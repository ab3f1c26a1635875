package org.campusgate.gateway.proxy;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.AuditStoreFullException;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.policy.PolicyHolder;

/**
 * Step 5 of the data path, record: hands one {@link AccessEvent} per ended exchange to the audit
 * store (a non-blocking offer; the store batches and writes).
 *
 * <p>Fail-closed without a separate capacity probe: the store can only tell whether it has room
 * by taking a record. So the append at the end of each exchange is the probe. When it is refused
 * ({@link AuditStoreFullException}) the refusal is counted ({@code gateway.audit.refused}) and
 * logged, and from then on new requests are answered 503 by the {@link BlockHandler}. Those 503
 * answers are recorded too, so their appends probe the store again; the first one it takes
 * reopens the gate. An exchange already in flight when the store filled up cannot be un-served;
 * its refused event is the one loss the metric and the log make visible.
 */
public final class ExchangeRecorder {
  private static final System.Logger LOG = System.getLogger(ExchangeRecorder.class.getName());

  private final AuditStore store;
  private final PolicyHolder policies;
  private final GatewayMetrics metrics;
  private final String schoolId;
  private final String gatewayId;
  private volatile boolean full;

  public ExchangeRecorder(AuditStore store, PolicyHolder policies, GatewayMetrics metrics,
      String schoolId, String gatewayId) {
    this.store = Objects.requireNonNull(store, "store");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.schoolId = Objects.requireNonNull(schoolId, "schoolId");
    this.gatewayId = Objects.requireNonNull(gatewayId, "gatewayId");
  }

  /** False after the store refused an event, until it takes one again. */
  public boolean accepting() {
    return !full;
  }

  long policyVersion() {
    return policies.current().version();
  }

  /** Records the exchange; never throws. */
  public void record(Exchange exchange) {
    AccessEvent event;
    try {
      event = exchange.toEvent(schoolId, gatewayId);
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "cannot build the audit event for " + exchange.eventId(), e);
      metrics.auditRefused.mark();
      return;
    }
    if (event == null) {
      // no decision: a target the gateway could not make sense of (400) was refused; a 503 for
      // a login the store could not take is counted as such (gateway.audit.full-answers) where
      // it was answered, and is not the client's fault
      if (exchange.status() != 503) {
        metrics.rejected.mark();
      }
      return;
    }
    try {
      store.append(List.of(event));
      full = false;
    } catch (AuditStoreFullException e) {
      if (!full) {
        LOG.log(Level.WARNING, "audit store refused event " + event.eventId()
            + "; new requests get 503 until it takes events again: " + e.getMessage());
      }
      full = true;
      metrics.auditRefused.mark();
    } catch (RuntimeException e) {
      full = true;
      metrics.auditRefused.mark();
      LOG.log(Level.ERROR, "audit store failed on event " + event.eventId(), e);
    }
  }
}
