package org.campusgate.console.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.people.PeopleImport;
import org.campusgate.console.people.PeopleService;
import org.campusgate.console.people.PeopleViews.BindingInput;
import org.campusgate.console.people.PeopleViews.BindingView;
import org.campusgate.console.people.PeopleViews.GroupInput;
import org.campusgate.console.people.PeopleViews.GroupView;
import org.campusgate.console.people.PeopleViews.UserInput;
import org.campusgate.console.people.PeopleViews.UserPage;
import org.campusgate.console.people.PeopleViews.UserView;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * A school's users, groups and IP bindings, and the CSV import of users. Reads and changes are
 * for the school's admins (a district admin for every school); an inspector sees group names
 * and sizes only. Binding changes are in force in the school's running gateway when the answer
 * comes.
 */
@Path("/v1/schools/{school}")
@Produces(MediaType.APPLICATION_JSON)
public final class PeopleResource {
  /** Most users one page holds. */
  static final int MAX_PAGE = 1000;

  private final ConsoleServices s;
  private final PeopleService people;
  private final PeopleImport importer;

  public PeopleResource(ConsoleServices services) {
    this.s = services;
    this.people = new PeopleService(services.db().people(), services.adminLog(),
        services.bindings());
    this.importer = new PeopleImport(people);
  }

  // ---- users

  @GET
  @Path("/users")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public UserPage users(@PathParam("school") String school, @QueryParam("q") String q,
      @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit,
      @Context SecurityContext sc) {
    Access.toAdminister(sc, s.db(), school);
    int from = offset == null ? 0 : offset;
    int size = limit == null ? 200 : limit;
    if (from < 0 || size < 1 || size > MAX_PAGE || (q != null && q.length() > 200)) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request",
          "offset >= 0, limit 1.." + MAX_PAGE + ", q at most 200 characters");
    }
    List<UserView> all = people.users(school, q);
    return new UserPage(all.size(), from,
        all.subList(Math.min(from, all.size()), Math.min(all.size(), from + size)));
  }

  @POST
  @Path("/users")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public Response createUser(@PathParam("school") String school, UserInput body,
      @Context SecurityContext sc) {
    String actor = Access.toAdminister(sc, s.db(), school).name();
    UserView created = Refusals.answer(() -> people.createUser(actor, school, body));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @GET
  @Path("/users/{login}")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public UserView user(@PathParam("school") String school, @PathParam("login") String login,
      @Context SecurityContext sc) {
    Access.toAdminister(sc, s.db(), school);
    return Refusals.answer(() -> people.user(school, login));
  }

  @PUT
  @Path("/users/{login}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public UserView updateUser(@PathParam("school") String school, @PathParam("login") String login,
      UserInput body, @Context SecurityContext sc) {
    String actor = Access.toAdminister(sc, s.db(), school).name();
    return Refusals.answer(() -> people.updateUser(actor, school, login, body));
  }

  @DELETE
  @Path("/users/{login}")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public Response deleteUser(@PathParam("school") String school, @PathParam("login") String login,
      @Context SecurityContext sc) {
    String actor = Access.toAdminister(sc, s.db(), school).name();
    Refusals.answer(() -> people.deleteUser(actor, school, login));
    return Response.noContent().build();
  }

  // ---- CSV import

  /** The file as the body: {@code curl --data-binary @users.csv -H 'Content-Type: text/csv'}. */
  @POST
  @Path("/users/import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public PeopleImport.Report importCsv(@PathParam("school") String school,
      @QueryParam("dryRun") boolean dryRun, InputStream body, @Context SecurityContext sc) {
    String actor = Access.toAdminister(sc, s.db(), school).name();
    byte[] file = bounded(body);
    return Refusals.answer(() -> importer.run(actor, school, file, dryRun));
  }

  /** The file as the form field {@code file} (the web page's upload). */
  @POST
  @Path("/users/import")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public PeopleImport.Report importForm(@PathParam("school") String school,
      @QueryParam("dryRun") boolean dryRun, @FormDataParam("file") InputStream file,
      @Context SecurityContext sc) {
    if (file == null) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request", "send the CSV as the form field 'file'");
    }
    return importCsv(school, dryRun, file, sc);
  }

  /** Reads at most one byte over the limit, so an oversize upload is refused without holding it. */
  private static byte[] bounded(InputStream in) {
    try {
      byte[] bytes = in.readNBytes(PeopleImport.MAX_BYTES + 1);
      if (bytes.length > PeopleImport.MAX_BYTES) {
        throw Access.fail(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too-large",
            "the file is over " + PeopleImport.MAX_BYTES / (1024 * 1024) + " MiB");
      }
      return bytes;
    } catch (IOException e) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request",
          "the upload could not be read: " + e.getMessage());
    }
  }

  // ---- groups

  @GET
  @Path("/groups")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public List<GroupView> groups(@PathParam("school") String school, @Context SecurityContext sc) {
    Access.toRead(sc, s.db(), school);
    return people.groups(school);
  }

  @POST
  @Path("/groups")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public Response createGroup(@PathParam("school") String school, GroupInput body,
      @Context SecurityContext sc) {
    String actor = Access.toAdminister(sc, s.db(), school).name();
    GroupView created = Refusals.answer(() ->
        people.createGroup(actor, school, body == null ? null : body.name()));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @GET
  @Path("/groups/{name}/members")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public List<UserView> members(@PathParam("school") String school, @PathParam("name") String name,
      @Context SecurityContext sc) {
    Access.toAdminister(sc, s.db(), school);
    return Refusals.answer(() -> people.members(school, name));
  }

  @PUT
  @Path("/groups/{name}/members/{login}")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public UserView addMember(@PathParam("school") String school, @PathParam("name") String name,
      @PathParam("login") String login, @Context SecurityContext sc) {
    String actor = Access.toAdminister(sc, s.db(), school).name();
    return Refusals.answer(() -> people.addMember(actor, school, name, login));
  }

  @DELETE
  @Path("/groups/{name}/members/{login}")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public UserView removeMember(@PathParam("school") String school, @PathParam("name") String name,
      @PathParam("login") String login, @Context SecurityContext sc) {
    String actor = Access.toAdminister(sc, s.db(), school).name();
    return Refusals.answer(() -> people.removeMember(actor, school, name, login));
  }

  @DELETE
  @Path("/groups/{name}")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public Response deleteGroup(@PathParam("school") String school, @PathParam("name") String name,
      @Context SecurityContext sc) {
    String actor = Access.toAdminister(sc, s.db(), school).name();
    Refusals.answer(() -> people.deleteGroup(actor, school, name));
    return Response.noContent().build();
  }

  // ---- IP bindings

  @GET
  @Path("/bindings")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public List<BindingView> bindings(@PathParam("school") String school,
      @Context SecurityContext sc) {
    Access.toAdminister(sc, s.db(), school);
    return people.bindings(school);
  }

  @POST
  @Path("/bindings")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public Response bind(@PathParam("school") String school, BindingInput body,
      @Context SecurityContext sc) {
    String actor = Access.toAdminister(sc, s.db(), school).name();
    BindingView created = Refusals.answer(() -> people.bind(actor, school, body));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @DELETE
  @Path("/bindings/{id}")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public Response unbind(@PathParam("school") String school, @PathParam("id") long id,
      @Context SecurityContext sc) {
    String actor = Access.toAdminister(sc, s.db(), school).name();
    Refusals.answer(() -> people.unbind(actor, school, id));
    return Response.noContent().build();
  }
}
