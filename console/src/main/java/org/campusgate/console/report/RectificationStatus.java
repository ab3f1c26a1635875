package org.campusgate.console.report;

/** Where a rectification item stands. */
public enum RectificationStatus {
  /** Raised, not yet dealt with. */
  OPEN,
  /** The school says it is fixed; the inspector has not checked yet. */
  RECTIFIED,
  /** The inspector checked the fix (or withdrew the item). */
  CLOSED
}
