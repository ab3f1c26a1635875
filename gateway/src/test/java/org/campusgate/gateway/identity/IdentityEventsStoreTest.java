package org.campusgate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campusgate.gateway.identity.Fixtures.basic;
import static org.campusgate.gateway.identity.Fixtures.ip;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.campusgate.audit.AppendTicket;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.EventIds;
import org.campusgate.audit.IpHolder;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.gateway.identity.IpBindings.Binding;
import org.campusgate.gateway.testing.FakeTicker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The events the identifier makes answer "who had this address" in the real embedded store. */
class IdentityEventsStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  @Test
  void loginsAndBindingsAnswerWhoHad(@TempDir Path dir) throws Exception {
    try (AuditStore store = EmbeddedAuditStore.open(EmbeddedStoreConfig.builder(
        dir.resolve("audit"), "campusgate/test/gw-1").commitInterval(Duration.ofMillis(20)).build())) {
      List<AppendTicket> tickets = new ArrayList<>();
      IdentityEvents events = new IdentityEvents("school-7", "gw-1", new EventIds(),
          list -> tickets.add(store.append(list)));
      FakeTicker ticker = new FakeTicker();
      FileUserDirectory users = FileUserDirectory.parse("users",
          List.of(Fixtures.line("alice", "pw", "staff", "Alice")));
      GatewayIdentifier gi = new GatewayIdentifier(
          new ProxyAuthenticator(users, Fixtures.CHEAP, ProxyAuthenticator.Settings.defaults(), ticker),
          IpBindings.empty(), events, GatewayIdentifier.Settings.defaults(), ticker);

      gi.replaceBindings(IpBindings.of(List.of(
          new Binding("10.1.2.0/24", "room-101", Set.of("students"), "Room 101"),
          new Binding("2001:db8:1::/48", "staff-vlan", Set.of("staff"), null))), "admin", T0);
      gi.identify(Inet6.mapped(ip("10.1.2.3")), basic("alice", "pw"), T0.plusSeconds(60));
      gi.identify(ip("10.1.2.4"), basic("alice", "wrong"), T0.plusSeconds(70));
      gi.replaceBindings(IpBindings.empty(), "admin", T0.plusSeconds(3600));
      for (AppendTicket t : tickets) {
        t.awaitDurable(Duration.ofSeconds(10));
      }

      assertThat(store.whoHad("10.1.2.3", T0.plusSeconds(61))).get()
          .extracting(IpHolder::userId).isEqualTo("alice");
      assertThat(store.whoHad("10.1.2.4", T0.plusSeconds(71))).get()
          .extracting(IpHolder::userId).isEqualTo("room-101"); // a failed login holds nothing
      assertThat(store.whoHad("2001:db8:1:5::1", T0.plusSeconds(1))).get()
          .extracting(IpHolder::userId).isEqualTo("staff-vlan");
      assertThat(store.whoHad("10.1.2.9", T0.plusSeconds(3601))).isEmpty();
      assertThat(store.identityEvents(T0, T0.plusSeconds(7200), "alice")).hasSize(2);
    }
  }
}
