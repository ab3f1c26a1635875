package org.campusgate.gateway.upstream;

import io.netty.resolver.HostsFileEntriesProvider;
import io.netty.resolver.HostsFileEntriesResolver;
import io.netty.resolver.ResolvedAddressTypes;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Names the gateway resolves from a file in hosts(5) format before asking DNS (or the system's
 * own {@code /etc/hosts}), e.g. so the demo and the end-to-end tests can send made-up app
 * domains to loopback origins. Read once, when the gateway starts; immutable afterwards.
 */
public final class HostsOverride implements HostsFileEntriesResolver {
  /** A hosts file larger than this is refused: it is read into memory whole. */
  public static final long MAX_BYTES = 4L << 20;

  private final Map<String, List<InetAddress>> ipv4;
  private final Map<String, List<InetAddress>> ipv6;
  private final HostsFileEntriesResolver fallback;

  private HostsOverride(HostsFileEntriesProvider entries, HostsFileEntriesResolver fallback) {
    this.ipv4 = Map.copyOf(entries.ipv4Entries());
    this.ipv6 = Map.copyOf(entries.ipv6Entries());
    this.fallback = Objects.requireNonNull(fallback, "fallback");
  }

  /**
   * Reads {@code file} (UTF-8, hosts(5) format: address, then names; {@code #} comments).
   *
   * @param fallback asked for names the file does not hold (e.g. {@link #DEFAULT}, the system's
   *     hosts file)
   * @throws IOException when the file cannot be read or exceeds {@link #MAX_BYTES}
   */
  public static HostsOverride load(Path file, HostsFileEntriesResolver fallback)
      throws IOException {
    Objects.requireNonNull(file, "file");
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new IOException("hosts file " + file + " is " + size + " bytes; at most " + MAX_BYTES);
    }
    return new HostsOverride(
        HostsFileEntriesProvider.parser().parse(file.toFile(), StandardCharsets.UTF_8), fallback);
  }

  /** How many names the file maps. */
  public int size() {
    return (int) java.util.stream.Stream.concat(ipv4.keySet().stream(), ipv6.keySet().stream())
        .distinct().count();
  }

  /** The file's address for {@code host} in the preferred family, or null when it has none. */
  public InetAddress own(String host, ResolvedAddressTypes types) {
    String key = normalize(host);
    InetAddress v4 = first(ipv4.get(key));
    InetAddress v6 = first(ipv6.get(key));
    return switch (types) {
      case IPV4_ONLY -> v4;
      case IPV6_ONLY -> v6;
      case IPV4_PREFERRED -> v4 != null ? v4 : v6;
      case IPV6_PREFERRED -> v6 != null ? v6 : v4;
    };
  }

  @Override
  public InetAddress address(String host, ResolvedAddressTypes types) {
    InetAddress a = own(host, types);
    return a != null ? a : fallback.address(host, types);
  }

  private static InetAddress first(List<InetAddress> list) {
    return list == null || list.isEmpty() ? null : list.get(0);
  }

  /** Names compare case-insensitively; a trailing dot (the root) changes nothing. */
  private static String normalize(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
