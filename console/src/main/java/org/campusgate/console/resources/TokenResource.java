package org.campusgate.console.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.tokens.ApiTokens;

/**
 * API tokens, for scripts ({@code Authorization: Bearer cgt_...}): district admins list, issue
 * and revoke them. Issuing answers the secret once. A token cannot issue or revoke tokens, so a
 * leaked token cannot make itself a successor.
 */
@Path("/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
public final class TokenResource {
  private final ApiTokens tokens;

  public TokenResource(ConsoleServices services) {
    this.tokens = new ApiTokens(services.db(), services.adminLog());
  }

  @GET
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public List<ApiTokens.TokenView> list() {
    return tokens.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public Response issue(ApiTokens.TokenInput body, @Context SecurityContext sc) {
    ConsoleUser u = signedIn(sc);
    ApiTokens.Issued issued = Refusals.answer(() -> tokens.issue(u.name(), body));
    return Response.status(Response.Status.CREATED).entity(issued).build();
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public ApiTokens.TokenView revoke(@PathParam("id") long id, @Context SecurityContext sc) {
    ConsoleUser u = signedIn(sc);
    return Refusals.answer(() -> tokens.revoke(u.name(), id));
  }

  private static ConsoleUser signedIn(SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    if (u.viaToken()) {
      throw Access.fail(Response.Status.FORBIDDEN, "session-required",
          "tokens are issued and revoked by a signed-in district admin, not by a token");
    }
    return u;
  }
}
