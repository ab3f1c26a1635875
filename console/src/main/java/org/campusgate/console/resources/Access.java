package org.campusgate.console.resources;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.campusgate.console.api.ApiError;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.db.ConsoleDatabase;

/** The per-school checks resources make after the role check: the school exists and the caller may act on it. */
final class Access {
  private Access() {}

  static ConsoleUser user(SecurityContext security) {
    return (ConsoleUser) security.getUserPrincipal();
  }

  /** The caller, when they may change {@code school}'s settings; else 404 or 403. */
  static ConsoleUser toAdminister(SecurityContext security, ConsoleDatabase db, String school) {
    ConsoleUser u = user(security);
    exists(db, school);
    if (!u.administers(school)) {
      throw fail(Response.Status.FORBIDDEN, "forbidden-school",
          u.name() + " may not change the settings of school " + school);
    }
    return u;
  }

  /** The caller, when they may read {@code school}'s settings; else 404 or 403. */
  static ConsoleUser toRead(SecurityContext security, ConsoleDatabase db, String school) {
    ConsoleUser u = user(security);
    exists(db, school);
    if (!u.reads(school)) {
      throw fail(Response.Status.FORBIDDEN, "forbidden-school",
          u.name() + " may not read school " + school);
    }
    return u;
  }

  static void exists(ConsoleDatabase db, String school) {
    if (school == null || school.length() > 64 || db.schools().find(school).isEmpty()) {
      throw fail(Response.Status.NOT_FOUND, "no-such-school", "there is no school " + school);
    }
  }

  static WebApplicationException fail(Response.Status status, String code, String message) {
    return new WebApplicationException(ApiError.response(status, code, message));
  }
}
