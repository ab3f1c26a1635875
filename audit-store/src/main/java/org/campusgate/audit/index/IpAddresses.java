package org.campusgate.audit.index;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Objects;
import org.campusgate.audit.net.StrictIp;

/**
 * Strict parsing of IPv4/IPv6 addresses and CIDR networks into one canonical text form
 * ({@link StrictIp}: IPv4-mapped IPv6 becomes IPv4; IPv6 is compressed lower case).
 */
final class IpAddresses {
  private IpAddresses() {}

  /** A single address (no prefix length). */
  static IPAddress host(String text) {
    IPAddress a = parse(text);
    if (a.isPrefixed()) {
      throw new IllegalArgumentException("an address is expected, not a network: " + text);
    }
    return a;
  }

  /** A network: {@code 10.1.2.0/24}, or a single address as its /32 or /128 block. */
  static IPAddress network(String text) {
    IPAddress a = parse(text);
    if (!a.isPrefixed()) {
      return a.setPrefixLength(a.getBitCount(), false).toPrefixBlock();
    }
    return a.toPrefixBlock();
  }

  /**
   * The canonical text of an address, so that {@code 2001:DB8:0::7} and {@code 2001:db8::7}
   * are one term; text that is not an address is kept as it is.
   */
  static String canonicalOrAsIs(String text) {
    try {
      return canonical(host(text));
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  static String canonical(IPAddress a) {
    return a.toCanonicalString();
  }

  private static IPAddress parse(String text) {
    Objects.requireNonNull(text, "address");
    if (text.length() > 64) {
      throw new IllegalArgumentException("not an IP address: too long");
    }
    IPAddress a = new IPAddressString(text.strip(), StrictIp.PARAMETERS).getAddress();
    if (a == null) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
    return StrictIp.unmapped(a);
  }
}
