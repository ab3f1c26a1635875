package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.AuditStoreFullException;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit store is full (fail-closed): the event of the request in flight is refused and
 * counted, new requests get the 503 page, and once the store takes events again the gateway
 * serves again. The store is a real embedded one behind a wrapper that refuses on demand.
 */
class AuditStoreFullTest {
  @TempDir Path dir;

  /** Delegates to the real store; throws {@link AuditStoreFullException} while {@code full}. */
  static final class Refusing {
    final AtomicBoolean full = new AtomicBoolean();
    final AtomicInteger refused = new AtomicInteger();

    AuditStore wrap(AuditStore real) {
      return (AuditStore) Proxy.newProxyInstance(AuditStore.class.getClassLoader(),
          new Class<?>[] {AuditStore.class}, (p, m, a) -> {
            if (m.getName().equals("append") && full.get()) {
              refused.incrementAndGet();
              throw new AuditStoreFullException("test: queue full");
            }
            try {
              return m.invoke(real, a);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }

  @Test
  void fullStoreGets503ThenRecovers() throws Exception {
    Refusing refusing = new Refusing();
    try (Harness h = new Harness(dir, TestPolicies.demo(), GatewayConfig.builder(),
        refusing::wrap, s -> org.campusgate.gateway.identity.Identifier.nobody())) {
      Harness.Result ok = h.curl("-w", "|%{http_code}", h.originUrl("/hello"));
      assertThat(ok.out()).as(ok.err()).endsWith("|200");
      assertThat(h.nextEvent().httpStatus()).isEqualTo(200);
      long refusedBefore = h.registry.meter("gateway.audit.refused").getCount();

      // the store fills up: the request in flight is served, its event is refused and counted
      refusing.full.set(true);
      Harness.Result inFlight = h.curl("-w", "|%{http_code}", h.originUrl("/hello"));
      assertThat(inFlight.out()).endsWith("|200");
      // (recorded when the last write completed: curl may have its answer a moment before)
      assertThat(Harness.awaitCount(h.registry.meter("gateway.audit.refused")::getCount,
          refusedBefore + 1)).isEqualTo(refusedBefore + 1);
      assertThat(refusing.refused).hasValue(1);
      assertThat(h.appended).isEmpty();

      // new requests get the 503 page (fail-closed), and each refusal is counted
      Harness.Result refused = h.curl("-w", "|%{http_code}", h.originUrl("/hello"));
      assertThat(refused.out()).endsWith("|503").contains("cannot record access");
      assertThat(h.registry.meter("gateway.audit.full-answers").getCount()).isEqualTo(1);
      assertThat(Harness.awaitCount(h.registry.meter("gateway.audit.refused")::getCount,
          refusedBefore + 2)).isEqualTo(refusedBefore + 2);
      Harness.Result blocked = h.curl("-w", "|%{http_code}", "http://"
          + ProxyEndToEndTest.BLOCKED_HOST + "/");
      assertThat(blocked.out()).endsWith("|503");
      assertThat(Harness.awaitCount(h.registry.meter("gateway.audit.refused")::getCount,
          refusedBefore + 3)).isEqualTo(refusedBefore + 3);

      // the store takes events again: the next request's record reopens the gate
      refusing.full.set(false);
      Harness.Result probe = h.curl("-w", "|%{http_code}", h.originUrl("/hello"));
      AccessEvent probed = h.nextEvent();
      assertThat(probed.httpStatus()).isEqualTo(statusOf(probe));
      Harness.Result again = h.curl("-w", "|%{http_code}", h.originUrl("/hello"));
      assertThat(again.out()).as(again.err()).endsWith("|200");
      AccessEvent e = h.nextEvent();
      assertThat(e.httpStatus()).isEqualTo(200);
      assertThat(e.action()).isEqualTo("ALLOW");
    }
  }

  /**
   * A 503 answered while the store refused events is recorded once the store takes events again
   * (its append is the probe). The event keeps what the policy decided (action, reason, rule:
   * there is no reason code for "the gateway could not record") and says what the client got: the
   * status 503, the bytes of the 503 page, nothing sent on to any site. So an inspector counting
   * allowed traffic must count by status too; a blocked host's 503 is not a 403.
   */
  @Test
  void a503IsRecordedWithThePolicysDecisionAndWhatTheClientGot() throws Exception {
    Refusing refusing = new Refusing();
    try (Harness h = new Harness(dir, TestPolicies.demo(), GatewayConfig.builder(),
        refusing::wrap, s -> org.campusgate.gateway.identity.Identifier.nobody())) {
      Harness.Result ok = h.curl("-w", "|%{http_code}", h.originUrl("/hello"));
      assertThat(ok.out()).as(ok.err()).endsWith("|200");
      AccessEvent served = h.nextEvent();
      String blockedUrl = "http://" + ProxyEndToEndTest.BLOCKED_HOST + "/";
      Harness.Result blockPage = h.curl("-w", "|%{http_code}", blockedUrl);
      assertThat(blockPage.out()).endsWith("|403");
      AccessEvent blocked = h.nextEvent();

      // an allowed site: the store refuses, then takes events again before the next request
      fillThenRecover(h, refusing, h.originUrl("/hello"));
      Harness.Result allowed503 = h.curl("-w", "|%{http_code}|%{size_download}",
          h.originUrl("/hello"));
      assertThat(allowed503.out()).contains("|503|");
      AccessEvent e = h.nextEvent();
      assertThat(e.httpStatus()).isEqualTo(503);
      assertThat(e.action()).isEqualTo("ALLOW");
      assertThat(e.reason()).isEqualTo(served.reason());
      assertThat(e.ruleId()).isEqualTo(served.ruleId());
      assertThat(e.url()).isEqualTo(served.url());
      assertThat(e.bytesDown()).isEqualTo(sizeDownloaded(allowed503)).isNotEqualTo(served.bytesDown());
      assertThat(e.bytesUp()).isZero();

      // a blocked site: the 503 is recorded as the block it was decided to be, with status 503
      fillThenRecover(h, refusing, blockedUrl);
      Harness.Result blocked503 = h.curl("-w", "|%{http_code}|%{size_download}", blockedUrl);
      assertThat(blocked503.out()).contains("|503|").doesNotContain("blocked CATEGORY_BLOCKED");
      AccessEvent b = h.nextEvent();
      assertThat(b.httpStatus()).isEqualTo(503);
      assertThat(b.action()).isEqualTo("BLOCK");
      assertThat(b.reason()).isEqualTo(blocked.reason()).isEqualTo("CATEGORY_BLOCKED");
      assertThat(b.category()).isEqualTo("gambling");
      assertThat(b.bytesDown()).isEqualTo(sizeDownloaded(blocked503));
    }
  }

  /**
   * Makes the store refuse the event of one request to {@code url} (answered normally: the
   * store was not known to be full yet), then take events again. The gateway does not know it
   * has recovered until its next append, so the next request gets 503.
   */
  private static void fillThenRecover(Harness h, Refusing refusing, String url) throws Exception {
    long refusedBefore = h.registry.meter("gateway.audit.refused").getCount();
    refusing.full.set(true);
    Harness.Result r = h.curl("-w", "|%{http_code}", url);
    assertThat(r.out()).doesNotEndWith("|503");
    assertThat(Harness.awaitCount(h.registry.meter("gateway.audit.refused")::getCount,
        refusedBefore + 1)).isEqualTo(refusedBefore + 1);
    refusing.full.set(false);
    assertThat(h.appended).isEmpty();
  }

  private static long sizeDownloaded(Harness.Result r) {
    return Long.parseLong(r.out().substring(r.out().lastIndexOf('|') + 1));
  }

  private static int statusOf(Harness.Result r) {
    return Integer.parseInt(r.out().substring(r.out().lastIndexOf('|') + 1));
  }
}
