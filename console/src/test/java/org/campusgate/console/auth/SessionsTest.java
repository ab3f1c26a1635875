package org.campusgate.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.campusgate.console.db.ConsoleRole;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-02T08:00:00Z"));
  private final Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(12), 100,
      nanos::get, now::get);
  private final ConsoleUser user = new ConsoleUser("ann", ConsoleRole.SCHOOL_ADMIN, "s1", "csrf", false);

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
    now.updateAndGet(i -> i.plus(d));
  }

  @Test
  void anIdleSessionEnds() {
    String id = sessions.start(user);
    advance(Duration.ofMinutes(29));
    assertThat(sessions.find(id)).contains(user);
    advance(Duration.ofMinutes(29));
    assertThat(sessions.find(id)).contains(user); // used within the idle time: still alive
    advance(Duration.ofMinutes(31));
    assertThat(sessions.find(id)).isEmpty();
  }

  @Test
  void aBusySessionStillEndsAtTheAbsoluteTimeout() {
    String id = sessions.start(user);
    for (int i = 0; i < 24; i++) {
      advance(Duration.ofMinutes(29));
      assertThat(sessions.find(id)).isPresent();
    }
    advance(Duration.ofMinutes(29)); // 11.6 h of steady use, then past 12 h
    assertThat(sessions.find(id)).isEmpty();
  }

  @Test
  void idsAreLongRandomAndForeignIdsFindNothing() {
    String a = sessions.start(user);
    String b = sessions.start(user);
    assertThat(a).isNotEqualTo(b).hasSizeGreaterThanOrEqualTo(43);
    assertThat(sessions.find("x".repeat(43))).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
    assertThat(sessions.find("y".repeat(5000))).isEmpty();
  }

  @Test
  void endingAllOfAUsersSessionsLeavesOthers() {
    String a = sessions.start(user);
    String b = sessions.start(new ConsoleUser("bob", ConsoleRole.INSPECTOR, null, "c", false));
    sessions.endAllOf("ann");
    assertThat(sessions.find(a)).isEmpty();
    assertThat(sessions.find(b)).isPresent();
  }
}
