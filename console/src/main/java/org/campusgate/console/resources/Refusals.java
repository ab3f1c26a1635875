package org.campusgate.console.resources;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.campusgate.console.api.ApiError;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.console.db.ConstraintViolationException;

/** Runs a service call and answers its refusals as {@link ApiError}s with their status. */
final class Refusals {
  private Refusals() {}

  static <T> T answer(Supplier<T> call) {
    try {
      return call.get();
    } catch (RefusedRequest e) {
      throw new WebApplicationException(Response.status(e.status())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new ApiError(e.code(), e.getMessage(), e.details())).build());
    } catch (ConstraintViolationException e) {
      // a concurrent change got there first (the service checked before writing)
      throw Access.fail(Response.Status.CONFLICT, "conflict", e.getMessage());
    }
  }

  static void answer(Runnable call) {
    answer(() -> {
      call.run();
      return null;
    });
  }
}
