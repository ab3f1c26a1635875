package org.campusgate.console.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.campusgate.console.register.RegisterInputs.NoteInput;
import org.campusgate.console.register.RegisterInputs.UserFilingInput;
import org.campusgate.console.register.RegisterService;
import org.campusgate.console.register.RegisterViews.UserFilingView;

/**
 * A school's own filings of the learning apps it uses (使用者备案) and their workflow: the
 * school's admins draft, submit and withdraw; a district admin, acting for the supervising
 * department, confirms or rejects. Inspectors and responders (of the school) read them. A
 * withdrawal is in force in the running gateway when the answer comes.
 */
@Path("/v1/schools/{school}/user-filings")
@Produces(MediaType.APPLICATION_JSON)
public final class RegisterFilingsResource {
  private final ConsoleServices s;

  public RegisterFilingsResource(ConsoleServices services) {
    this.s = services;
  }

  private RegisterService register() {
    return s.register();
  }

  @GET
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public List<UserFilingView> list(@PathParam("school") String school, @Context SecurityContext sc) {
    Access.toRead(sc, s.db(), school);
    return register().userFilings(school);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public Response create(@PathParam("school") String school, UserFilingInput body,
      @Context SecurityContext sc) {
    ConsoleUser u = Access.toAdminister(sc, s.db(), school);
    UserFilingView created = Refusals.answer(() -> register().createUserFiling(u, school, body));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public UserFilingView get(@PathParam("school") String school, @PathParam("id") String id,
      @Context SecurityContext sc) {
    Access.toRead(sc, s.db(), school);
    return Refusals.answer(() -> register().userFiling(school, id));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public UserFilingView edit(@PathParam("school") String school, @PathParam("id") String id,
      UserFilingInput body, @Context SecurityContext sc) {
    ConsoleUser u = Access.toAdminister(sc, s.db(), school);
    return Refusals.answer(() -> register().editUserFiling(u, school, id, body));
  }

  @POST
  @Path("/{id}/submit")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public UserFilingView submit(@PathParam("school") String school, @PathParam("id") String id,
      @Context SecurityContext sc) {
    ConsoleUser u = Access.toAdminister(sc, s.db(), school);
    return Refusals.answer(() -> register().submit(u, school, id));
  }

  @POST
  @Path("/{id}/confirm")
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public UserFilingView confirm(@PathParam("school") String school, @PathParam("id") String id,
      @Context SecurityContext sc) {
    ConsoleUser u = Access.toAdminister(sc, s.db(), school);
    return Refusals.answer(() -> register().confirm(u, school, id));
  }

  @POST
  @Path("/{id}/reject")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public UserFilingView reject(@PathParam("school") String school, @PathParam("id") String id,
      NoteInput body, @Context SecurityContext sc) {
    ConsoleUser u = Access.toAdminister(sc, s.db(), school);
    return Refusals.answer(() -> register().reject(u, school, id, body == null ? null : body.reason()));
  }

  @POST
  @Path("/{id}/withdraw")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public UserFilingView withdraw(@PathParam("school") String school, @PathParam("id") String id,
      NoteInput body, @Context SecurityContext sc) {
    ConsoleUser u = Access.toAdminister(sc, s.db(), school);
    return Refusals.answer(() -> register().withdraw(u, school, id, body == null ? null : body.reason()));
  }
}
