package org.campusgate.audit;

/** The time buckets of an aggregate; calendar buckets follow the query's time zone. */
public enum TimeBucket {
  /** No time grouping: one row per key over the whole range. */
  NONE,
  HOUR,
  DAY,
  MONTH
}
