package org.campusgate.policy.apps;

/** What an app in the catalogue is, for the decision order: only learning apps need filings. */
public enum AppKind {
  /** An education app: dual registration applies (RULES.md §1). */
  LEARNING,
  /** An online game: the minors' game hours apply. */
  GAME,
  /** Anything else the catalogue names (for reports); the ordinary URL policy decides. */
  OTHER
}
