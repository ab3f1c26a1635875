package org.campusgate.audit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.campusgate.audit.testing.HostCatalogue.Treatment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCatalogueTest {

  static final Path SAMPLE = Path.of("../data/ut1-sample");

  @Test
  void loadsTheSampleCappedPerCategory() {
    HostCatalogue catalogue = HostCatalogue.fromDirectory(SAMPLE, 500);
    assertThat(catalogue.categories())
        .contains("gambling", "vpn", "doh", "social_networks", "ai", "publicite")
        .doesNotContain("liste_blanche", "ads", "global_usage");
    assertThat(catalogue.hosts("gambling")).hasSize(500).startsWith("0-casino.info");
    assertThat(catalogue.hosts("ai").size()).isBetween(1, 77);
    for (String category : catalogue.categories()) {
      assertThat(catalogue.hosts(category)).allMatch(HostCatalogue::isPlainHost);
    }
    // also found from the working directory, as the default the docs describe
    assertThat(HostCatalogue.sample(10).categories()).isEqualTo(catalogue.categories());
  }

  @Test
  void treatments() {
    assertThat(HostCatalogue.treatment("vpn")).isEqualTo(Treatment.BYPASS);
    assertThat(HostCatalogue.treatment("doh")).isEqualTo(Treatment.BYPASS);
    assertThat(HostCatalogue.treatment("gambling")).isEqualTo(Treatment.BLOCKED_FOR_STUDENTS);
    assertThat(HostCatalogue.treatment("adult")).isEqualTo(Treatment.BLOCKED_FOR_STUDENTS);
    assertThat(HostCatalogue.treatment("games")).isEqualTo(Treatment.BLOCKED_FOR_STUDENTS);
    assertThat(HostCatalogue.treatment("social_networks")).isEqualTo(Treatment.BLOCKED_IN_CLASS);
    assertThat(HostCatalogue.treatment("educational_games")).isEqualTo(Treatment.ALLOWED);
    assertThat(HostCatalogue.blockedForStudents("webmail")).isFalse();
  }

  @Test
  void builtInHostsAreDistinctAndPlain() {
    HostCatalogue catalogue = HostCatalogue.builtInOnly();
    Set<String> seen = new HashSet<>();
    for (HostCatalogue.OrdinaryHost h : catalogue.ordinaryHosts()) {
      assertThat(HostCatalogue.isPlainHost(h.host())).as(h.host()).isTrue();
      assertThat(seen.add(h.host())).as("duplicate " + h.host()).isTrue();
    }
    assertThat(seen).hasSizeGreaterThan(1000);
    for (HostCatalogue.LearningApp app : catalogue.apps()) {
      for (String host : app.hosts()) {
        assertThat(seen.add(host)).as("duplicate " + host).isTrue();
      }
    }
    assertThat(catalogue.categories()).isEmpty();
  }

  @Test
  void readsTheTarGzLayout(@TempDir Path dir) throws IOException {
    Path archive = dir.resolve("blacklists.tar.gz");
    try (OutputStream file = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
      add(tar, "blacklists/gambling/domains", "casino-a.example\n# comment\n\n10.1.2.3\ncasino-b.example\ncasino-c.example\n");
      add(tar, "blacklists/gambling/urls", "casino-a.example/poker/\n");
      add(tar, "blacklists/liste_blanche/domains", "ac-example.fr\n");
      add(tar, "blacklists/vpn/domains", "VPN-ONE.example\n");
      TarArchiveEntry link = new TarArchiveEntry("blacklists/ads", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("publicite");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    HostCatalogue catalogue = HostCatalogue.fromTarGz(archive, 2);
    assertThat(catalogue.categories()).containsExactly("gambling", "vpn");
    assertThat(catalogue.hosts("gambling")).containsExactly("casino-a.example", "casino-b.example");
    assertThat(catalogue.hosts("vpn")).containsExactly("vpn-one.example");
  }

  private static void add(TarArchiveOutputStream tar, String name, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }
}
