package org.campusgate.audit;

/** What {@link AuditStore#append} does when the writer cannot keep up and its queue is full. */
public enum OverflowMode {
  /** Refuse the append with {@link AuditStoreFullException}: the gateway shows an error page. */
  FAIL_CLOSED,
  /** Write the events to an overflow journal on disk; they are ingested once the writer catches up. */
  SPOOL
}
