package org.campusgate.console.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.register.RegisterFileImports;
import org.campusgate.console.register.RegisterFileImports.Imported;
import org.campusgate.console.register.RegisterFileImports.Revoked;
import org.campusgate.console.register.files.ImportReport;
import org.campusgate.console.register.files.RegisterFiles;
import org.campusgate.console.register.files.RevocationFiles;
import org.campusgate.console.register.files.RevocationReport;
import org.campusgate.console.register.files.RowError;
import org.campusgate.console.register.files.Table;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.InvalidRegisterException;

/**
 * The register as files: district admins import a workbook or CSV table (all or nothing: a file
 * with any problem changes nothing and is answered row by row) and the district's revocation
 * list; every console role exports the register as a workbook or CSV. An import is in force in
 * the running gateways when the answer comes.
 */
@Path("/v1/register")
public final class RegisterFilesResource {
  /** Uploads are read into memory to be checked whole before anything changes: bounded. */
  static final int MAX_UPLOAD_BYTES = 20 << 20;
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  private static final String CSV = "text/csv; charset=UTF-8";

  /** A file-level or row-level problem as the page shows it. */
  public record Problem(String column, String message) {}

  /** One data row of the file: where it is, what it is, and its problems (none: accepted). */
  public record RowView(String table, String sheet, int row, String key, boolean accepted,
      List<Problem> errors) {}

  /**
   * What the console found in a file, and what importing it did when it was imported.
   *
   * @param error {@code invalid-file} when the file has problems, else null
   * @param fileErrors problems with the file or a sheet as a whole
   * @param errorCount every problem, also those past the ones listed
   * @param imported the counts and the new revision; null for a check or a refused file
   */
  public record FileAnswer(String error, String message, String file, boolean ok, long acceptedRows,
      long rejectedRows, int errorCount, List<RowView> rows, List<RowError> fileErrors,
      Imported imported) {}

  /** What the console found in a revocation list, and what applying it did. */
  public record RevocationAnswer(String error, String message, String file, boolean ok, int errorCount,
      List<RowError> errors, List<RegisterFileImports.AffectedView> affected, Revoked applied) {}

  private final ConsoleServices s;

  public RegisterFilesResource(ConsoleServices services) {
    this.s = services;
  }

  private RegisterFileImports imports() {
    return new RegisterFileImports(s.register());
  }

  @POST
  @Path("/import")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public Response importFile(@QueryParam("file") String file, @QueryParam("check") boolean check,
      @Context HttpHeaders headers, InputStream body, @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    String name = fileName(file, ".xlsx", ".csv");
    byte[] bytes = bounded(headers, body);
    ImportReport report = read(() -> RegisterFiles.read(new ByteArrayInputStream(bytes), name,
        s.register().current(), s.register().dao().now()));
    if (!report.ok()) {
      return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(answer(report, null)).build();
    }
    if (check) {
      return Response.ok(answer(report, null), MediaType.APPLICATION_JSON_TYPE).build();
    }
    Imported done = Refusals.answer(() -> imports().importFile(u.name(), report));
    return Response.ok(answer(report, done), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @POST
  @Path("/revocations")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed(Roles.DISTRICT_ADMIN)
  public Response revocations(@QueryParam("file") String file, @QueryParam("check") boolean check,
      @Context HttpHeaders headers, InputStream body, @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    String name = fileName(file, ".csv");
    byte[] bytes = bounded(headers, body);
    RevocationReport report = read(() -> RevocationFiles.read(new ByteArrayInputStream(bytes), name,
        s.register().current(), s.register().dao().now()));
    if (!report.ok()) {
      return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new RevocationAnswer("invalid-file", "the list has problems; nothing was changed",
              report.fileName(), false, report.errorCount(), report.errors(), List.of(), null))
          .build();
    }
    Revoked done = check ? null : Refusals.answer(() -> imports().applyRevocations(u.name(), report));
    List<RegisterFileImports.AffectedView> affected = done != null ? done.affected()
        : report.affected().stream().map(a -> new RegisterFileImports.AffectedView(a.filingNumber(),
            a.status().name(), a.appIds(), a.schools().stream().sorted().toList())).toList();
    return Response.ok(new RevocationAnswer(null, null, report.fileName(), true, 0, List.of(), affected, done),
        MediaType.APPLICATION_JSON_TYPE).build();
  }

  @GET
  @Path("/export.xlsx")
  @Produces(XLSX)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public Response exportXlsx(@QueryParam("history") boolean history, @Context SecurityContext sc) {
    AppRegister register = visible(Access.user(sc));
    StreamingOutput out = o -> RegisterFiles.writeXlsx(register, history, o);
    return download(out, XLSX, "register-r" + register.revision() + ".xlsx");
  }

  @GET
  @Path("/export.csv")
  @Produces(CSV)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public Response exportCsv(@QueryParam("table") String table, @QueryParam("history") boolean history,
      @Context SecurityContext sc) {
    Table t = Table.REGISTER.stream().filter(x -> x.fileName().equals(table + ".csv")).findFirst()
        .orElseThrow(() -> RegisterResource.invalid("table", "is one of apps, provider-filings, user-filings"));
    AppRegister register = visible(Access.user(sc));
    StreamingOutput out = o -> RegisterFiles.writeCsv(register, t, history, o);
    return download(out, CSV, table + "-r" + register.revision() + ".csv");
  }

  private static Response download(StreamingOutput out, String type, String fileName) {
    return Response.ok(out, type)
        .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
        .header("Cache-Control", "no-store").build();
  }

  /** The register, with only their own school's filings for a caller bound to one school. */
  private AppRegister visible(ConsoleUser u) {
    AppRegister all = s.register().current();
    if (u.schoolId() == null) {
      return all;
    }
    AppRegister.Builder b = AppRegister.builder().revision(all.revision()).zone(all.zone());
    if (all.lastUpdate() != null) {
      b.lastUpdate(all.lastUpdate());
    }
    all.apps().forEach(b::app);
    all.providerFilingNumbers().forEach(n -> all.providerFilingHistory(n).forEach(b::providerFiling));
    all.userFilings().stream().filter(f -> f.schoolId().equals(u.schoolId()))
        .forEach(f -> all.userFilingHistory(f.id()).forEach(b::userFiling));
    try {
      return b.build();
    } catch (InvalidRegisterException e) {
      throw new IllegalStateException("a part of a valid register does not hold together", e);
    }
  }

  private static FileAnswer answer(ImportReport r, Imported done) {
    List<RowView> rows = r.rows().stream().map(o -> new RowView(o.table().fileName().replace(".csv", ""),
        o.source(), o.row(), o.key(), o.accepted(),
        o.errors().stream().map(e -> new Problem(e.column(), e.message())).toList())).toList();
    List<RowError> fileErrors = r.errors().stream().filter(e -> e.row() == 0).toList();
    return new FileAnswer(r.ok() ? null : "invalid-file",
        r.ok() ? null : "the file has problems; nothing was changed", r.fileName(), r.ok(),
        r.acceptedRows(), r.rejectedRows(), r.errorCount(), rows, fileErrors, done);
  }

  /** The upload's name: required, short, with one of the endings; only its last part is kept. */
  private static String fileName(String file, String... endings) {
    if (file == null || file.isBlank() || file.length() > 200) {
      throw RegisterResource.invalid("file", "name the file: ?file=register.xlsx (at most 200 characters)");
    }
    String name = file.strip().replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ending : endings) {
      if (lower.endsWith(ending) && name.length() > ending.length()) {
        return name;
      }
    }
    throw RegisterResource.invalid("file", "must end with " + String.join(" or ", endings) + ": " + name);
  }

  /** The whole body, or 413 past {@link #MAX_UPLOAD_BYTES} (told by its length, else by reading). */
  private static byte[] bounded(HttpHeaders headers, InputStream body) {
    String length = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    try {
      if (length != null && Long.parseLong(length.strip()) > MAX_UPLOAD_BYTES) {
        throw tooLarge();
      }
    } catch (NumberFormatException ignored) {
      // a bad length is the server's business; the read below bounds the body anyway
    }
    if (body == null) {
      return new byte[0];
    }
    try {
      byte[] bytes = body.readNBytes(MAX_UPLOAD_BYTES + 1);
      if (bytes.length > MAX_UPLOAD_BYTES) {
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw Access.fail(Response.Status.BAD_REQUEST, "unreadable-body", "the upload broke off: " + e.getMessage());
    }
  }

  private static WebApplicationException tooLarge() {
    return Access.fail(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too-large",
        "the file is larger than " + (MAX_UPLOAD_BYTES >> 20) + " MiB");
  }

  private interface FileRead<T> {
    T read() throws IOException;
  }

  private static <T> T read(FileRead<T> read) {
    try {
      return read.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
