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
 * @param app the id of the catalogue app the request maps to, or null
 * @param policyVersion the version of the snapshot that decided
 * @param appName the app's display name, or null
 * @param providerFiling the provider filing number the decision used, or null
 * @param userFiling the school's user filing id the decision used, or null
 * @param notice what the decision raises for the district, or null
 */
public record Decision(
    Action action, ReasonCode reason, String ruleId, String category, String app, long policyVersion,
    String appName, String providerFiling, String userFiling, AppNotice notice) {

  public Decision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
  }

  /** A decision that involves no app. */
  public Decision(Action action, ReasonCode reason, String ruleId, String category, String app,
      long policyVersion) {
    this(action, reason, ruleId, category, app, policyVersion, null, null, null, null);
  }

  public boolean allowed() {
    return action == Action.ALLOW;
  }
}
