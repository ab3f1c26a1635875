package org.campusgate.policy;

/** What the gateway does with a request. */
public enum Action {
  ALLOW,
  BLOCK,
  /** The client must identify itself first (407 on the explicit proxy). */
  AUTH_REQUIRED
}
