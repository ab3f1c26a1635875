package org.campusgate.console.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The security context of a request whose caller is known: roles are the caller's one role. */
public record UserContext(ConsoleUser user, boolean secure) implements SecurityContext {
  @Override
  public Principal getUserPrincipal() {
    return user;
  }

  @Override
  public boolean isUserInRole(String role) {
    return user.role().stableName().equals(role);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return user.viaToken() ? "Bearer" : FORM_AUTH;
  }
}
