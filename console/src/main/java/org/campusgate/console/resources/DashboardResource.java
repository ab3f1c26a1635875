package org.campusgate.console.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import org.campusgate.console.api.DashboardView;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.core.DashboardRange;
import org.campusgate.console.core.SchoolDashboard;

/**
 * A school's dashboard: requests and blocks over time, the most blocked categories and hosts,
 * active users as a count. Aggregates only, so inspectors see it as school admins do.
 */
@Path("/v1/schools/{school}/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public final class DashboardResource {
  static final int DEFAULT_TOP = 10;
  static final int MAX_TOP = 50;

  private final ConsoleServices s;

  public DashboardResource(ConsoleServices services) {
    this.s = services;
  }

  /**
   * {@code from} and {@code to}: instants, date-times with offset or dates of the school's
   * calendar (see {@link DashboardRange#of}); default the last seven days, at most 92 days.
   * {@code top}: how many categories and hosts, 1..50 (default 10).
   */
  @GET
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public DashboardView dashboard(@PathParam("school") String school,
      @QueryParam("from") String from, @QueryParam("to") String to,
      @QueryParam("top") String top, @Context SecurityContext sc) {
    Access.toRead(sc, s.db(), school);
    ZoneId zone = s.policies().liveHolder(school).map(h -> h.current().zone())
        .orElse(SchoolDashboard.DEFAULT_ZONE);
    DashboardRange range;
    try {
      range = DashboardRange.of(from, to, s.clock().instant(), zone);
    } catch (IllegalArgumentException e) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-range", e.getMessage());
    }
    int n = top(top);
    try {
      return new SchoolDashboard(s.store()).compute(school, range, n);
    } catch (UncheckedIOException e) {
      throw Access.fail(Response.Status.SERVICE_UNAVAILABLE, "audit-unavailable",
          "the audit store cannot answer: " + e.getMessage());
    }
  }

  private static int top(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_TOP;
    }
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= 1 && n <= MAX_TOP) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Access.fail(Response.Status.BAD_REQUEST, "bad-request",
        "top must be a number from 1 to " + MAX_TOP);
  }
}
