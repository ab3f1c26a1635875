package org.campusgate.console.people;

import java.util.Set;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.gateway.identity.IpBindings;

/**
 * Network text in the one canonical form the gateway and the audit store use ({@code 10.1.2.0/24},
 * {@code 2001:db8::/64}; a single address becomes its /32 or /128). Stored canonical, so the
 * database's uniqueness of (school, cidr) means one network binds once however it was typed.
 */
public final class Cidrs {
  private Cidrs() {}

  /** @throws RefusedRequest 400 {@code invalid-cidr} with the gateway's reason */
  public static String canonical(String text) {
    if (text == null || text.isBlank()) {
      throw RefusedRequest.invalid("invalid-cidr", "the network is empty");
    }
    try {
      // The gateway's own parser: strict, host bits must be zero, IPv4-mapped IPv6 made IPv4.
      return new IpBindings.Binding(text, "x", Set.of(), null).cidr();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      String prefix = "binding '" + text + "': ";
      throw RefusedRequest.invalid("invalid-cidr", m.startsWith(prefix)
          ? m.substring(prefix.length()) : m);
    }
  }
}
