package org.campusgate.console.resources;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.auth.UserContext;
import org.campusgate.console.db.ConsoleRole;

/**
 * Stands in for the sign-in in resource tests: the caller is named by an {@code X-Test-User:
 * <role> <name> [<school>]} header (an API-token-like principal), and {@code RoleCheck} decides
 * as in the application.
 */
@Priority(Priorities.AUTHENTICATION)
final class TestCallers implements ContainerRequestFilter {
  static final String HEADER = "X-Test-User";

  static String header(ConsoleRole role, String name, String school) {
    return role.stableName() + " " + name + (school == null ? "" : " " + school);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String h = request.getHeaderString(HEADER);
    if (h == null) {
      return;
    }
    String[] parts = h.split(" ");
    ConsoleUser user = new ConsoleUser(parts[1], ConsoleRole.fromStableName(parts[0]),
        parts.length > 2 ? parts[2] : null, null, false);
    request.setSecurityContext(new UserContext(user, false));
  }
}
