package org.campusgate.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.campusgate.gateway.identity.Fixtures.basic;
import static org.campusgate.gateway.identity.Fixtures.ip;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.campusgate.gateway.identity.Fixtures.CountingHasher;
import org.campusgate.gateway.identity.ProxyAuthenticator.Failure;
import org.campusgate.gateway.identity.ProxyAuthenticator.FailureReason;
import org.campusgate.gateway.identity.ProxyAuthenticator.Outcome;
import org.campusgate.gateway.identity.ProxyAuthenticator.Settings;
import org.campusgate.gateway.identity.ProxyAuthenticator.Success;
import org.campusgate.gateway.identity.ProxyAuthenticator.Throttled;
import org.campusgate.gateway.identity.ProxyAuthenticator.UnsupportedScheme;
import org.campusgate.gateway.testing.FakeTicker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProxyAuthenticatorTest {
  private static final InetAddress PC = ip("10.1.2.3");

  private final CountingHasher hasher = new CountingHasher(Fixtures.CHEAP);
  private final FakeTicker ticker = new FakeTicker();
  /** A directory that can change under the authenticator, like the console's will. */
  private final Map<String, DirectoryUser> users = new ConcurrentHashMap<>();
  private ProxyAuthenticator auth;

  @BeforeEach
  void setUp() {
    users.put("alice", user("alice", "s3cret: with colon", true));
    users.put("bob", user("bob", "bobpw", false));
    users.put("wang", user("wang", "密码🔑", true));
    auth = new ProxyAuthenticator(name -> Optional.ofNullable(users.get(name)), hasher,
        new Settings(Duration.ofMinutes(10), 100, 10, Duration.ofMinutes(5), 1000), ticker);
    hasher.verifies.set(0);
  }

  private static DirectoryUser user(String id, String password, boolean enabled) {
    return new DirectoryUser(id, id.toUpperCase(), Set.of("staff"),
        Fixtures.CHEAP.hash(password.toCharArray()), enabled);
  }

  @Test
  void goodCredentialsAreHashedOnceThenCached() {
    Outcome first = auth.authenticate(PC, basic("alice", "s3cret: with colon"));
    Outcome second = auth.authenticate(PC, basic("alice", "s3cret: with colon"));
    Outcome fromElsewhere = auth.authenticate(ip("10.9.9.9"), basic("alice", "s3cret: with colon"));

    assertThat(first).isInstanceOf(Success.class);
    assertThat(((Success) first).cached()).isFalse();
    assertThat(((Success) first).user().id()).isEqualTo("alice");
    assertThat(((Success) first).user().groups()).containsExactly("staff");
    assertThat(((Success) second).cached()).isTrue();
    assertThat(((Success) fromElsewhere).cached()).isTrue();
    assertThat(hasher.verifies).hasValue(1);
  }

  @Test
  void unicodePasswordsWork() {
    assertThat(auth.authenticate(PC, basic("wang", "密码🔑"))).isInstanceOf(Success.class);
  }

  @Test
  void theCacheExpires() {
    auth.authenticate(PC, basic("alice", "s3cret: with colon"));
    ticker.advance(Duration.ofMinutes(10).plusSeconds(1));
    Outcome again = auth.authenticate(PC, basic("alice", "s3cret: with colon"));
    assertThat(((Success) again).cached()).isFalse();
    assertThat(hasher.verifies).hasValue(2);
  }

  @Test
  void aChangedPasswordOrDisabledUserIsNotServedFromTheCache() {
    auth.authenticate(PC, basic("alice", "s3cret: with colon"));
    users.put("alice", user("alice", "new password", true));
    assertThat(auth.authenticate(PC, basic("alice", "s3cret: with colon")))
        .isEqualTo(new Failure("alice", FailureReason.WRONG_PASSWORD));

    auth.authenticate(PC, basic("alice", "new password"));
    DirectoryUser a = users.get("alice");
    users.put("alice", new DirectoryUser("alice", "A", a.groups(), a.passwordHash(), false));
    assertThat(auth.authenticate(PC, basic("alice", "new password")))
        .isEqualTo(new Failure("alice", FailureReason.DISABLED));
  }

  @Test
  void failuresSayWhyAndCostAHashEvenForUnknownUsers() {
    assertThat(auth.authenticate(PC, basic("alice", "wrong")))
        .isEqualTo(new Failure("alice", FailureReason.WRONG_PASSWORD));
    assertThat(auth.authenticate(PC, basic("mallory", "x")))
        .isEqualTo(new Failure("mallory", FailureReason.UNKNOWN_USER));
    assertThat(auth.authenticate(PC, basic("bob", "bobpw")))
        .isEqualTo(new Failure("bob", FailureReason.DISABLED));
    assertThat(hasher.verifies).hasValue(3);
    assertThat(auth.authenticate(PC, "Basic !!!"))
        .isEqualTo(new Failure("(malformed)", FailureReason.MALFORMED));
    assertThat(auth.authenticate(PC, basic("evil\u202Euser", "")))
        .isEqualTo(new Failure("evil?user", FailureReason.MALFORMED));
    assertThat(hasher.verifies).hasValue(3);
  }

  @Test
  void aBrokenHashInTheDirectoryIsAFailureNotAnException() {
    users.put("eve", new DirectoryUser("eve", "Eve", Set.of(), "$argon2id$broken", true));
    assertThat(auth.authenticate(PC, basic("eve", "pw")))
        .isEqualTo(new Failure("eve", FailureReason.WRONG_PASSWORD));
  }

  @Test
  void otherSchemesAreNeitherJudgedNorCounted() {
    for (int i = 0; i < 20; i++) {
      assertThat(auth.authenticate(PC, "Negotiate abc")).isEqualTo(new UnsupportedScheme("Negotiate"));
    }
    assertThat(auth.authenticate(PC, basic("alice", "s3cret: with colon"))).isInstanceOf(Success.class);
  }

  @Test
  void tenFailuresThrottleTheClientUntilTheWindowEnds() {
    for (int i = 0; i < 10; i++) {
      assertThat(auth.authenticate(PC, basic("alice", "guess" + i))).isInstanceOf(Failure.class);
      ticker.advance(Duration.ofSeconds(10));
    }
    int hashed = hasher.verifies.get();

    // 100 s after the first failure: 200 s of the window left; even good credentials wait
    assertThat(auth.authenticate(PC, basic("alice", "s3cret: with colon")))
        .isEqualTo(new Throttled(Duration.ofSeconds(200)));
    assertThat(auth.authenticate(PC, "Basic garbage!")).isInstanceOf(Throttled.class);
    assertThat(hasher.verifies).hasValue(hashed);

    // other clients are not affected
    assertThat(auth.authenticate(ip("10.1.2.4"), basic("alice", "s3cret: with colon")))
        .isInstanceOf(Success.class);

    ticker.advance(Duration.ofSeconds(199));
    assertThat(auth.authenticate(PC, basic("alice", "x"))).isEqualTo(new Throttled(Duration.ofSeconds(1)));
    ticker.advance(Duration.ofSeconds(1));
    assertThat(auth.authenticate(PC, basic("alice", "s3cret: with colon"))).isInstanceOf(Success.class);
  }

  @Test
  void aThrottledClientCannotGuessAgainstTheCache() {
    auth.authenticate(PC, basic("alice", "s3cret: with colon")); // cached now
    for (int i = 0; i < 10; i++) {
      auth.authenticate(PC, basic("alice", "guess" + i));
    }
    assertThat(auth.authenticate(PC, basic("alice", "s3cret: with colon"))).isInstanceOf(Throttled.class);
  }

  @Test
  void ipv6ClientsAreCountedPerSlash64AndMappedIpv4AsIpv4() {
    List<String> sameNet = List.of("2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2:ffff::9");
    for (int i = 0; i < 10; i++) {
      auth.authenticate(ip(sameNet.get(i % 3)), "Basic bad!");
    }
    assertThat(auth.authenticate(ip("2001:db8:1:2::77"), "Basic bad!")).isInstanceOf(Throttled.class);
    assertThat(auth.authenticate(ip("2001:db8:1:3::1"), "Basic bad!")).isInstanceOf(Failure.class);

    for (int i = 0; i < 10; i++) {
      auth.authenticate(PC, "Basic bad!");
    }
    InetAddress mapped = Inet6.mapped(PC);
    assertThat(auth.authenticate(mapped, "Basic bad!")).isInstanceOf(Throttled.class);
  }

  @Test
  void defaultsAreThoseOfTheBrief() {
    Settings d = Settings.defaults();
    assertThat(d.cacheTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(d.maxFailures()).isEqualTo(10);
    assertThat(d.failureWindow()).isEqualTo(Duration.ofMinutes(5));
  }
}
