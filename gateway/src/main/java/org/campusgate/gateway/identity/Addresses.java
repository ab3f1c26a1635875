package org.campusgate.gateway.identity;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import org.campusgate.audit.net.StrictIp;

/**
 * Client addresses and CIDR networks in one canonical form, the one the audit store indexes:
 * IPv4-mapped IPv6 ({@code ::ffff:10.1.2.3}) becomes IPv4, IPv6 is compressed lower case,
 * zones are dropped.
 */
final class Addresses {
  private static final int MAX_TEXT = 64;

  private Addresses() {}

  /** The client's address, IPv4-mapped IPv6 turned into IPv4, without zone. */
  static IPAddress host(InetAddress client) {
    Objects.requireNonNull(client, "client");
    if (client instanceof Inet4Address v4) {
      return new IPv4Address(v4);
    }
    IPv6Address v6 = new IPv6Address((Inet6Address) client).removeZone();
    return v6.isIPv4Mapped() ? v6.getEmbeddedIPv4Address() : v6;
  }

  /** The canonical text of the client's address ({@code 10.1.2.3}, {@code 2001:db8::7}). */
  static String text(InetAddress client) {
    return host(client).toCanonicalString();
  }

  /**
   * The key failed attempts are counted under: the address for IPv4, the /64 for IPv6 (one
   * host usually holds a whole /64, so counting single IPv6 addresses would limit nothing).
   */
  static String rateKey(InetAddress client) {
    IPAddress a = host(client);
    return a.isIPv4() ? a.toCanonicalString()
        : a.setPrefixLength(64, false).toPrefixBlock().toCanonicalString();
  }

  /**
   * Parses a network strictly: {@code 10.1.2.0/24}, {@code 2001:db8::/64}, or a single address
   * (its /32 or /128). Host bits set under the prefix ({@code 10.1.2.5/24}) are rejected: such
   * a line usually means a typo. IPv4-mapped IPv6 networks of /96 or longer become IPv4.
   *
   * @return the network as a prefix block
   * @throws IllegalArgumentException with a message that says what is wrong
   */
  static IPAddress network(String text) {
    Objects.requireNonNull(text, "cidr");
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("the network is empty");
    }
    if (t.length() > MAX_TEXT) {
      throw new IllegalArgumentException("'" + t.substring(0, 20) + "...' is too long for a network");
    }
    IPAddress a = new IPAddressString(t, StrictIp.PARAMETERS).getAddress();
    if (a == null) {
      throw new IllegalArgumentException("'" + t + "' is not an IPv4 or IPv6 network in CIDR form"
          + " (e.g. 10.1.2.0/24 or 2001:db8:1::/64)");
    }
    if (a.isIPv6() && a.toIPv6().hasZone()) {
      throw new IllegalArgumentException("'" + t + "': a network cannot have a zone (%...)");
    }
    if (!a.isPrefixed()) {
      return a.setPrefixLength(a.getBitCount(), false).toPrefixBlock();
    }
    if (!a.isPrefixBlock()) {
      throw new IllegalArgumentException("'" + t + "' has host bits set; the network is "
          + a.toPrefixBlock().toCanonicalString());
    }
    return StrictIp.unmapped(a.toPrefixBlock()).toPrefixBlock();
  }
}
