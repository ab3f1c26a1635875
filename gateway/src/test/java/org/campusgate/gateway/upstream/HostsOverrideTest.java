package org.campusgate.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.HostsFileEntriesResolver;
import io.netty.resolver.ResolvedAddressTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.campusgate.gateway.GatewayConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's hosts file: what it maps, in which family, what it leaves to the system, and
 * that the resolver answers from it both with DNS servers and without any.
 */
class HostsOverrideTest {
  static final String HOSTS = """
      # demo app domains
      127.0.0.1     ketang.demo-apps.test  Zuoye.Demo-Apps.test
      ::1           ketang.demo-apps.test  v6-only.test
      10.0.0.7      other.test    # trailing comment
      """;
  static final HostsFileEntriesResolver NOTHING = (host, types) -> null;

  @TempDir Path dir;

  HostsOverride load(String text, HostsFileEntriesResolver fallback) throws IOException {
    return HostsOverride.load(Files.writeString(dir.resolve("hosts"), text), fallback);
  }

  @Test
  void namesResolveFromTheFileInThePreferredFamily() throws Exception {
    HostsOverride hosts = load(HOSTS, NOTHING);
    assertThat(hosts.size()).isEqualTo(4);
    assertThat(hosts.address("ketang.demo-apps.test", ResolvedAddressTypes.IPV4_PREFERRED))
        .isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(hosts.address("ketang.demo-apps.test", ResolvedAddressTypes.IPV6_PREFERRED))
        .isEqualTo(InetAddress.getByName("::1"));
    assertThat(hosts.address("v6-only.test", ResolvedAddressTypes.IPV4_PREFERRED))
        .isEqualTo(InetAddress.getByName("::1"));
    assertThat(hosts.address("v6-only.test", ResolvedAddressTypes.IPV4_ONLY)).isNull();
    assertThat(hosts.address("other.test", ResolvedAddressTypes.IPV6_ONLY)).isNull();
    assertThat(hosts.address("other.test", ResolvedAddressTypes.IPV4_ONLY))
        .isEqualTo(InetAddress.getByName("10.0.0.7"));
  }

  @Test
  void namesMatchWhateverTheirCaseAndATrailingDot() throws Exception {
    HostsOverride hosts = load(HOSTS, NOTHING);
    assertThat(hosts.address("ZUOYE.demo-apps.TEST.", ResolvedAddressTypes.IPV4_PREFERRED))
        .isEqualTo(InetAddress.getByName("127.0.0.1"));
    assertThat(hosts.address("sub.ketang.demo-apps.test", ResolvedAddressTypes.IPV4_PREFERRED))
        .as("hosts(5) names are exact, not domains").isNull();
  }

  @Test
  void otherNamesGoToTheFallback() throws Exception {
    InetAddress system = InetAddress.getByName("192.0.2.1");
    HostsOverride hosts = load(HOSTS, (host, types) -> host.equals("localhost") ? system : null);
    assertThat(hosts.address("localhost", ResolvedAddressTypes.IPV4_PREFERRED)).isEqualTo(system);
    assertThat(hosts.address("ketang.demo-apps.test", ResolvedAddressTypes.IPV4_ONLY))
        .isEqualTo(InetAddress.getByName("127.0.0.1"));
  }

  @Test
  void anOversizedFileIsRefused() throws Exception {
    Path big = dir.resolve("big-hosts");
    Files.write(big, new byte[(int) HostsOverride.MAX_BYTES + 1]);
    assertThatThrownBy(() -> HostsOverride.load(big, NOTHING)).isInstanceOf(IOException.class)
        .hasMessageContaining("at most " + HostsOverride.MAX_BYTES);
  }

  @Test
  void aMissingFileFailsTheResolverWithItsName() {
    Path missing = dir.resolve("no-such-hosts");
    GatewayConfig config = GatewayConfig.builder().hostsFile(missing).build();
    assertThatThrownBy(() -> Resolvers.create(Transport.nio(), config))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("hosts file").hasMessageContaining(missing.toString());
  }

  @Test
  void theResolverAnswersFromTheFileWithDnsServers() throws Exception {
    Path resolvConf = Files.writeString(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
    assertResolvesFromTheFile(resolvConf);
  }

  @Test
  void theResolverAnswersFromTheFileWithoutDnsServers() throws Exception {
    Path resolvConf = Files.writeString(dir.resolve("resolv.conf"), "# no servers\n");
    assertResolvesFromTheFile(resolvConf);
  }

  private void assertResolvesFromTheFile(Path resolvConf) throws Exception {
    Path hosts = Files.writeString(dir.resolve("hosts"), HOSTS);
    GatewayConfig config = GatewayConfig.builder().hostsFile(hosts).build();
    Transport transport = Transport.nio();
    EventLoopGroup loop = transport.newGroup(1);
    AddressResolverGroup<InetSocketAddress> group = Resolvers.create(transport, config, resolvConf);
    try {
      InetSocketAddress resolved = group.getResolver(loop.next())
          .resolve(InetSocketAddress.createUnresolved("Zuoye.demo-apps.test", 8080))
          .get(10, TimeUnit.SECONDS);
      assertThat(resolved.getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
      assertThat(resolved.getPort()).isEqualTo(8080);
    } finally {
      group.close();
      loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }
}
