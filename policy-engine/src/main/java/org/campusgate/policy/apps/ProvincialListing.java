package org.campusgate.policy.apps;

/** Where a province's own list puts an app. */
public enum ProvincialListing {
  WHITE,
  GREY,
  BLACK
}
