package org.campusgate.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayKeysTest {

  @TempDir Path dir;

  @Test
  void savesAndLoadsKeysWithPrivateFileMode0600() throws IOException {
    GatewayKeys keys = GatewayKeys.generate("campusgate/gw-1");
    Path priv = dir.resolve("gw.key");
    Path pub = dir.resolve("gw.pub");
    keys.savePrivateKey(priv);
    keys.saveVerifierKey(pub);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(priv)).startsWith("PRIVATE+KEY+campusgate/gw-1+").endsWith("\n");
    assertThat(Files.readString(pub)).isEqualTo(keys.verifierKey().text() + "\n");
    GatewayKeys loaded = GatewayKeys.load(priv);
    assertThat(loaded.verifierKey()).isEqualTo(keys.verifierKey());
    assertThat(GatewayKeys.loadVerifierKey(pub)).isEqualTo(keys.verifierKey());
    assertThat(keys.toString()).doesNotContain("PRIVATE");
    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("gw.key", "gw.pub");
  }

  @Test
  void neverOverwritesAKey() throws IOException {
    Path priv = dir.resolve("gw.key");
    GatewayKeys.generate("a").savePrivateKey(priv);
    assertThatThrownBy(() -> GatewayKeys.generate("b").savePrivateKey(priv))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(GatewayKeys.load(priv).name()).isEqualTo("a");
  }

  @Test
  void loadingReportsWhatIsWrong() throws IOException {
    Path priv = dir.resolve("gw.key");
    GatewayKeys.generate("gw").savePrivateKey(priv);
    String good = Files.readString(priv).trim();

    Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> GatewayKeys.load(priv)).hasMessageContaining("chmod 600");
    Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));

    assertBadKey(priv, good.replace("PRIVATE+KEY+", "PUBLIC+KEY+"), "starts with PRIVATE+KEY+");
    String[] p = good.split("\\+", 5);
    assertBadKey(priv, "PRIVATE+KEY+gw+" + p[3], "five parts");
    assertBadKey(priv, "PRIVATE+KEY+other+" + p[3] + "+" + p[4], "does not match");
    assertBadKey(priv, "PRIVATE+KEY+gw+" + p[3] + "+" + p[4].substring(1), "base64");
    assertBadKey(priv, "PRIVATE+KEY+gw+XYZ+" + p[4], "8 lowercase hex digits");
    assertBadKey(priv, good + "\n" + good, "exactly one line");
  }

  private static void assertBadKey(Path file, String content, String message) throws IOException {
    Files.writeString(file, content);
    assertThatThrownBy(() -> GatewayKeys.load(file))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(content));
  }
}
