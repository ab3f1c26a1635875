package org.campusgate.audit;

/** The order search results come in; ties on time are broken by sequence number. */
public enum SortOrder {
  NEWEST_FIRST,
  OLDEST_FIRST
}
