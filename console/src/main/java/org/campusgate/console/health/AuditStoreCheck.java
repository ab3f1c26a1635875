package org.campusgate.console.health;

import com.codahale.metrics.health.HealthCheck;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.AuditStoreFullException;
import org.campusgate.audit.embedded.EmbeddedAuditStore;

/**
 * The audit store is open and takes appends. An empty append goes through the store's own
 * checks (closed, writer failed, damaged tree head) without writing anything. The embedded
 * store also reports its backlog: records queued for the writer or waiting in the spool.
 */
public final class AuditStoreCheck extends HealthCheck {
  private final Supplier<AuditStore> store;

  public AuditStoreCheck(Supplier<AuditStore> store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  protected Result check() {
    AuditStore s = store.get();
    if (s == null) {
      return Result.unhealthy("no audit store is attached");
    }
    try {
      s.append(List.of());
    } catch (AuditStoreFullException e) {
      return Result.unhealthy(e.getMessage());
    }
    if (s instanceof EmbeddedAuditStore embedded) {
      long backlog = embedded.backlog();
      return Result.builder().healthy().withMessage("open, %d records queued", backlog)
          .withDetail("backlog", backlog).build();
    }
    return Result.healthy("open");
  }
}
