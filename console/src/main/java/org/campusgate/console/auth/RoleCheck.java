package org.campusgate.console.auth;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Set;
import org.campusgate.console.api.ApiError;

/**
 * Enforces what each endpoint declares: {@code @PermitAll}, or {@code @RolesAllowed} (401 without
 * a caller, 403 for a caller of another role, 403 {@code password-change-required} for a session
 * still on its one-time password unless the method is {@link BeforePasswordChange}). An endpoint
 * that declares neither answers 403 to everyone: forgetting the declaration fails closed.
 */
public final class RoleCheck implements DynamicFeature {
  @Override
  public void configure(ResourceInfo info, FeatureContext context) {
    Method method = info.getResourceMethod();
    if (method.isAnnotationPresent(PermitAll.class)) {
      return;
    }
    RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
    if (roles == null) {
      roles = info.getResourceClass().getAnnotation(RolesAllowed.class);
    }
    context.register(new Filter(roles == null ? Set.of() : Set.of(roles.value()),
        method.isAnnotationPresent(BeforePasswordChange.class)));
  }

  @Priority(Priorities.AUTHORIZATION)
  private static final class Filter implements ContainerRequestFilter {
    private final Set<String> roles;
    private final boolean beforePasswordChange;

    Filter(Set<String> roles, boolean beforePasswordChange) {
      this.roles = roles;
      this.beforePasswordChange = beforePasswordChange;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      if (!(request.getSecurityContext().getUserPrincipal() instanceof ConsoleUser user)) {
        request.abortWith(ApiError.response(Response.Status.UNAUTHORIZED, "unauthenticated",
            "sign in or send an API token"));
        return;
      }
      if (!roles.contains(user.role().stableName())) {
        request.abortWith(ApiError.response(Response.Status.FORBIDDEN, "forbidden",
            "the role " + user.role() + " may not use this endpoint"));
        return;
      }
      if (user.mustChangePassword() && !beforePasswordChange) {
        request.abortWith(ApiError.response(Response.Status.FORBIDDEN, "password-change-required",
            "choose a new password first"));
      }
    }
  }
}
