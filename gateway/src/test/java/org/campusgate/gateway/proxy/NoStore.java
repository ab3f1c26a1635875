package org.campusgate.gateway.proxy;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import org.campusgate.audit.AppendTicket;
import org.campusgate.audit.AuditStore;

/** An audit store that takes every append and keeps nothing (handler unit tests). */
final class NoStore {
  static final AuditStore INSTANCE = (AuditStore) Proxy.newProxyInstance(
      NoStore.class.getClassLoader(), new Class<?>[] {AuditStore.class}, (p, m, a) -> {
        if (m.getName().equals("append")) {
          return new AppendTicket(CompletableFuture.completedFuture(0L));
        }
        if (m.getName().equals("close")) {
          return null;
        }
        throw new UnsupportedOperationException(m.getName());
      });

  private NoStore() {}
}
