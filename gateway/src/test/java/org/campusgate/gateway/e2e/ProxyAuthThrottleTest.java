package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.EventIds;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.identity.FileUserDirectory;
import org.campusgate.gateway.identity.GatewayIdentifier;
import org.campusgate.gateway.identity.IdentityEvents;
import org.campusgate.gateway.identity.Identifier;
import org.campusgate.gateway.identity.IpBindings;
import org.campusgate.gateway.identity.PasswordHashes;
import org.campusgate.gateway.identity.ProxyAuthenticator;
import org.campusgate.gateway.testing.TestPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxy authentication through the real identifier (file directory, Argon2id at minimum cost, a
 * failure limit of 2): good credentials pass, wrong ones get 407, and a client over its limit
 * gets 429 with {@code Retry-After}, even with good credentials, until the window ends.
 */
class ProxyAuthThrottleTest {
  static final PasswordHashes CHEAP = new PasswordHashes(new PasswordHashes.Params(8, 1, 1));

  @TempDir Path dir;

  static Identifier identifier(AuditStore store) {
    FileUserDirectory users = FileUserDirectory.parse("users", List.of(
        "alice:" + CHEAP.hash("s3cret".toCharArray()) + ":students:Alice Li"));
    ProxyAuthenticator auth = new ProxyAuthenticator(users, CHEAP,
        new ProxyAuthenticator.Settings(Duration.ofMinutes(10), 100, 2, Duration.ofMinutes(5), 100),
        Ticker.systemTicker());
    IdentityEvents events = new IdentityEvents("auth-school", "gw-1",
        new EventIds(new Random(7)), store::append);
    return new GatewayIdentifier(auth, IpBindings.empty(), events,
        new GatewayIdentifier.Settings("Auth School", Duration.ofMinutes(10), 1000),
        Ticker.systemTicker());
  }

  @Test
  void failedLoginsAreThrottledWith429AndRetryAfter() throws Exception {
    try (Harness h = new Harness(dir, TestPolicies.of(ProxyAuthTest.POLICY), GatewayConfig.builder()
        .schoolId("auth-school").realm("Auth School"), s -> s,
        ProxyAuthThrottleTest::identifier)) {
      Instant t0 = Instant.now().minusSeconds(1);
      Harness.Result good = h.curl("-U", "alice:s3cret", "-w", "|%{http_code}", h.originUrl("/hello"));
      assertThat(good.out()).as(good.err()).endsWith("|200");
      AccessEvent ok = h.nextEvent();
      assertThat(ok.userId()).isEqualTo("alice");
      assertThat(ok.authMethod()).isEqualTo("proxy-basic");

      for (int i = 0; i < 2; i++) {
        Harness.Result wrong = h.curl("-v", "-U", "alice:nope", "-w", "|%{http_code}",
            h.originUrl("/hello"));
        assertThat(wrong.out()).endsWith("|407");
        assertThat(wrong.err()).containsIgnoringCase("Proxy-Authenticate: Basic realm=\"Auth School\"");
        assertThat(h.nextEvent().httpStatus()).isEqualTo(407);
      }

      // over the limit: 429 with Retry-After, good credentials included, nothing checked
      for (String creds : List.of("alice:nope", "alice:s3cret")) {
        Harness.Result throttled = h.curl("-v", "-U", creds, "-w", "|%{http_code}",
            h.originUrl("/hello"));
        assertThat(throttled.out()).endsWith("|429");
        Matcher m = Pattern.compile("(?im)^< Retry-After: (\\d+)\\s*$").matcher(throttled.err());
        assertThat(m.find()).as(throttled.err()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isBetween(1L, 300L);
        AccessEvent e = h.nextEvent();
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.action()).isEqualTo("AUTH_REQUIRED");
      }
      assertThat(h.registry.meter("gateway.requests").getCount())
          .as("throttled requests never reach a decision").isEqualTo(1);

      // the two failures are identity events; throttled requests add none
      List<IdentityEvent> ids = h.store.identityEvents(t0, Instant.now().plusSeconds(1), null);
      assertThat(ids).extracting(IdentityEvent::kind).containsExactly(IdentityEvent.Kind.LOGIN,
          IdentityEvent.Kind.LOGIN_FAILED, IdentityEvent.Kind.LOGIN_FAILED);
    }
  }

  /**
   * A login must be recorded before it counts (fail-closed): when the store refuses the identity
   * event, the request gets the 503 page at once instead of hanging, and the login is recorded on
   * a later request once the store takes events again.
   */
  @Test
  void loginWhileTheStoreIsFullGets503() throws Exception {
    AuditStoreFullTest.Refusing refusing = new AuditStoreFullTest.Refusing();
    try (Harness h = new Harness(dir, TestPolicies.of(ProxyAuthTest.POLICY), GatewayConfig.builder()
        .schoolId("auth-school").realm("Auth School"), refusing::wrap,
        ProxyAuthThrottleTest::identifier)) {
      refusing.full.set(true);
      Harness.Result r = h.curl("--max-time", "5", "-U", "alice:s3cret", "-w", "|%{http_code}",
          h.originUrl("/hello"));
      assertThat(r.out()).as("exit %d %s", r.exit(), r.err()).endsWith("|503");
      assertThat(h.registry.meter("gateway.audit.refused").getCount()).isPositive();

      refusing.full.set(false);
      Instant t0 = Instant.now().minusSeconds(1);
      for (int i = 0; i < 2; i++) { // the first may still be the 503 that reopens the gate
        r = h.curl("-U", "alice:s3cret", "-w", "|%{http_code}", h.originUrl("/hello"));
        h.nextEvent();
      }
      assertThat(r.out()).endsWith("|200");
      assertThat(h.store.identityEvents(t0, Instant.now().plusSeconds(1), "alice"))
          .extracting(IdentityEvent::kind).contains(IdentityEvent.Kind.LOGIN);
    }
  }
}
