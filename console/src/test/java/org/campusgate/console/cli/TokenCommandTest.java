package org.campusgate.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.campusgate.console.db.ApiToken;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.db.TokenDao;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code campusgate token create} on the database a configuration names, with the console not running. */
class TokenCommandTest {
  @TempDir
  Path home;

  private record Result(int code, String out, String err) {}

  private Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = CampusGate.standard().run(args, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path config() throws Exception {
    Path file = home.resolve("console.yaml");
    Files.writeString(file, "database:\n  embeddedDir: var/console\n");
    return file;
  }

  @Test
  void printsANewTokenOnceAndStoresOnlyItsHash() throws Exception {
    Result r = run("token", "create", "--role", "inspector", "--name", "monthly-report",
        "--config", config().toString(), "--home", home.toString(), "--lang", "en");
    assertThat(r.code()).isZero();
    String secret = r.out().strip();
    assertThat(secret).startsWith("cgt_").hasSizeGreaterThan(40);
    assertThat(r.err()).contains("monthly-report").contains("inspector");
    try (ConsoleDatabase db = ConsoleDatabase.openEmbedded(home.resolve("var/console"))) {
      ApiToken token = db.tokens().findActiveByHash(TokenDao.hashOf(secret)).orElseThrow();
      assertThat(token.role()).isEqualTo(ConsoleRole.INSPECTOR);
      assertThat(token.name()).isEqualTo("monthly-report");
      assertThat(db.adminLog().page(null, 0, 10)).singleElement()
          .satisfies(a -> {
            assertThat(a.actor()).isEqualTo("cli");
            assertThat(a.action()).isEqualTo("token.create");
            assertThat(a.afterJson()).doesNotContain(secret);
          });
    }
  }

  @Test
  void refusesASchoolAdminTokenWithoutASchool() throws Exception {
    Result r = run("token", "create", "--role", "school-admin", "--name", "x",
        "--config", config().toString(), "--home", home.toString());
    assertThat(r.code()).isEqualTo(CampusGate.EXIT_INVALID);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("school");
  }
}
