package org.campusgate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.campusgate.gateway.identity.Fixtures.ip;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.campusgate.gateway.identity.IpBindings.Binding;
import org.campusgate.policy.UserIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpBindingsTest {
  private static final Binding CAMPUS =
      new Binding("10.0.0.0/8", "campus", Set.of("guests"), "whole campus");
  private static final Binding ROOM =
      new Binding("10.1.2.0/24", "room-101", Set.of("students"), "Room 101 PCs");
  private static final Binding TEACHER =
      new Binding("10.1.2.10", "ms-li", Set.of("staff"), "Ms Li's desk");
  private static final Binding STAFF_V6 =
      new Binding("2001:DB8:1::/48", "staff-vlan", Set.of("staff"), null);
  private static final Binding LAB_V6 =
      new Binding("2001:db8:1:5::/64", "lab", Set.of("students", "lab"), "Lab");

  private static final IpBindings TABLE =
      IpBindings.of(List.of(LAB_V6, ROOM, TEACHER, CAMPUS, STAFF_V6));

  private static Optional<String> who(String client) {
    return TABLE.lookup(ip(client)).map(Binding::userId);
  }

  @Test
  void longestPrefixWinsForIpv4() {
    assertThat(who("10.1.2.10")).contains("ms-li");
    assertThat(who("10.1.2.11")).contains("room-101");
    assertThat(who("10.1.2.255")).contains("room-101");
    assertThat(who("10.1.3.1")).contains("campus");
    assertThat(who("192.168.1.1")).isEmpty();
  }

  @Test
  void longestPrefixWinsForIpv6() {
    assertThat(who("2001:db8:1:5::abcd")).contains("lab");
    assertThat(who("2001:db8:1:6::1")).contains("staff-vlan");
    assertThat(who("2001:db8:2::1")).isEmpty();
  }

  @Test
  void ipv4MappedClientsAreLookedUpAsIpv4() {
    assertThat(TABLE.lookup(Inet6.mapped(ip("10.1.2.10")))).contains(TEACHER);
    assertThat(TABLE.lookup(Inet6.mapped(ip("10.1.2.11")))).contains(ROOM);
  }

  @Test
  void aBindingIsAnIdentity() {
    assertThat(ROOM.identity()).isEqualTo(new UserIdentity("room-101", "Room 101 PCs", Set.of("students")));
    assertThat(STAFF_V6.identity().displayName()).isEqualTo("staff-vlan");
  }

  @Test
  void networksAreKeptCanonical() {
    assertThat(TEACHER.cidr()).isEqualTo("10.1.2.10/32");
    assertThat(STAFF_V6.cidr()).isEqualTo("2001:db8:1::/48");
    assertThat(new Binding("2001:db8::1", "x", Set.of(), null).cidr()).isEqualTo("2001:db8::1/128");
    assertThat(new Binding("::ffff:10.1.0.0/112", "x", Set.of(), null).cidr()).isEqualTo("10.1.0.0/16");
    assertThat(TABLE.bindings()).extracting(Binding::userId)
        .containsExactly("campus", "room-101", "ms-li", "staff-vlan", "lab");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''|the network is empty",
      "garbage|'garbage' is not an IPv4 or IPv6 network",
      "10.1.2|is not an IPv4 or IPv6 network",
      "10.1.2.300/24|is not an IPv4 or IPv6 network",
      "10.1.2.0/33|is not an IPv4 or IPv6 network",
      "10.1.2.*|is not an IPv4 or IPv6 network",
      "10.1.2.0-10.1.2.9|is not an IPv4 or IPv6 network",
      "10.1.2.0/255.255.255.0|is not an IPv4 or IPv6 network",
      "10.1.2.5/24|has host bits set; the network is 10.1.2.0/24",
      "fe80::1%eth0|cannot have a zone",
      "2001:db8::1/64|has host bits set; the network is 2001:db8::/64",
  })
  void garbageNetworksAreRejectedClearly(String cidr, String message) {
    assertThatThrownBy(() -> new Binding(cidr, "room-101", Set.of(), "Room 101"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("binding 'Room 101': ")
        .hasMessageContaining(message);
  }

  @Test
  void badUserIdsAndGroupsAreRejected() {
    assertThatThrownBy(() -> new Binding("10.0.0.0/8", "room 101", Set.of(), null))
        .hasMessageContaining("binding 10.0.0.0/8: 'room 101' is not a valid user id");
    assertThatThrownBy(() -> new Binding("10.0.0.0/8", "room-101", Set.of("bad group"), null))
        .hasMessageContaining("'bad group' is not a valid group name");
  }

  @Test
  void aNetworkBoundTwiceIsRejected() {
    Binding again = new Binding("10.1.2.0/24", "room-102", Set.of("students"), "Room 102");
    assertThatThrownBy(() -> IpBindings.of(List.of(ROOM, again)))
        .hasMessage("network 10.1.2.0/24 is bound twice: to 'Room 101 PCs' and to 'Room 102'");
  }

  @Test
  void diffTellsRemovedAndAdded() {
    Binding roomNowLab = new Binding("10.1.2.0/24", "room-101", Set.of("students", "lab"), "x");
    Binding teacherRelabelled = new Binding("10.1.2.10/32", "ms-li", Set.of("staff"), "new label");
    Binding newRoom = new Binding("10.1.3.0/24", "room-102", Set.of("students"), null);
    Binding v6Reassigned = new Binding("2001:db8:1::/48", "admin-vlan", Set.of("staff"), null);
    IpBindings next = IpBindings.of(List.of(CAMPUS, roomNowLab, teacherRelabelled, newRoom,
        v6Reassigned));

    IpBindings.Changes changes = TABLE.diff(next);

    assertThat(changes.removed()).containsExactly(ROOM, STAFF_V6, LAB_V6);
    assertThat(changes.added()).containsExactly(roomNowLab, newRoom, v6Reassigned);
    assertThat(TABLE.diff(TABLE).isEmpty()).isTrue();
    assertThat(IpBindings.empty().diff(TABLE).added()).hasSize(5);
  }
}
