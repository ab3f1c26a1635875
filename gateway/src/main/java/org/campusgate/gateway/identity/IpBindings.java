package org.campusgate.gateway.identity;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.campusgate.policy.UserIdentity;

/**
 * An immutable snapshot of the IP binding table: which user (a person, or a named device group
 * such as {@code room-101}) is behind a client address when it does not log in. Networks are
 * IPv4 or IPv6 CIDR blocks; the longest prefix that contains the client wins, so a {@code /32}
 * for the teacher's PC beats the classroom's {@code /24}. IPv4-mapped IPv6 clients
 * ({@code ::ffff:10.1.2.3}) are looked up as IPv4.
 *
 * <p>Built once, then only read (the ipaddress tries are thread-safe when not modified); a new
 * table replaces the old one whole. {@link #diff} tells what changed between two snapshots, for
 * the identity events.
 */
public final class IpBindings {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

  /**
   * One binding.
   *
   * @param cidr the network ({@code 10.1.2.0/24}, {@code 2001:db8::/64}; a single address means
   *     its /32 or /128); kept in canonical form, host bits must be zero
   * @param userId the user the network belongs to: a person, or a device group such as {@code
   *     room-101} (1..64 of {@code a-z A-Z 0-9 . _ @ -})
   * @param groups the groups the policy sees (e.g. {@code students}); may be empty
   * @param label what the binding is, for people (shown as the display name); the user id when
   *     null or blank
   * @throws IllegalArgumentException with a clear message when a field is not valid
   */
  public record Binding(String cidr, String userId, Set<String> groups, String label) {
    public Binding {
      Objects.requireNonNull(cidr, "cidr");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(groups, "groups");
      String what = label == null || label.isBlank() ? cidr : label;
      try {
        cidr = Addresses.network(cidr).toCanonicalString();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("binding '" + what + "': " + e.getMessage());
      }
      if (!ID.matcher(userId).matches()) {
        throw new IllegalArgumentException("binding " + cidr + ": '" + userId
            + "' is not a valid user id (1..64 of a-z A-Z 0-9 . _ @ -)");
      }
      for (String g : groups) {
        if (g == null || !ID.matcher(g).matches()) {
          throw new IllegalArgumentException("binding " + cidr + ": '" + g
              + "' is not a valid group name");
        }
      }
      groups = Set.copyOf(groups);
      label = label == null || label.isBlank() ? userId : label.strip();
    }

    /** Who the policy sees behind this network. */
    public UserIdentity identity() {
      return new UserIdentity(userId, label, groups);
    }
  }

  /**
   * What changed from one snapshot to the next: a binding whose network, user or groups differ
   * is removed and added; a change of label alone is no change of identity.
   */
  public record Changes(List<Binding> removed, List<Binding> added) {
    public Changes {
      removed = List.copyOf(removed);
      added = List.copyOf(added);
    }

    public boolean isEmpty() {
      return removed.isEmpty() && added.isEmpty();
    }
  }

  private static final IpBindings EMPTY = new IpBindings(List.of());

  private final List<Binding> bindings;
  private final IPv4AddressAssociativeTrie<Binding> v4 = new IPv4AddressAssociativeTrie<>();
  private final IPv6AddressAssociativeTrie<Binding> v6 = new IPv6AddressAssociativeTrie<>();

  private IpBindings(List<Binding> sorted) {
    this.bindings = List.copyOf(sorted);
    for (Binding b : sorted) {
      IPAddress net = Addresses.network(b.cidr());
      if (net.isIPv4()) {
        v4.put(net.toIPv4(), b);
      } else {
        v6.put(net.toIPv6(), b);
      }
    }
  }

  /** No bindings. */
  public static IpBindings empty() {
    return EMPTY;
  }

  /**
   * A table of these bindings.
   *
   * @throws IllegalArgumentException when a network is bound twice (the message names both)
   */
  public static IpBindings of(List<Binding> bindings) {
    Map<String, Binding> byNet = new HashMap<>();
    for (Binding b : bindings) {
      Binding before = byNet.putIfAbsent(b.cidr(), Objects.requireNonNull(b, "binding"));
      if (before != null) {
        throw new IllegalArgumentException("network " + b.cidr() + " is bound twice: to '"
            + before.label() + "' and to '" + b.label() + "'");
      }
    }
    List<Binding> sorted = new ArrayList<>(bindings);
    sorted.sort(ORDER);
    return new IpBindings(sorted);
  }

  /** IPv4 before IPv6, then by first address, the wider network first. */
  private static final Comparator<Binding> ORDER = Comparator
      .comparing((Binding b) -> Addresses.network(b.cidr()), (x, y) -> {
        int c = Boolean.compare(x.isIPv6(), y.isIPv6());
        if (c == 0) {
          c = Arrays.compareUnsigned(x.getLower().getBytes(), y.getLower().getBytes());
        }
        return c != 0 ? c : Integer.compare(x.getNetworkPrefixLength(), y.getNetworkPrefixLength());
      })
      .thenComparing(Binding::userId);

  /** The binding with the longest prefix containing {@code client}, if any. */
  public Optional<Binding> lookup(InetAddress client) {
    IPAddress a = Addresses.host(client);
    var node = a.isIPv4() ? v4.longestPrefixMatchNode(a.toIPv4())
        : v6.longestPrefixMatchNode(a.toIPv6());
    return node == null ? Optional.empty() : Optional.ofNullable(node.getValue());
  }

  /** Every binding, IPv4 before IPv6, in address order. */
  public List<Binding> bindings() {
    return bindings;
  }

  public int size() {
    return bindings.size();
  }

  /** What changes from this snapshot to {@code next}; removed and added in address order. */
  public Changes diff(IpBindings next) {
    Map<String, Binding> before = keyed(this);
    Map<String, Binding> after = keyed(next);
    List<Binding> removed = new ArrayList<>();
    List<Binding> added = new ArrayList<>();
    for (Map.Entry<String, Binding> e : before.entrySet()) {
      Binding now = after.get(e.getKey());
      if (now == null || !now.groups().equals(e.getValue().groups())) {
        removed.add(e.getValue());
      }
    }
    for (Map.Entry<String, Binding> e : after.entrySet()) {
      Binding then = before.get(e.getKey());
      if (then == null || !then.groups().equals(e.getValue().groups())) {
        added.add(e.getValue());
      }
    }
    return new Changes(removed, added);
  }

  private static Map<String, Binding> keyed(IpBindings t) {
    Map<String, Binding> m = new LinkedHashMap<>();
    for (Binding b : t.bindings) {
      m.put(b.cidr() + '\u0000' + b.userId(), b);
    }
    return m;
  }

  @Override
  public String toString() {
    return "IpBindings[" + bindings.size() + " bindings]";
  }
}
