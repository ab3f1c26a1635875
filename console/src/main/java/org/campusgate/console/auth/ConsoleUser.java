package org.campusgate.console.auth;

import java.security.Principal;
import java.util.Objects;
import org.campusgate.console.db.ConsoleRole;

/**
 * Who is calling: a signed-in account (browser session) or an API token.
 *
 * @param name the account's username, or {@code token:<name>} for a token
 * @param schoolId the school a school-admin (or school-bound responder/token) belongs to; null
 *     for district-wide
 * @param csrfToken the session's CSRF token; null for API tokens (not sent by browsers)
 * @param mustChangePassword the session may only change its password until it has
 */
public record ConsoleUser(String name, ConsoleRole role, String schoolId, String csrfToken,
    boolean mustChangePassword) implements Principal {

  public ConsoleUser {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }

  @Override
  public String getName() {
    return name;
  }

  public boolean viaToken() {
    return csrfToken == null;
  }

  /** May change this school's policy, lists, people and bindings. */
  public boolean administers(String school) {
    return role == ConsoleRole.DISTRICT_ADMIN
        || (role == ConsoleRole.SCHOOL_ADMIN && school != null && school.equals(schoolId));
  }

  /** May read this school's settings and aggregates. */
  public boolean reads(String school) {
    return switch (role) {
      case DISTRICT_ADMIN, INSPECTOR -> true;
      case SCHOOL_ADMIN, RESPONDER -> schoolId == null || schoolId.equals(school);
    };
  }
}
