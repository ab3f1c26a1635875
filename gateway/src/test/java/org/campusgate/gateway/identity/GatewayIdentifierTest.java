package org.campusgate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.campusgate.gateway.identity.Fixtures.basic;
import static org.campusgate.gateway.identity.Fixtures.ip;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.campusgate.audit.EventIds;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.IdentityEvent.Kind;
import org.campusgate.gateway.identity.IdentifyResult.Challenge;
import org.campusgate.gateway.identity.IdentifyResult.Identified;
import org.campusgate.gateway.identity.IdentifyResult.Throttled;
import org.campusgate.gateway.identity.IpBindings.Binding;
import org.campusgate.gateway.testing.FakeTicker;
import org.campusgate.policy.UserIdentity;
import org.junit.jupiter.api.Test;

class GatewayIdentifierTest {
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final InetAddress ROOM_PC = ip("10.1.2.3");
  private static final Binding ROOM =
      new Binding("10.1.2.0/24", "room-101", Set.of("students"), "Room 101");

  private final FakeTicker ticker = new FakeTicker();
  private final List<IdentityEvent> recorded = new ArrayList<>();
  private final FileUserDirectory users = FileUserDirectory.parse("users", List.of(
      Fixtures.line("alice", "s3cret", "staff,teachers", "Alice Li")));
  private final ProxyAuthenticator auth = new ProxyAuthenticator(users, Fixtures.CHEAP,
      ProxyAuthenticator.Settings.defaults(), ticker);
  private final IdentityEvents events =
      new IdentityEvents("school-7", "gw-1", new EventIds(new Random(1)), recorded::addAll);
  private final GatewayIdentifier identifier = new GatewayIdentifier(auth,
      IpBindings.of(List.of(ROOM)), events, GatewayIdentifier.Settings.defaults(), ticker);

  @Test
  void goodCredentialsComeFirstEvenOnABoundAddress() {
    IdentifyResult r = identifier.identify(ROOM_PC, basic("alice", "s3cret"), T0);
    assertThat(r).isEqualTo(new Identified(
        new UserIdentity("alice", "Alice Li", Set.of("staff", "teachers")), "proxy-basic"));
  }

  @Test
  void wrongCredentialsAreChallengedNotFallenBackToTheBinding() {
    assertThat(identifier.identify(ROOM_PC, basic("alice", "nope"), T0))
        .isEqualTo(new Challenge("CampusGate"));
    assertThat(identifier.identify(ROOM_PC, "Basic !!", T0)).isEqualTo(new Challenge("CampusGate"));
  }

  @Test
  void noCredentialsUseTheBindingThenNobody() {
    assertThat(identifier.identify(ROOM_PC, null, T0))
        .isEqualTo(new Identified(ROOM.identity(), "ip-binding"));
    assertThat(identifier.identify(Inet6.mapped(ROOM_PC), null, T0))
        .isEqualTo(new Identified(ROOM.identity(), "ip-binding"));
    assertThat(identifier.identify(ip("192.168.0.9"), null, T0)).isEqualTo(Identified.anonymous());
    assertThat(recorded).isEmpty();
  }

  @Test
  void otherSchemesFallThroughToTheBinding() {
    assertThat(identifier.identify(ROOM_PC, "Negotiate abc", T0))
        .isEqualTo(new Identified(ROOM.identity(), "ip-binding"));
    assertThat(identifier.identify(ip("192.168.0.9"), "Bearer x", T0))
        .isEqualTo(Identified.anonymous());
  }

  @Test
  void tooManyFailuresAreThrottled() {
    for (int i = 0; i < 10; i++) {
      identifier.identify(ROOM_PC, basic("alice", "guess" + i), T0);
    }
    recorded.clear();
    assertThat(identifier.identify(ROOM_PC, basic("alice", "s3cret"), T0))
        .isEqualTo(new Throttled(Duration.ofMinutes(5)));
    assertThat(recorded).isEmpty(); // no event per throttled request
    ticker.advance(Duration.ofMinutes(5));
    assertThat(identifier.identify(ROOM_PC, basic("alice", "s3cret"), T0))
        .isInstanceOf(Identified.class);
  }

  @Test
  void aLoginIsRecordedOncePerUserAddressAndWindow() {
    identifier.identify(ROOM_PC, basic("alice", "s3cret"), T0);
    identifier.identify(ROOM_PC, basic("alice", "s3cret"), T0.plusSeconds(1));
    identifier.identify(Inet6.mapped(ROOM_PC), basic("alice", "s3cret"), T0.plusSeconds(2));
    assertThat(recorded).hasSize(1);
    IdentityEvent login = recorded.get(0);
    assertThat(login.kind()).isEqualTo(Kind.LOGIN);
    assertThat(login.userId()).isEqualTo("alice");
    assertThat(login.groups()).containsExactly("staff", "teachers");
    assertThat(login.address()).isEqualTo("10.1.2.3");
    assertThat(login.authMethod()).isEqualTo("proxy-basic");
    assertThat(login.schoolId()).isEqualTo("school-7");
    assertThat(login.gatewayId()).isEqualTo("gw-1");
    assertThat(login.timestamp()).isEqualTo(T0);
    assertThat(EventIds.timeOf(login.eventId())).isEqualTo(T0);
    assertThat(login.actor()).isNull();

    identifier.identify(ip("10.1.2.4"), basic("alice", "s3cret"), T0.plusSeconds(3));
    assertThat(recorded).hasSize(2);
    assertThat(recorded.get(1).address()).isEqualTo("10.1.2.4");

    ticker.advance(Duration.ofMinutes(10));
    identifier.identify(ROOM_PC, basic("alice", "s3cret"), T0.plusSeconds(600));
    assertThat(recorded).hasSize(3);
    assertThat(recorded.get(2).timestamp()).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void aLoginTheStoreRefusedIsRecordedOnTheNextRequest() {
    List<IdentityEvent> got = new ArrayList<>();
    boolean[] full = {true};
    GatewayIdentifier gi = new GatewayIdentifier(auth, IpBindings.empty(),
        new IdentityEvents("s", "g", new EventIds(), list -> {
          if (full[0]) {
            throw new IllegalStateException("store full");
          }
          got.addAll(list);
        }), GatewayIdentifier.Settings.defaults(), ticker);
    assertThatThrownBy(() -> gi.identify(ROOM_PC, basic("alice", "s3cret"), T0))
        .hasMessage("store full");
    full[0] = false;
    gi.identify(ROOM_PC, basic("alice", "s3cret"), T0);
    assertThat(got).extracting(IdentityEvent::kind).containsExactly(Kind.LOGIN);
  }

  @Test
  void everyFailedLoginIsRecordedWithASafeName() {
    identifier.identify(ROOM_PC, basic("alice", "nope"), T0);
    identifier.identify(ip("2001:db8::5"), basic("nobody\u202Egnp.exe", "x"), T0);
    identifier.identify(ROOM_PC, "Basic %%%", T0);

    assertThat(recorded).extracting(IdentityEvent::kind).containsOnly(Kind.LOGIN_FAILED);
    assertThat(recorded).extracting(IdentityEvent::userId)
        .containsExactly("alice", "nobody?gnp.exe", "(malformed)");
    assertThat(recorded).extracting(IdentityEvent::address)
        .containsExactly("10.1.2.3", "2001:db8::5", "10.1.2.3");
    assertThat(recorded.get(0).groups()).isEmpty();
  }

  @Test
  void bindingChangesAreRecordedThenSwappedIn() {
    Binding lab = new Binding("10.1.3.0/24", "lab", Set.of("students"), "Lab");
    Binding roomWithLab = new Binding("10.1.2.0/24", "room-101", Set.of("students", "lab"), "R");
    IpBindings next = IpBindings.of(List.of(roomWithLab, lab));

    IpBindings.Changes changes = identifier.replaceBindings(next, "admin:zhang", T0);

    assertThat(changes.removed()).containsExactly(ROOM);
    assertThat(identifier.bindings()).isSameAs(next);
    assertThat(recorded).extracting(IdentityEvent::kind, IdentityEvent::address,
            IdentityEvent::userId, IdentityEvent::groups)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.BINDING_REMOVED, "10.1.2.0/24", "room-101",
                List.of("students")),
            org.assertj.core.groups.Tuple.tuple(Kind.BINDING_ADDED, "10.1.2.0/24", "room-101",
                List.of("lab", "students")),
            org.assertj.core.groups.Tuple.tuple(Kind.BINDING_ADDED, "10.1.3.0/24", "lab",
                List.of("students")));
    assertThat(recorded).allSatisfy(e -> {
      assertThat(e.actor()).isEqualTo("admin:zhang");
      assertThat(e.authMethod()).isEqualTo("ip-binding");
    });
    assertThat(identifier.identify(ip("10.1.3.7"), null, T0))
        .isEqualTo(new Identified(lab.identity(), "ip-binding"));

    recorded.clear();
    identifier.replaceBindings(next, "admin:zhang", T0);
    assertThat(recorded).isEmpty();
  }

  @Test
  void whenTheStoreRefusesTheBindingEventsTheOldTableStays() {
    IpBindings before = identifier.bindings();
    GatewayIdentifier gi = new GatewayIdentifier(auth, before,
        new IdentityEvents("s", "g", new EventIds(), list -> {
          throw new IllegalStateException("store full");
        }), GatewayIdentifier.Settings.defaults(), ticker);
    assertThatThrownBy(() -> gi.replaceBindings(IpBindings.empty(), "admin", T0))
        .hasMessage("store full");
    assertThat(gi.bindings()).isSameAs(before);
  }

  @Test
  void theRealmMustBeSafeToQuote() {
    assertThatThrownBy(() -> new GatewayIdentifier.Settings("a\"b", Duration.ofMinutes(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
