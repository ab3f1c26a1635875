package org.campusgate.audit.net;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressStringParameters;

/**
 * How client addresses and networks are parsed wherever they are recorded or searched: strictly
 * (no empty string, "1", wildcards, ranges, masks or inet_aton forms, which the library would
 * accept by default), and with IPv4-mapped IPv6 turned into IPv4, so the gateway's events and
 * the store's queries agree on one text per address.
 */
public final class StrictIp {
  /** Parameters for {@code new IPAddressString(text, PARAMETERS)}. */
  public static final IPAddressStringParameters PARAMETERS =
      new IPAddressStringParameters.Builder()
          .allowEmpty(false)
          .allowAll(false)
          .allowSingleSegment(false)
          .allowMask(false)
          .allowPrefixOnly(false)
          .allowWildcardedSeparator(false)
          .allow_inet_aton(false)
          .setRangeOptions(RangeParameters.NO_RANGE)
          .toParams();

  private StrictIp() {}

  /**
   * An IPv4-mapped IPv6 address (or network of /96 or longer) as IPv4; anything else as it is.
   */
  public static IPAddress unmapped(IPAddress a) {
    if (a.isIPv6() && a.isIPv4Convertible()) {
      Integer prefix = a.getNetworkPrefixLength();
      if (prefix == null) {
        return a.toIPv4();
      }
      if (prefix >= 96) {
        return a.toIPv4().setPrefixLength(prefix - 96, false);
      }
    }
    return a;
  }
}
