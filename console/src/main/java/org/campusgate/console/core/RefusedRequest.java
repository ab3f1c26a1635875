package org.campusgate.console.core;

import java.util.List;

/**
 * A request a service refuses: the HTTP status and the stable error code the API answers (the UI
 * translates the code), an English message, and details such as the CSV lines at fault.
 */
public final class RefusedRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient List<?> details;

  public RefusedRequest(int status, String code, String message, List<?> details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  public RefusedRequest(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public static RefusedRequest invalid(String code, String message) {
    return new RefusedRequest(400, code, message);
  }

  public static RefusedRequest notFound(String code, String message) {
    return new RefusedRequest(404, code, message);
  }

  public static RefusedRequest conflict(String code, String message) {
    return new RefusedRequest(409, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<?> details() {
    return details;
  }
}
