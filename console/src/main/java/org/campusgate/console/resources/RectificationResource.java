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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.report.RectificationItem;
import org.campusgate.console.report.RectificationStatus;
import org.campusgate.console.report.rectify.RectificationDao;

/**
 * Rectification items raised by monthly reports. Inspectors and district admins read every
 * item, a school admin their school's. A school admin marks their school's items RECTIFIED
 * (with a note); an inspector or district admin closes or reopens an item and changes its owner
 * and deadline. Every change is in the admin log ({@code rectification.*}).
 */
@Path("/v1/rectifications")
@Produces(MediaType.APPLICATION_JSON)
public final class RectificationResource {
  private final ConsoleServices s;

  public RectificationResource(ConsoleServices services) {
    this.s = services;
  }

  /** The items asked for, and whether the list was cut at its bound. */
  public record Items(List<RectificationItem> items, boolean truncated) {}

  /** A status change: {@code status} OPEN, RECTIFIED or CLOSED, and a note. */
  public record StatusChange(String status, String note) {}

  /** A new owner and deadline ({@code yyyy-MM-dd}). */
  public record Assignment(String owner, String deadline) {}

  @GET
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public Items list(@QueryParam("month") String month, @QueryParam("school") String school,
      @QueryParam("status") String status, @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    YearMonth m = month(month);
    String only = school == null || school.isBlank() ? null : school.strip();
    if (only != null && only.length() > 64) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-school",
          "a school id is 1..64 characters");
    }
    RectificationStatus st = status == null || status.isBlank() ? null : status(status);
    List<RectificationItem> items = Refusals.answer(() -> s.rectifications().list(u, m, only, st));
    return new Items(items, items.size() >= RectificationDao.MAX_LIST);
  }

  @POST
  @Path("/{id}/status")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public RectificationItem setStatus(@PathParam("id") String id, StatusChange body,
      @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    long item = id(id);
    if (body == null || body.status() == null) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-status",
          "give a status: OPEN, RECTIFIED or CLOSED");
    }
    RectificationStatus st = status(body.status());
    return Refusals.answer(() -> s.rectifications().setStatus(u, item, st, body.note()));
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.INSPECTOR})
  public RectificationItem reassign(@PathParam("id") String id, Assignment body,
      @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    long item = id(id);
    if (body == null) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request", "give owner and deadline");
    }
    LocalDate deadline = deadline(body.deadline());
    return Refusals.answer(() -> s.rectifications().reassign(u, item, body.owner(), deadline));
  }

  private static YearMonth month(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return YearMonth.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-month", "month is yyyy-MM, e.g. 2026-10");
    }
  }

  private static RectificationStatus status(String text) {
    try {
      return RectificationStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-status",
          "status is OPEN, RECTIFIED or CLOSED");
    }
  }

  private static LocalDate deadline(String text) {
    if (text == null || text.isBlank()) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-deadline",
          "a deadline (yyyy-MM-dd) is required");
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-deadline", "the deadline is yyyy-MM-dd");
    }
  }

  private static long id(String text) {
    try {
      long v = Long.parseLong(text);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Access.fail(Response.Status.BAD_REQUEST, "bad-id", "the item id is a positive number");
  }
}
