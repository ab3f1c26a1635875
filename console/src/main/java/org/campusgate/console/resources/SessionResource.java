package org.campusgate.console.resources;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import org.campusgate.console.api.ApiError;
import org.campusgate.console.api.SessionView;
import org.campusgate.console.auth.AuthenticationFilter;
import org.campusgate.console.auth.BeforePasswordChange;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.auth.PasswordLogin;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.db.ConsoleAccount;

/**
 * Sign-in: {@code POST /api/v1/session} with a JSON username and password starts a session (an
 * HttpOnly, SameSite=Strict cookie; Secure over TLS) and answers the CSRF token; {@code GET} says
 * who is signed in; {@code DELETE} signs out; {@code POST /password} changes the password, which
 * a one-time password must do before anything else. Sign-in takes JSON only, so a form on
 * another site cannot sign a browser in.
 */
@Path("/v1/session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {
  /** Shortest password the console accepts. */
  public static final int MIN_PASSWORD = 12;
  private static final int MAX_PASSWORD = 200;

  private final ConsoleServices s;

  public SessionResource(ConsoleServices services) {
    this.s = services;
  }

  /** The sign-in form's fields. */
  public record Credentials(String username, String password) {}

  /** The password change form's fields. */
  public record PasswordChange(String current, String next) {}

  @POST
  @PermitAll
  @Consumes(MediaType.APPLICATION_JSON)
  public Response signIn(Credentials c, @Context HttpServletRequest http,
      @Context SecurityContext security) {
    if (c == null || c.username() == null || c.password() == null
        || c.password().length() > MAX_PASSWORD) {
      return ApiError.response(Response.Status.BAD_REQUEST, "bad-request",
          "send {\"username\": ..., \"password\": ...}");
    }
    PasswordLogin.Outcome outcome = s.login().attempt(c.username(), c.password().toCharArray(),
        http.getRemoteAddr());
    if (outcome instanceof PasswordLogin.Locked locked) {
      return Response.status(423).type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new ApiError("locked", "too many failed sign-ins; locked until " + locked.until(),
              java.util.List.of(Map.of("until", locked.until().toString())))).build();
    }
    if (!(outcome instanceof PasswordLogin.SignedIn in)) {
      return ApiError.response(Response.Status.UNAUTHORIZED, "bad-credentials",
          "unknown username or wrong password");
    }
    ConsoleAccount a = in.account();
    ConsoleUser user = new ConsoleUser(a.username(), a.role(), a.schoolId(),
        s.sessions().randomToken(), a.mustChangePassword());
    String id = s.sessions().start(user);
    return Response.ok(SessionView.of(user, s.localSchool()))
        .cookie(cookie(id, security.isSecure(), false)).build();
  }

  @GET
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  @BeforePasswordChange
  public SessionView whoAmI(@Context SecurityContext security) {
    return SessionView.of((ConsoleUser) security.getUserPrincipal(), s.localSchool());
  }

  @DELETE
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  @BeforePasswordChange
  public Response signOut(@CookieParam(AuthenticationFilter.SESSION_COOKIE) String id,
      @Context SecurityContext security) {
    s.sessions().end(id);
    return Response.noContent().cookie(cookie("", security.isSecure(), true)).build();
  }

  @POST
  @Path("/password")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  @BeforePasswordChange
  public Response changePassword(PasswordChange change,
      @CookieParam(AuthenticationFilter.SESSION_COOKIE) String id,
      @Context SecurityContext security, @Context HttpServletRequest http) {
    ConsoleUser user = (ConsoleUser) security.getUserPrincipal();
    if (user.viaToken()) {
      return ApiError.response(Response.Status.BAD_REQUEST, "no-password",
          "API tokens have no password");
    }
    if (change == null || change.current() == null || change.next() == null) {
      return ApiError.response(Response.Status.BAD_REQUEST, "bad-request",
          "send {\"current\": ..., \"next\": ...}");
    }
    String next = change.next();
    if (next.length() < MIN_PASSWORD || next.length() > MAX_PASSWORD) {
      return ApiError.response(Response.Status.BAD_REQUEST, "weak-password",
          "the new password must have " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
    if (next.equals(change.current()) || next.equalsIgnoreCase(user.name())) {
      return ApiError.response(Response.Status.BAD_REQUEST, "weak-password",
          "the new password must differ from the old one and from the username");
    }
    if (!(s.login().attempt(user.name(), change.current().toCharArray(), http.getRemoteAddr())
        instanceof PasswordLogin.SignedIn in)) {
      return ApiError.response(Response.Status.FORBIDDEN, "bad-credentials",
          "the current password is wrong");
    }
    s.db().accounts().changePassword(in.account().id(), s.hasher().hash(next.toCharArray()), false);
    s.adminLog().record(user.name(), "account.password", "account:" + user.name(),
        user.schoolId(), null, Map.of("changedBy", user.name()));
    // Other sessions of this account end; this one continues with a fresh CSRF token.
    s.sessions().endAllOf(user.name());
    ConsoleUser renewed = new ConsoleUser(user.name(), user.role(), user.schoolId(),
        s.sessions().randomToken(), false);
    String newId = s.sessions().start(renewed);
    return Response.ok(SessionView.of(renewed, s.localSchool()))
        .cookie(cookie(newId, security.isSecure(), false)).build();
  }

  private static NewCookie cookie(String value, boolean secure, boolean expire) {
    return new NewCookie.Builder(AuthenticationFilter.SESSION_COOKIE).value(value).path("/")
        .httpOnly(true).secure(secure).sameSite(NewCookie.SameSite.STRICT)
        .maxAge(expire ? 0 : -1).build();
  }
}
