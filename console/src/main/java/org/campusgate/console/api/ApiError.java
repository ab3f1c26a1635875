package org.campusgate.console.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The body of every error answer: a stable code the UI translates, an English message for API
 * users, and details (e.g. policy errors with their lines) when there are any.
 */
public record ApiError(String error, String message, List<?> details) {
  public ApiError(String error, String message) {
    this(error, message, List.of());
  }

  public static Response response(Response.Status status, String error, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError(error, message)).build();
  }
}
