package org.campusgate.console.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import org.campusgate.console.audit.PersonRedaction;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.ConsoleRole;

/**
 * The admin action log a page at a time: who changed what, when, with the state before and
 * after. {@code after=ID} pages oldest first from entry ID (0: the start), {@code before=ID} pages
 * newest first (neither: the newest page); {@code next} continues in the same direction. District admins and inspectors read every school's entries and the
 * district-wide ones; a school admin reads their school's. Inspectors see aggregates, not
 * persons: entries about persons reach them without the person ({@link PersonRedaction}).
 */
@Path("/v1/admin-log")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminLogResource {
  static final int MAX_PAGE = 500;

  private final ConsoleServices s;

  public AdminLogResource(ConsoleServices services) {
    this.s = services;
  }

  /** One entry; before and after as the JSON they were written as. */
  public record Entry(long id, Instant at, String actor, String action, String target,
      String school, JsonNode before, JsonNode after) {}

  /** A page; {@code next} is the id to pass as the same parameter for the next page, null at the end. */
  public record Page(List<Entry> entries, Long next) {}

  @GET
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public Page page(@QueryParam("school") String school, @QueryParam("after") Long after,
      @QueryParam("before") Long before, @QueryParam("limit") Integer limit,
      @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    int size = limit == null ? 100 : limit;
    if (size < 1 || size > MAX_PAGE || (before != null && before < 1) || (after != null && after < 0)
        || (before != null && after != null)) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request",
          "limit 1.." + MAX_PAGE + "; after (>= 0) or before (> 0) an entry id, not both");
    }
    String only = school == null || school.isBlank() ? null : school;
    if (u.role() == ConsoleRole.SCHOOL_ADMIN) {
      if (only == null) {
        only = u.schoolId();
      }
      Access.toAdminister(sc, s.db(), only);
    } else if (only != null) {
      Access.toRead(sc, s.db(), only);
    }
    List<AdminAction> rows = after != null ? s.adminLog().dao().page(only, after, size)
        : s.adminLog().dao().latest(only, before == null ? Long.MAX_VALUE : before, size);
    List<Entry> entries = rows.stream().map(a -> new Entry(a.id(), a.at(), a.actor(), a.action(),
        a.target(), a.schoolId(), json(a.beforeJson()), json(a.afterJson())))
        .map(e -> u.role() == ConsoleRole.INSPECTOR ? withoutPersons(e) : e).toList();
    Long next = rows.size() == size ? rows.get(rows.size() - 1).id() : null;
    return new Page(entries, next);
  }

  private static Entry withoutPersons(Entry e) {
    return new Entry(e.id(), e.at(), e.actor(), e.action(),
        PersonRedaction.target(e.action(), e.target()), e.school(),
        PersonRedaction.details(e.action(), e.before()),
        PersonRedaction.details(e.action(), e.after()));
  }

  private JsonNode json(String text) {
    if (text == null) {
      return null;
    }
    try {
      return s.json().readTree(text);
    } catch (JsonProcessingException e) {
      return s.json().getNodeFactory().textNode(text); // written by hand: show it as it is
    }
  }
}
