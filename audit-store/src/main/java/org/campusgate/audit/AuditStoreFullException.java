package org.campusgate.audit;

/**
 * The store refused an append because its queue is full and it runs {@link
 * OverflowMode#FAIL_CLOSED}, or because it is closed. Nothing of the refused batch was taken.
 */
public final class AuditStoreFullException extends RuntimeException {
  public AuditStoreFullException(String message) {
    super(message);
  }
}
