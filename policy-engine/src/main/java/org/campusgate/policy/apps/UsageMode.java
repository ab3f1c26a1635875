package org.campusgate.policy.apps;

/** Whether the school requires the app of everyone or only recommends it. */
public enum UsageMode {
  UNIFORM_REQUIRED,
  RECOMMENDED
}
