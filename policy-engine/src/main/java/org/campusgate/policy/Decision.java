package org.campusgate.policy;

import java.util.Objects;

/**
 * The outcome of {@link PolicySnapshot#decide}: what to do, why, and what it rests on.
 *
 * @param action what the gateway does
 * @param reason the stable reason code
 * @param ruleId the policy rule that decided, or null when the policy's default did
 * @param category the category that decided (or, for a plain allow, the first the request falls
 *     in), or null
 * @param app the learning app the request maps to, or null
 * @param policyVersion the version of the snapshot that decided
 */
public record Decision(
    Action action, ReasonCode reason, String ruleId, String category, String app, long policyVersion) {

  public Decision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  public boolean allowed() {
    return action == Action.ALLOW;
  }
}
