package org.campusgate.policy.apps;

/** Features of an app that the rules look at (RULES.md §2). */
public enum AppFeature {
  PHOTO_SEARCH,
  GAMES,
  ADS,
  PAYMENTS,
  FACE_BIOMETRIC,
  CHAT,
  LIVE
}
