package org.campusgate.policy.url;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;

/** Bracketed IPv6 hosts, parsed by the IPAddress library and written in compressed form. */
final class Ipv6Literals {
  private Ipv6Literals() {}

  /**
   * A plain address and nothing else: no zone, prefix, mask, ranges, wildcards, binary or base85,
   * and the embedded IPv4 of a mixed form must be an ordinary dotted quad. Immutable.
   */
  private static final IPAddressStringParameters STRICT = strictParameters();

  private static IPAddressStringParameters strictParameters() {
    IPAddressStringParameters.Builder builder = new IPAddressStringParameters.Builder();
    builder.allowEmpty(false);
    builder.allowAll(false);
    builder.allowSingleSegment(false);
    builder.allowPrefix(false);
    builder.allowMask(false);
    builder.allowPrefixOnly(false);
    builder.allowIPv4(false);
    builder.allowWildcardedSeparator(false);
    builder.setRangeOptions(IPAddressStringParameters.RangeParameters.NO_RANGE);
    builder.allow_inet_aton(false);
    var v6 = builder.getIPv6AddressParametersBuilder();
    v6.allowZone(false);
    v6.allowEmptyZone(false);
    v6.allowBase85(false);
    v6.allowBinary(false);
    v6.allowUnlimitedLeadingZeros(false);
    v6.allow_mixed_inet_aton(false);
    var embedded = v6.getEmbeddedIPv4AddressParametersBuilder();
    embedded.allow_inet_aton(false);
    embedded.allowBinary(false);
    embedded.allowLeadingZeros(false);
    return builder.toParams();
  }

  /**
   * {@code "[compressed]"} for {@code literal} (with its brackets), or the dotted quad for an
   * IPv4-mapped address ({@code [::ffff:1.2.3.4]} is the IPv4 host {@code 1.2.3.4}).
   */
  static String canonicalise(String literal) throws InvalidUrlException {
    int n = literal.length();
    if (n < 2 || literal.charAt(0) != '[' || literal.charAt(n - 1) != ']') {
      throw InvalidUrlException.quoting("invalid IPv6 literal", literal);
    }
    String inner = literal.substring(1, n - 1);
    if (inner.indexOf('%') >= 0) {
      throw InvalidUrlException.quoting("IPv6 zone ids are not allowed", literal);
    }
    IPAddress address;
    try {
      address = new IPAddressString(inner, STRICT).toAddress();
    } catch (AddressStringException | RuntimeException e) {
      throw InvalidUrlException.quoting("invalid IPv6 literal", literal);
    }
    if (address == null || !address.isIPv6() || address.isMultiple()) {
      throw InvalidUrlException.quoting("invalid IPv6 literal", literal);
    }
    IPv6Address v6 = address.toIPv6();
    if (v6.hasZone()) {
      throw InvalidUrlException.quoting("IPv6 zone ids are not allowed", literal);
    }
    if (v6.isIPv4Mapped()) {
      return v6.getEmbeddedIPv4Address().toCanonicalString();
    }
    return "[" + v6.toCompressedString() + "]";
  }
}
