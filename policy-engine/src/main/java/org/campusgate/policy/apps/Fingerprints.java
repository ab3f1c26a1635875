package org.campusgate.policy.apps;

import java.util.List;

/**
 * How an app's traffic is recognised. These are ours, not the filing platform's.
 *
 * @param domains domains; each matches itself and its subdomains
 * @param sniPatterns TLS server names: {@code name} matches it and its subdomains, {@code *.name}
 *     only its subdomains; matched against the SNI when one is seen, else the host
 * @param urlPrefixes {@code host/path} prefixes, matched on path-segment boundaries
 * @param ipRanges CIDR blocks or single addresses, IPv4 or IPv6, for requests to IP literals
 */
public record Fingerprints(List<String> domains, List<String> sniPatterns, List<String> urlPrefixes,
    List<String> ipRanges) {

  public Fingerprints {
    domains = domains == null ? List.of() : List.copyOf(domains);
    sniPatterns = sniPatterns == null ? List.of() : List.copyOf(sniPatterns);
    urlPrefixes = urlPrefixes == null ? List.of() : List.copyOf(urlPrefixes);
    ipRanges = ipRanges == null ? List.of() : List.copyOf(ipRanges);
  }

  public static Fingerprints ofDomains(String... domains) {
    return new Fingerprints(List.of(domains), null, null, null);
  }

  public int size() {
    return domains.size() + sniPatterns.size() + urlPrefixes.size() + ipRanges.size();
  }
}
