package org.campusgate.console.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.campusgate.console.api.ApiError;
import org.campusgate.console.db.TokenDao;

/**
 * Finds who is calling, before any resource runs: an {@code Authorization: Bearer} API token, or
 * the session cookie. A session's state-changing request must carry the session's CSRF token in
 * {@code X-CSRF-Token} (a page of another site can make the browser send the cookie, never the
 * header). Whether the caller may use the endpoint is {@link RoleCheck}'s job.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
  public static final String SESSION_COOKIE = "cg_session";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final int MAX_TOKEN_CHARS = 200;

  private final Sessions sessions;
  private final TokenDao tokens;

  public AuthenticationFilter(Sessions sessions, TokenDao tokens) {
    this.sessions = sessions;
    this.tokens = tokens;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    Optional<ConsoleUser> user;
    if (authorization != null) {
      user = bearer(authorization);
      if (user.isEmpty()) {
        request.abortWith(ApiError.response(Response.Status.UNAUTHORIZED, "bad-token",
            "the API token is unknown, revoked or malformed"));
        return;
      }
    } else {
      Cookie cookie = request.getCookies().get(SESSION_COOKIE);
      user = cookie == null ? Optional.empty() : sessions.find(cookie.getValue());
      if (user.isPresent() && !SAFE_METHODS.contains(request.getMethod())
          && !sameToken(user.get().csrfToken(), request.getHeaderString(CSRF_HEADER))) {
        request.abortWith(ApiError.response(Response.Status.FORBIDDEN, "csrf",
            "a state-changing request needs the session's X-CSRF-Token header"));
        return;
      }
    }
    if (user.isPresent()) {
      boolean secure = request.getSecurityContext().isSecure();
      request.setSecurityContext(new UserContext(user.get(), secure));
    }
  }

  private Optional<ConsoleUser> bearer(String authorization) {
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.length() > 7 + MAX_TOKEN_CHARS) {
      return Optional.empty();
    }
    String secret = authorization.substring(7).trim();
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    return tokens.findActiveByHash(TokenDao.hashOf(secret))
        .map(t -> new ConsoleUser("token:" + t.name(), t.role(), t.schoolId(), null, false));
  }

  private static boolean sameToken(String expected, String given) {
    return expected != null && given != null && MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
