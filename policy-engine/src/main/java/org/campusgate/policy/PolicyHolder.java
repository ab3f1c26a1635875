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
   * Puts {@code next} in force: a newer policy version, or the same version with a newer app
   * register.
   *
   * @return the snapshot it replaced
   * @throws IllegalArgumentException when {@code next} is not newer than the one in force
   */
  public PolicySnapshot publish(PolicySnapshot next) {
    Objects.requireNonNull(next, "next");
    while (true) {
      PolicySnapshot previous = current.get();
      boolean newerRegister = next.version() == previous.version()
          && next.register().revision() > previous.register().revision();
      if (next.version() <= previous.version() && !newerRegister) {
        throw new IllegalArgumentException("policy version " + next.version()
            + " (register " + next.register().revision() + ") is not newer than the one in force ("
            + previous.version() + ", register " + previous.register().revision() + ")");
      }
      if (current.compareAndSet(previous, next)) {
        return previous;
      }
    }
  }
}
