package org.campusgate.gateway.identity;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Builds the IPv4-mapped IPv6 form of an IPv4 address as a real {@link Inet6Address}. */
final class Inet6 {
  private Inet6() {}

  static InetAddress mapped(InetAddress v4) {
    byte[] b = new byte[16];
    b[10] = (byte) 0xff;
    b[11] = (byte) 0xff;
    System.arraycopy(v4.getAddress(), 0, b, 12, 4);
    try {
      // getByAddress(host, bytes, scope) keeps the IPv6 form (getByAddress(bytes) would not)
      return Inet6Address.getByAddress(null, b, -1);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
