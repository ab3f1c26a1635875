package org.campusgate.audit.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.campusgate.audit.EventIds;
import org.campusgate.audit.IdentityEvent;
import org.campusgate.audit.IdentityEvent.Kind;
import org.campusgate.audit.IpHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityIndexTest {
  static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");

  @TempDir Path dir;
  IdentityIndex index;
  final EventIds ids = new EventIds(new Random(1));
  long seq;

  @BeforeEach
  void open() throws IOException {
    index = IdentityIndex.open(dir);
  }

  @AfterEach
  void close() throws IOException {
    index.close();
  }

  IdentityEvent event(int minutes, Kind kind, String user, String address) throws IOException {
    Instant at = T0.plus(Duration.ofMinutes(minutes));
    IdentityEvent e = new IdentityEvent(ids.next(at), at, "school-1", "gw-1", kind, user,
        List.of(user + "-group"), address, "proxy-basic", null);
    assertThat(index.add(seq++, e)).isTrue();
    return e;
  }

  Optional<String> who(String ip, int minutes) throws IOException {
    index.refresh();
    return index.whoHad(ip, T0.plus(Duration.ofMinutes(minutes))).map(IpHolder::userId);
  }

  @Test
  void loginLogoutAndReloginByAnotherUser() throws IOException {
    IdentityEvent login = event(0, Kind.LOGIN, "alice", "10.1.2.3");
    event(30, Kind.LOGOUT, "alice", "10.1.2.3");
    event(40, Kind.LOGIN, "bob", "10.1.2.3");
    assertThat(who("10.1.2.3", -1)).isEmpty(); // before any event
    assertThat(who("10.1.2.3", 0)).contains("alice"); // at the login itself
    assertThat(who("10.1.2.3", 29)).contains("alice");
    assertThat(who("10.1.2.3", 30)).isEmpty();
    assertThat(who("10.1.2.3", 41)).contains("bob");
    assertThat(who("10.1.2.4", 10)).isEmpty();
    IpHolder h = index.whoHad("10.1.2.3", T0.plusSeconds(60)).orElseThrow();
    assertThat(h).isEqualTo(new IpHolder("alice", List.of("alice-group"), login.timestamp(),
        Kind.LOGIN, "10.1.2.3", login.eventId()));
  }

  @Test
  void aFailedLoginNeverGrants() throws IOException {
    event(0, Kind.LOGIN_FAILED, "mallory", "10.1.2.3");
    assertThat(who("10.1.2.3", 5)).isEmpty();
    event(10, Kind.LOGIN, "alice", "10.1.2.3");
    event(20, Kind.LOGIN_FAILED, "mallory", "10.1.2.3");
    assertThat(who("10.1.2.3", 25)).contains("alice");
  }

  @Test
  void longestPrefixBindingWinsAndLoginsBeatBindings() throws IOException {
    event(0, Kind.BINDING_ADDED, "lab", "10.1.2.0/24");
    event(5, Kind.BINDING_ADDED, "kiosk", "10.1.2.50");
    assertThat(who("10.1.2.7", 10)).contains("lab");
    assertThat(who("10.1.2.50", 10)).contains("kiosk"); // a /32 beats the /24
    assertThat(who("10.1.3.7", 10)).isEmpty();
    event(20, Kind.LOGIN, "alice", "10.1.2.7");
    assertThat(who("10.1.2.7", 21)).contains("alice");
    event(30, Kind.LOGOUT, "alice", "10.1.2.7");
    assertThat(who("10.1.2.7", 31)).contains("lab"); // after the logout the binding applies
    event(40, Kind.BINDING_REMOVED, "kiosk", "10.1.2.50/32");
    assertThat(who("10.1.2.50", 41)).contains("lab");
    assertThat(who("10.1.2.50", 39)).contains("kiosk"); // history is kept
    event(50, Kind.BINDING_ADDED, "lab2", "10.1.2.0/24");
    assertThat(who("10.1.2.9", 51)).contains("lab2"); // same prefix: the latest wins
  }

  @Test
  void ipv6AndItsSpellings() throws IOException {
    event(0, Kind.BINDING_ADDED, "v6lab", "2001:db8:0:1::/64");
    event(1, Kind.LOGIN, "carol", "2001:DB8:0:0:0:0:0:1");
    assertThat(who("2001:db8::1", 2)).contains("carol");
    assertThat(who("2001:db8:0:1::abcd", 2)).contains("v6lab");
    assertThat(who("2001:db8:0:2::1", 2)).isEmpty();
    event(3, Kind.LOGIN, "dave", "10.9.9.9");
    assertThat(who("::ffff:10.9.9.9", 4)).contains("dave");
  }

  @Test
  void garbageAddressesAreRejected() {
    for (String bad : List.of("", "banana", "10.1.2", "10.1.2.300", "10.1.2.0/24", "1",
        "10.*.1.1", "::g")) {
      assertThatThrownBy(() -> index.whoHad(bad, T0)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void seqsByRangeAndUser() throws IOException {
    event(0, Kind.LOGIN, "alice", "10.0.0.1");
    event(1, Kind.LOGIN, "bob", "10.0.0.2");
    event(2, Kind.LOGOUT, "alice", "10.0.0.1");
    event(3, Kind.BINDING_ADDED, "alice", "bad address"); // kept, never matches whoHad
    index.refresh();
    Instant to = T0.plus(Duration.ofMinutes(3));
    assertThat(index.seqs(T0, to, null, 100)).containsExactly(0L, 1L, 2L);
    assertThat(index.seqs(T0, to.plusSeconds(1), "alice", 100)).containsExactly(0L, 2L, 3L);
    assertThat(index.seqs(T0, to, "alice", 1)).containsExactly(0L);
  }

  @Test
  void replayAfterCrashDoesNotDuplicate() throws IOException {
    List<IdentityEvent> journal = List.of(event(0, Kind.LOGIN, "alice", "10.0.0.1"),
        event(1, Kind.LOGIN, "bob", "10.0.0.2"));
    index.commit(1);
    IdentityEvent lost = event(2, Kind.LOGOUT, "alice", "10.0.0.1");
    index.close(); // no commit: rolled back
    index = IdentityIndex.open(dir);
    assertThat(index.committedSeq()).isEqualTo(1);
    assertThat(index.add(0, journal.get(0))).isFalse();
    assertThat(index.add(1, journal.get(1))).isFalse();
    assertThat(who("10.0.0.1", 3)).contains("alice");
    assertThat(index.add(2, lost)).isTrue();
    assertThat(who("10.0.0.1", 3)).isEmpty();
  }

  @Test
  void retentionKeepsWhatIsStillInForce() throws IOException {
    event(0, Kind.BINDING_ADDED, "lab", "10.1.2.0/24");
    event(1, Kind.LOGIN, "alice", "10.5.5.5");
    event(2, Kind.LOGIN, "bob", "10.6.6.6");
    event(3, Kind.LOGOUT, "bob", "10.6.6.6");
    event(100, Kind.LOGIN, "carol", "10.7.7.7");
    index.deleteBefore(T0.plus(Duration.ofMinutes(50)));
    index.commit(seq - 1);
    index.refresh();
    assertThat(index.seqs(T0, T0.plus(Duration.ofDays(1)), null, 100))
        .containsExactly(0L, 1L, 4L);
    assertThat(who("10.1.2.3", 200)).contains("lab");
    assertThat(who("10.5.5.5", 200)).contains("alice");
    assertThat(who("10.7.7.7", 200)).contains("carol");
  }
}
