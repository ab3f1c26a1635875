package org.campusgate.policy;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the policy snapshot in force and swaps it atomically. A request reads {@link #current()}
 * once and decides with that snapshot to the end, so requests in flight finish under the policy
 * they started with. Versions only go up, so every recorded decision names a unique policy.
 */
public final class PolicyHolder {
  private final AtomicReference<PolicySnapshot> current;

  public PolicyHolder(PolicySnapshot initial) {
    this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
  }

  public PolicySnapshot current() {
    return current.get();
  }

  /**
   * Puts {@code next} in force.
   *
   * @return the snapshot it replaced
   * @throws IllegalArgumentException when {@code next} is not newer than the one in force
   */
  public PolicySnapshot publish(PolicySnapshot next) {
    Objects.requireNonNull(next, "next");
    while (true) {
      PolicySnapshot previous = current.get();
      if (next.version() <= previous.version()) {
        throw new IllegalArgumentException("policy version " + next.version()
            + " is not newer than the one in force (" + previous.version() + ")");
      }
      if (current.compareAndSet(previous, next)) {
        return previous;
      }
    }
  }
}
