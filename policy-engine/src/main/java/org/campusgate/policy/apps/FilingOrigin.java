package org.campusgate.policy.apps;

/** Why a school uses an app. */
public enum FilingOrigin {
  SELF_SELECTED,
  SELF_DEVELOPED,
  SUPERIOR_REQUIRED
}
