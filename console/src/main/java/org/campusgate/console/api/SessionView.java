package org.campusgate.console.api;

import org.campusgate.console.auth.ConsoleUser;

/** Who is signed in, and the CSRF token the page sends back on changes. */
public record SessionView(String user, String role, String school, String csrfToken,
    boolean mustChangePassword, String localSchool) {
  public static SessionView of(ConsoleUser u, String localSchool) {
    return new SessionView(u.name(), u.role().stableName(), u.schoolId(), u.csrfToken(),
        u.mustChangePassword(), localSchool);
  }
}
