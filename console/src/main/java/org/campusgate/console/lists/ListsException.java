package org.campusgate.console.lists;

/**
 * A list request refused for a reason the caller can fix: the HTTP status to answer, a stable
 * error code for the page, and a message for API users.
 */
public final class ListsException extends RuntimeException {
  private final int status;
  private final String code;

  public ListsException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
