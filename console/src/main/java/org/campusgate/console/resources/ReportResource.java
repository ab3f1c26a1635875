package org.campusgate.console.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.core.SchoolDashboard;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.report.output.ReportArchive;
import org.campusgate.console.report.output.ReportJobs;

/**
 * Monthly inspection reports: make one (a job), follow the job, list the reports made, read a
 * report (HTML, with the few assets it loads), download its PDF or its tables as a zip.
 * Inspectors and district admins reach every report; a school admin only their own school's
 * (a district-wide report shows every school, so it is not theirs). Making and downloading are
 * written to the admin log ({@code report.make}, {@code report.download}).
 */
@Path("/v1/reports")
@Produces(MediaType.APPLICATION_JSON)
public final class ReportResource {
  /** The assets a report page loads, the only files served from its folder besides the three. */
  static final Map<String, String> ASSETS = Map.of(
      "report.js", "text/javascript; charset=utf-8",
      "report.css", "text/css; charset=utf-8",
      "echarts.min.js", "text/javascript; charset=utf-8");

  private final ReportJobs jobs;
  private final ConsoleDatabase db;
  private final AdminLog log;
  private final Clock clock;
  private final ZoneId zone;

  public ReportResource(ConsoleServices s) {
    this(s.reportJobs(), s.db(), s.adminLog(), s.clock(), SchoolDashboard.DEFAULT_ZONE);
  }

  ReportResource(ReportJobs jobs, ConsoleDatabase db, AdminLog log, Clock clock, ZoneId zone) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.db = Objects.requireNonNull(db, "db");
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** What to make: {@code month} (YYYY-MM, ended), {@code school} (optional), {@code lang} (zh|en). */
  public record MakeRequest(String month, String school, String lang) {}

  /** A school a report can be made for. */
  public record SchoolChoice(String id, String name) {}

  /** The reports made, the jobs and the schools the caller may see. */
  public record Listing(List<ReportArchive.Made> reports, List<ReportJobs.Job> jobs,
      List<SchoolChoice> schools) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.INSPECTOR, Roles.SCHOOL_ADMIN})
  public Response make(MakeRequest body, @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    if (body == null) {
      throw bad("bad-request", "send {month, school, lang} as JSON");
    }
    YearMonth month = month(body.month());
    String school = body.school() == null || body.school().isBlank() ? null : body.school().strip();
    if (u.role() == ConsoleRole.SCHOOL_ADMIN && school == null) {
      school = u.schoolId(); // a school admin's report is their school's
    }
    if (school != null) {
      if (!ReportArchive.validSchool(school)) {
        throw Access.fail(Response.Status.NOT_FOUND, "no-such-school", "there is no school "
            + school);
      }
      Access.toRead(sc, db, school);
    } else if (u.role() == ConsoleRole.SCHOOL_ADMIN) {
      throw Access.fail(Response.Status.FORBIDDEN, "forbidden-school",
          u.name() + " is a school-admin without a school");
    }
    String lang = body.lang() == null || body.lang().isBlank() ? "zh" : body.lang().strip();
    if (!lang.equals("zh") && !lang.equals("en")) {
      throw bad("bad-lang", "lang is zh or en");
    }
    if (!month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant().isBefore(clock.instant())) {
      throw bad("month-not-ended", "the month " + month + " has not ended yet");
    }
    ReportArchive.Key key = new ReportArchive.Key(month, school, lang);
    ReportJobs.Job job;
    try {
      job = jobs.start(key, u.name());
    } catch (ReportJobs.Busy e) {
      throw Access.fail(Response.Status.TOO_MANY_REQUESTS, "reports-busy", e.getMessage());
    }
    log.record(u.name(), "report.make", "report:" + key, school, null,
        Map.of("month", month.toString(), "school", school == null ? "*" : school,
            "lang", lang, "job", job.id()));
    return Response.accepted(job).build();
  }

  @GET
  @Path("/jobs/{id}")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.INSPECTOR, Roles.SCHOOL_ADMIN})
  public ReportJobs.Job job(@PathParam("id") String id, @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    return jobs.job(id).filter(j -> mayRead(u, j.school()))
        .orElseThrow(() -> Access.fail(Response.Status.NOT_FOUND, "no-such-job",
            "there is no report job " + id));
  }

  @GET
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.INSPECTOR, Roles.SCHOOL_ADMIN})
  public Listing list(@Context SecurityContext sc) throws IOException {
    ConsoleUser u = Access.user(sc);
    return new Listing(
        jobs.archive().list().stream().filter(m -> mayRead(u, m.school())).toList(),
        jobs.jobs().stream().filter(j -> mayRead(u, j.school())).toList(),
        db.schools().list().stream().filter(sc2 -> mayRead(u, sc2.id()))
            .map(sc2 -> new SchoolChoice(sc2.id(), sc2.name())).toList());
  }

  @GET
  @Path("/{name}/{lang}/report.html")
  @Produces(MediaType.WILDCARD) // the answer names its type; errors are JSON
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.INSPECTOR, Roles.SCHOOL_ADMIN})
  public Response html(@PathParam("name") String name, @PathParam("lang") String lang,
      @Context SecurityContext sc) {
    ReportArchive.Key key = readable(name, lang, sc);
    log.record(Access.user(sc).name(), "report.download", "report:" + key, key.school(), null,
        Map.of("file", "report.html"));
    return Response.ok(file(key, "report.html").toFile(), "text/html; charset=utf-8").build();
  }

  @GET
  @Path("/{name}/{lang}/report.pdf")
  @Produces(MediaType.WILDCARD)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.INSPECTOR, Roles.SCHOOL_ADMIN})
  public Response pdf(@PathParam("name") String name, @PathParam("lang") String lang,
      @Context SecurityContext sc) {
    ReportArchive.Key key = readable(name, lang, sc);
    java.nio.file.Path pdf = file(key, "report.pdf");
    log.record(Access.user(sc).name(), "report.download", "report:" + key, key.school(), null,
        Map.of("file", "report.pdf"));
    return Response.ok(pdf.toFile(), "application/pdf")
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"report-" + key.name()
            + "-" + key.lang() + ".pdf\"").build();
  }

  @GET
  @Path("/{name}/{lang}/tables.zip")
  @Produces(MediaType.WILDCARD)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.INSPECTOR, Roles.SCHOOL_ADMIN})
  public Response tables(@PathParam("name") String name, @PathParam("lang") String lang,
      @Context SecurityContext sc) {
    ReportArchive.Key key = readable(name, lang, sc);
    file(key, "csv");
    log.record(Access.user(sc).name(), "report.download", "report:" + key, key.school(), null,
        Map.of("file", "tables.zip"));
    StreamingOutput body = out -> jobs.archive().zipTables(key, out);
    return Response.ok(body, "application/zip")
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"report-" + key.name()
            + "-" + key.lang() + "-tables.zip\"").build();
  }

  /** The scripts and style report.html loads, so the page also works opened by its own URL. */
  @GET
  @Path("/{name}/{lang}/assets/{file}")
  @Produces(MediaType.WILDCARD)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.INSPECTOR, Roles.SCHOOL_ADMIN})
  public Response asset(@PathParam("name") String name, @PathParam("lang") String lang,
      @PathParam("file") String file, @Context SecurityContext sc) {
    ReportArchive.Key key = readable(name, lang, sc);
    String type = ASSETS.get(file);
    if (type == null) {
      throw Access.fail(Response.Status.NOT_FOUND, "no-such-file", "no such file " + file);
    }
    return Response.ok(file(key, "assets/" + file).toFile(), type).build();
  }

  /** The key of a report the caller may read and that has been made; else 404/403. */
  private ReportArchive.Key readable(String name, String lang, SecurityContext sc) {
    ReportArchive.Key key = ReportArchive.parse(name, lang).orElseThrow(() -> Access.fail(
        Response.Status.NOT_FOUND, "no-such-report", "there is no report " + name + "/" + lang));
    if (!mayRead(Access.user(sc), key.school())) {
      throw Access.fail(Response.Status.FORBIDDEN, "forbidden-school", Access.user(sc).name()
          + " may not read the report " + key);
    }
    if (jobs.archive().find(key).isEmpty()) {
      throw Access.fail(Response.Status.NOT_FOUND, "no-such-report", "the report " + key
          + " has not been made");
    }
    return key;
  }

  private java.nio.file.Path file(ReportArchive.Key key, String relative) {
    java.nio.file.Path f = jobs.archive().dir(key).resolve(relative);
    if (!Files.exists(f)) {
      throw Access.fail(Response.Status.NOT_FOUND, "no-such-file", relative.equals("report.pdf")
          ? "the report " + key + " has no PDF: " + jobs.archive().find(key)
              .map(ReportArchive.Made::pdfProblem).orElse("not printed")
          : "the report " + key + " has no " + relative);
    }
    return f;
  }

  /** District-wide roles read every report; a school admin only their school's. */
  private static boolean mayRead(ConsoleUser u, String school) {
    return switch (u.role()) {
      case DISTRICT_ADMIN, INSPECTOR -> true;
      case SCHOOL_ADMIN -> school != null && school.equals(u.schoolId());
      case RESPONDER -> false;
    };
  }

  private static YearMonth month(String text) {
    if (text == null || !text.strip().matches("[0-9]{4}-[0-9]{2}")) {
      throw bad("bad-month", "month is YYYY-MM, e.g. 2026-10");
    }
    try {
      YearMonth m = YearMonth.parse(text.strip());
      if (m.getYear() < 2000) {
        throw bad("bad-month", "month is YYYY-MM from 2000-01");
      }
      return m;
    } catch (DateTimeParseException e) {
      throw bad("bad-month", "month is YYYY-MM, e.g. 2026-10");
    }
  }

  private static jakarta.ws.rs.WebApplicationException bad(String code, String message) {
    return Access.fail(Response.Status.BAD_REQUEST, code, message);
  }
}
