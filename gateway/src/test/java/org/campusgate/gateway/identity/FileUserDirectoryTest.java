package org.campusgate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUserDirectoryTest {
  private static final String HASH = Fixtures.CHEAP.hash("pw".toCharArray());

  @Test
  void readsUsersCommentsBlankLinesAndDisabledOnes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("users.txt");
    Files.writeString(file, String.join("\n",
        "\uFEFF# CampusGate users",
        "",
        "  # indented comment",
        "Alice:" + HASH + ":staff, teachers:Alice Li: Head of Maths",
        "bob:!" + HASH + "::",
        "carol:" + HASH + ":students"), StandardCharsets.UTF_8);

    FileUserDirectory users = FileUserDirectory.load(file);

    assertThat(users.size()).isEqualTo(3);
    DirectoryUser alice = users.find("ALICE").orElseThrow();
    assertThat(alice.id()).isEqualTo("alice");
    assertThat(alice.displayName()).isEqualTo("Alice Li: Head of Maths");
    assertThat(alice.groups()).containsExactlyInAnyOrder("staff", "teachers");
    assertThat(alice.passwordHash()).isEqualTo(HASH);
    assertThat(alice.enabled()).isTrue();
    assertThat(alice.toString()).doesNotContain(HASH);
    DirectoryUser bob = users.find("bob").orElseThrow();
    assertThat(bob.enabled()).isFalse();
    assertThat(bob.passwordHash()).isEqualTo(HASH);
    assertThat(bob.groups()).isEmpty();
    assertThat(bob.displayName()).isEqualTo("bob");
    assertThat(users.find("carol").orElseThrow().groups()).isEqualTo(Set.of("students"));
    assertThat(users.find("dave")).isEmpty();
    assertThat(users.find("\u212Aarol")).isEmpty(); // Kelvin sign does not fold to 'k'
    assertThat(users.find(null)).isEmpty();
  }

  @Test
  void reportsEveryBadLineWithItsNumber() {
    List<String> lines = List.of(
        "# header",
        "alice:" + HASH + ":staff:Alice",
        "no-fields-here",
        "bad name:" + HASH + "::",
        "dave:$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$c2hvcnQ::",
        "erin:" + HASH + ":staff,,students:",
        "ALICE:" + HASH + ":students:Other Alice",
        "frank:" + HASH + ":staff:Frank\u0007");

    assertThatThrownBy(() -> FileUserDirectory.parse("users.txt", lines))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("users.txt: 6 problems, no user loaded")
        .hasMessageContaining("line 3: expected username:password-hash:groups")
        .hasMessageContaining("line 4: 'bad name' is not a valid username")
        .hasMessageContaining("line 5: user 'dave': the hash must be 16..64 bytes")
        .hasMessageContaining("line 6: user 'erin': '' is not a valid group name")
        .hasMessageContaining("line 7: user 'alice' is already defined on line 2")
        .hasMessageContaining("line 8: the line contains a control character");
  }

  @Test
  void capsTheReport() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      lines.add("x" + i);
    }
    assertThatThrownBy(() -> FileUserDirectory.parse("u", lines))
        .hasMessageContaining("25 problems")
        .hasMessageContaining("line 20:")
        .hasMessageNotContaining("line 21:")
        .hasMessageContaining("... and 5 more");
  }

  @Test
  void anEmptyFileIsAnEmptyDirectory() {
    assertThat(FileUserDirectory.parse("u", List.of("# nobody yet", "")).size()).isZero();
  }
}
