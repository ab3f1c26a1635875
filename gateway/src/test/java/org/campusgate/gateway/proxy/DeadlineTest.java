package org.campusgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final AtomicInteger expired = new AtomicInteger();

  DeadlineTest() {
    channel.freezeTime();
  }

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private Deadline deadline(long maxSleepSeconds) {
    return new Deadline(channel.eventLoop(), TimeUnit.SECONDS.toNanos(maxSleepSeconds),
        expired::incrementAndGet);
  }

  private void advance(long seconds) {
    channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
    channel.runScheduledPendingTasks();
  }

  @Test
  void expiresOnceWhenNotMoved() {
    Deadline d = deadline(10);
    d.arm(TimeUnit.SECONDS.toNanos(10));
    advance(9);
    assertThat(expired).hasValue(0);
    advance(1);
    assertThat(expired).hasValue(1);
    assertThat(d.armed()).isFalse();
    advance(60);
    assertThat(expired).hasValue(1);
  }

  @Test
  void movingTheDeadlineLaterPostponesExpiry() {
    Deadline d = deadline(10);
    d.arm(TimeUnit.SECONDS.toNanos(10));
    advance(6);
    d.arm(TimeUnit.SECONDS.toNanos(10)); // now due at 16 s
    advance(6);
    assertThat(expired).hasValue(0);
    advance(4);
    assertThat(expired).hasValue(1);
  }

  @Test
  void longerDeadlinesAreWatchedInSteps() {
    Deadline d = deadline(10);
    d.arm(TimeUnit.SECONDS.toNanos(60));
    advance(10);
    advance(10);
    advance(30);
    assertThat(expired).hasValue(0);
    advance(10);
    assertThat(expired).hasValue(1);
  }

  @Test
  void movingTheDeadlineCloserThanTheSleepingWatcherIsStillSeenInTime() {
    Deadline d = deadline(60);
    d.arm(TimeUnit.SECONDS.toNanos(60));
    d.arm(TimeUnit.SECONDS.toNanos(1));
    advance(1);
    assertThat(expired).hasValue(1);
  }

  @Test
  void disarmedOrCancelledDeadlinesNeverExpire() {
    Deadline d = deadline(10);
    d.arm(TimeUnit.SECONDS.toNanos(10));
    d.disarm();
    advance(20);
    d.arm(TimeUnit.SECONDS.toNanos(10));
    d.cancel();
    advance(20);
    assertThat(expired).hasValue(0);
    d.arm(TimeUnit.SECONDS.toNanos(5)); // usable again after a disarm
    advance(5);
    assertThat(expired).hasValue(1);
  }
}
