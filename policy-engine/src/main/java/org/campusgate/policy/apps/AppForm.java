package org.campusgate.policy.apps;

/** The form a filed app takes. */
public enum AppForm {
  APP,
  MINI_PROGRAM,
  WEB,
  H5,
  ENTERPRISE_ACCOUNT
}
