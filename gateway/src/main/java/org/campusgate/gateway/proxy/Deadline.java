package org.campusgate.gateway.proxy;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline that a connection moves several times per request (head timeout, idle timeout,
 * origin response timeout), watched by at most one scheduled task. Moving it is a field write;
 * the task, when it wakes before the deadline, sleeps again for the rest. Cancelling and
 * scheduling a task on every move would cost two priority-queue operations each time, which at
 * tens of thousands of requests a second is a visible share of the event loop.
 *
 * <p>The task never sleeps longer than {@code maxSleep}, so a deadline moved closer than the
 * task's wake-up (idle → head) is seen in time without rescheduling; only a deadline closer than
 * that reschedules. Used on its event loop only.
 */
final class Deadline {
  private final EventExecutor executor;
  private final long maxSleepNanos;
  private final Runnable onExpiry;
  private boolean armed;
  private long deadline;
  private long wakesAt;
  private ScheduledFuture<?> task;

  /**
   * @param maxSleepNanos the longest the watching task sleeps: the shortest timeout the caller
   *     arms, so that no move asks for a reschedule
   */
  Deadline(EventExecutor executor, long maxSleepNanos, Runnable onExpiry) {
    if (maxSleepNanos <= 0) {
      throw new IllegalArgumentException("maxSleepNanos must be positive");
    }
    this.executor = executor;
    this.maxSleepNanos = maxSleepNanos;
    this.onExpiry = onExpiry;
  }

  /** Expires {@code nanos} from now, unless moved or disarmed before. */
  void arm(long nanos) {
    long now = executor.ticker().nanoTime();
    armed = true;
    deadline = now + nanos;
    if (task == null || wakesAt - deadline > 0) {
      stopTask();
      sleep(now, nanos);
    }
  }

  /** Nothing expires; a sleeping task ends when it wakes. */
  void disarm() {
    armed = false;
  }

  boolean armed() {
    return armed;
  }

  /** Disarms and drops the task at once (the connection is gone). */
  void cancel() {
    armed = false;
    stopTask();
  }

  private void sleep(long now, long nanos) {
    long d = Math.min(nanos, maxSleepNanos);
    wakesAt = now + d;
    task = executor.schedule(this::wake, d, TimeUnit.NANOSECONDS);
  }

  private void wake() {
    task = null;
    if (!armed) {
      return;
    }
    long now = executor.ticker().nanoTime();
    long left = deadline - now;
    if (left > 0) {
      sleep(now, left);
    } else {
      armed = false;
      onExpiry.run();
    }
  }

  private void stopTask() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }
}
