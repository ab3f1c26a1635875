package org.campusgate.console.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.campusgate.console.api.ApiError;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.register.RegisterInputs.AppInput;
import org.campusgate.console.register.RegisterInputs.ProviderFilingInput;
import org.campusgate.console.register.RegisterInputs.StatusInput;
import org.campusgate.console.register.RegisterInputs.SyncInput;
import org.campusgate.console.register.RegisterService;
import org.campusgate.console.register.RegisterState;
import org.campusgate.console.register.RegisterStatus;
import org.campusgate.console.register.RegisterViews.AppView;
import org.campusgate.console.register.RegisterViews.ExpiringView;
import org.campusgate.console.register.RegisterViews.ProviderFilingView;
import org.campusgate.console.register.RegisterViews.ProviderHistoryView;
import org.campusgate.console.register.RegisterViews.RevokedView;
import org.campusgate.console.register.RegisterViews.StatusView;

/**
 * The district's learning-app register: the app catalogue and the provider filings (district
 * admins change them; every role reads them), the "expiring" and "revoked this month" lists
 * (a school-bound caller sees its own school's filings only) and the register's status. Every
 * change is in force in the running gateway when the answer comes.
 */
@Path("/v1/register")
@Produces(MediaType.APPLICATION_JSON)
public final class RegisterResource {
  private static final int MAX_NUMBER = 100;

  private final ConsoleServices s;

  public RegisterResource(ConsoleServices services) {
    this.s = services;
  }

  private RegisterService register() {
    return s.register();
  }

  // ---- catalogue

  @GET
  @Path("/apps")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public List<AppView> apps() {
    return register().catalogue();
  }

  @POST
  @Path("/apps")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public Response addApp(AppInput body, @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    AppView created = Refusals.answer(() -> register().addApp(u, body));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @PUT
  @Path("/apps/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public AppView updateApp(@PathParam("id") String id, AppInput body, @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    return Refusals.answer(() -> register().updateApp(u, bounded("id", id), body));
  }

  // ---- provider filings

  @GET
  @Path("/provider-filings")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public List<ProviderFilingView> providerFilings() {
    return register().providerFilings();
  }

  @POST
  @Path("/provider-filings")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public Response addProviderFiling(ProviderFilingInput body, @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    ProviderHistoryView created = Refusals.answer(() -> register().addProviderFiling(u, body));
    return Response.status(Response.Status.CREATED).entity(created).build();
  }

  @GET
  @Path("/provider-filings/{number}")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public ProviderHistoryView providerFiling(@PathParam("number") String number) {
    return Refusals.answer(() -> register().providerHistory(bounded("number", number)));
  }

  @POST
  @Path("/provider-filings/{number}/status")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public ProviderHistoryView changeStatus(@PathParam("number") String number, StatusInput body,
      @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    return Refusals.answer(() -> register().changeProviderStatus(u, bounded("number", number), body));
  }

  // ---- lists and status

  @GET
  @Path("/expiring")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public ExpiringView expiring(@QueryParam("days") String days, @Context SecurityContext sc) {
    int n;
    try {
      n = days == null || days.isBlank() ? 30 : Integer.parseInt(days.strip());
    } catch (NumberFormatException e) {
      throw invalid("days", "is a whole number of days, 0 to " + RegisterService.MAX_DAYS);
    }
    return Refusals.answer(() -> register().expiring(n, ownSchool(Access.user(sc))));
  }

  @GET
  @Path("/revoked")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public List<RevokedView> revoked(@QueryParam("month") String month, @Context SecurityContext sc) {
    YearMonth m;
    try {
      m = month == null || month.isBlank()
          ? YearMonth.from(s.clock().instant().atZone(register().zone()))
          : YearMonth.parse(month.strip());
    } catch (DateTimeParseException e) {
      throw invalid("month", "is a month like 2026-11");
    }
    return Refusals.answer(() -> register().revoked(m, ownSchool(Access.user(sc))));
  }

  @GET
  @Path("/status")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public StatusView status(@QueryParam("school") String school, @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    String which = school != null && !school.isBlank() ? school.strip()
        : u.schoolId() != null ? u.schoolId() : s.localSchool();
    Access.toRead(sc, s.db(), which);
    return RegisterStatus.of(register(), s.policies(), which, s.clock().instant());
  }

  /** Records that the filing data was checked against the platform (restarts the staleness clock). */
  @POST
  @Path("/status/synced")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public RegisterState synced(SyncInput body, @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    return Refusals.answer(() -> register().markSynced(u, body == null ? null : body.source()));
  }

  /** The school a school-bound caller is limited to, or null for district-wide callers. */
  static String ownSchool(ConsoleUser u) {
    return u.role() == ConsoleRole.SCHOOL_ADMIN || u.role() == ConsoleRole.RESPONDER ? u.schoolId() : null;
  }

  private static String bounded(String field, String value) {
    if (value == null || value.isBlank() || value.length() > MAX_NUMBER) {
      throw Access.fail(Response.Status.NOT_FOUND, "no-such-" + field, "no register entry " + field
          + " '" + (value == null ? "" : value.substring(0, Math.min(value.length(), MAX_NUMBER))) + "'");
    }
    return value;
  }

  /** A bad query parameter, answered like the service's field errors (422 invalid-input). */
  static WebApplicationException invalid(String field, String message) {
    return new WebApplicationException(Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError("invalid-input", field + ": " + message,
            List.of(Map.of("field", field, "message", message)))).build());
  }
}
