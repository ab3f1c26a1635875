package org.campusgate.policy.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ut1ImporterTest {
  /** The UT1 sample shipped in the repository (CC BY-SA 4.0, see data/ut1-sample/README.md). */
  static final Path SAMPLE = Path.of("..", "data", "ut1-sample");

  @TempDir Path dir;

  private static final String GLOBAL_USAGE = """
      #
      # comment lines
      NAME:\tgambling
      DEFAULT_TYPE: black
      DESC EN: Gambling sites.
      NAME EN: Gambling
      NAME FR: Jeux d'argent

      NAME:\tsocial
      NAME EN: Social networks
      """;

  private Map<String, String> messyFiles() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("global_usage", GLOBAL_USAGE);
    files.put("gambling/domains", "# a comment\r\n\r\nCasino.COM\r\n  poker.example.net  \r\nＢＥＴ．example\r\n例子。测试\r\n.leadingdot.org.\r\n");
    files.put("gambling/urls", "www.astrolabio.net/casino/\nTop-LasVegas.com/en\n");
    files.put("gambling/usage", "black\n");
    files.put("social/domains", "");
    files.put("ads", "gambling\n");
    files.put("README", "x".repeat(200));
    return files;
  }

  private void writeTree(Path root, Map<String, String> files) throws IOException {
    for (var e : files.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
    }
  }

  private Path writeTarGz(Map<String, String> files) throws IOException {
    Path archive = dir.resolve("blacklists.tar.gz");
    try (OutputStream out = Files.newOutputStream(archive);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      for (var e : files.entrySet()) {
        byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry("blacklists/" + e.getKey());
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
      TarArchiveEntry link = new TarArchiveEntry("blacklists/jeux", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("gambling");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    return archive;
  }

  private static void assertMessyListsImported(ListSet set) {
    CategoryList gambling = set.find("gambling").orElseThrow();
    assertThat(gambling.domains()).containsExactly(
        "casino.com", "poker.example.net", "bet.example", "xn--fsqu00a.xn--0zwm56d", "leadingdot.org");
    assertThat(gambling.urls()).containsExactly("astrolabio.net/casino/", "top-lasvegas.com/en");
    assertThat(gambling.displayName("en")).isEqualTo("Gambling");
    assertThat(gambling.displayName("fr")).isEqualTo("Jeux d'argent");
    assertThat(gambling.displayName("zh")).isEqualTo("Gambling");
    assertThat(gambling.defaultType()).isEqualTo("black");
    assertThat(set.find("social").orElseThrow().size()).isZero();
    assertThat(set.find("ads").orElseThrow().name()).isEqualTo("gambling");
  }

  @Test
  void importsADirectoryWithCommentsCrlfUpperCaseAndIdnEntries() throws Exception {
    writeTree(dir.resolve("blacklists"), messyFiles());
    assertMessyListsImported(Ut1Importer.importPath(dir));
    assertMessyListsImported(Ut1Importer.importPath(dir.resolve("blacklists")));
  }

  @Test
  void importsTheTarGzUt1Publishes() throws Exception {
    ListSet set = Ut1Importer.importPath(writeTarGz(messyFiles()));
    assertMessyListsImported(set);
    assertThat(set.find("jeux").orElseThrow().name()).isEqualTo("gambling");
  }

  @Test
  void aMalformedFileIsRejectedWithFileAndLineNumbers() throws Exception {
    Map<String, String> files = messyFiles();
    files.put("gambling/domains", "ok.example\nnot a domain\nfine.example\nexample.com/path\n[zz::1]\n");
    files.put("gambling/expressions", "(unclosed\n");
    writeTree(dir, files);
    assertThatThrownBy(() -> Ut1Importer.importPath(dir))
        .isInstanceOfSatisfying(ListFormatException.class, e -> assertThat(e.errors())
            .extracting(ListError::toString)
            .containsExactly(
                "gambling/domains:2: not a domain: 'not a domain'",
                "gambling/domains:4: not a domain: 'example.com/path'",
                e.errors().get(2).toString(),
                e.errors().get(3).toString())
            .satisfies(list -> {
              assertThat(list.get(2)).startsWith("gambling/domains:5: ");
              assertThat(list.get(3)).startsWith("gambling/expressions:1: invalid regular expression");
            }));
  }

  @Test
  void aFileThatIsNotUtf8IsRejected() throws Exception {
    Files.createDirectories(dir.resolve("bad"));
    Files.write(dir.resolve("bad/domains"), new byte[] {'o', 'k', '.', 'c', 'n', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
    assertThatThrownBy(() -> Ut1Importer.importPath(dir))
        .isInstanceOf(ListFormatException.class)
        .hasMessageContaining("bad/domains:2: not valid UTF-8");
  }

  @Test
  void aFolderWithoutListsIsRejected() throws Exception {
    assertThatThrownBy(() -> Ut1Importer.importPath(dir))
        .isInstanceOf(ListFormatException.class).hasMessageContaining("no categories found");
    assertThatThrownBy(() -> Ut1Importer.importPath(dir.resolve("missing")))
        .isInstanceOf(ListFormatException.class).hasMessageContaining("no such file");
  }

  @Test
  void theShippedSampleLoadsInFull() throws Exception {
    ListSet set = Ut1Importer.importPath(SAMPLE);
    assertThat(set.categories()).containsKeys("gambling", "vpn", "doh", "publicite");
    assertThat(set.find("gambling").orElseThrow().domains()).hasSizeGreaterThan(30_000).contains("bet365.com");
    assertThat(set.find("ads").orElseThrow().name()).isEqualTo("publicite");
    assertThat(set.find("publicite").orElseThrow().expressions()).isNotEmpty();
    assertThat(set.find("gambling").orElseThrow().displayName("en")).startsWith("Gambling");
  }
}
