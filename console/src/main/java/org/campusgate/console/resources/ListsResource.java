package org.campusgate.console.resources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.campusgate.console.api.ApiError;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.core.PolicyService;
import org.campusgate.console.db.ListMetadata;
import org.campusgate.console.lists.BlockLists;
import org.campusgate.console.lists.CustomEntry;
import org.campusgate.console.lists.ImportJob;
import org.campusgate.console.lists.ListImports;
import org.campusgate.console.lists.ListsException;
import org.campusgate.policy.lists.CategoryList;
import org.campusgate.policy.lists.ListEntries;
import org.campusgate.policy.lists.ListSet;
import org.jvnet.mimepull.MIMEConfig;
import org.jvnet.mimepull.MIMEMessage;
import org.jvnet.mimepull.MIMEParsingException;
import org.jvnet.mimepull.MIMEPart;

/**
 * The block lists policies can name: categories with their counts and origin, UT1 imports
 * (server path or upload, run in the background with progress) and custom entries per category.
 * The lists are district-wide, so only a district admin changes them.
 */
@Path("/v1/lists")
@Produces(MediaType.APPLICATION_JSON)
public final class ListsResource {
  private static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final int MAX_ENTRY_CHARS = 1000;
  private static final int MAX_COMMENT_CHARS = 1000;
  private static final int MAX_CUSTOM_PER_CATEGORY = 1000;

  private final ConsoleServices s;
  private final ListImports imports;

  public ListsResource(ConsoleServices services) {
    this.s = services;
    this.imports = new ListImports(services.lists(), services.policies(), services.adminLog(),
        services.db().lists(), services.clock());
  }

  /** Where the categories in force came from: an import made here, the configuration, or none. */
  public record SourceView(String kind, String source, Instant importedAt, String importedBy) {}

  /** A category as the page lists it; the counts are the imported entries, custom ones apart. */
  public record CategoryView(String name, Map<String, String> names, List<String> aliases,
      String defaultType, int domains, int urls, int expressions, int custom, String source,
      Instant importedAt, String importedBy) {}

  public record ListsView(SourceView source, List<CategoryView> categories, long maxUploadBytes) {}

  /** Start an import from a path on the server. */
  public record ImportRequest(String path, String comment) {}

  /** A custom entry to add: {@code kind} is {@code domain} or {@code url}; empty: guessed. */
  public record EntryRequest(String kind, String value) {}

  public record EntryView(String category, String kind, String entry, String createdBy,
      Instant createdAt) {}

  @GET
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public ListsView lists() {
    BlockLists lists = s.lists();
    BlockLists.Base base = lists.base();
    ListSet inForce = s.policies().lists(); // what policies compile against: base and custom entries
    Map<String, ListMetadata> imported = s.db().lists().list().stream()
        .collect(Collectors.toMap(ListMetadata::name, Function.identity()));
    Map<String, Long> custom = lists.entries().stream()
        .collect(Collectors.groupingBy(CustomEntry::category, Collectors.counting()));
    Map<String, List<String>> aliases = inForce.aliases().entrySet().stream().collect(
        Collectors.groupingBy(Map.Entry::getValue, Collectors.mapping(Map.Entry::getKey,
            Collectors.collectingAndThen(Collectors.toList(), l -> l.stream().sorted().toList()))));
    List<CategoryView> categories = inForce.categories().values().stream().map(c -> {
      Optional<CategoryList> own = Optional.ofNullable(base.set().categories().get(c.name()));
      ListMetadata meta = base.imported().isPresent() ? imported.get("ut1/" + c.name()) : null;
      return new CategoryView(c.name(), c.displayNames(), aliases.getOrDefault(c.name(), List.of()),
          c.defaultType(), own.map(o -> o.domains().size()).orElse(0),
          own.map(o -> o.urls().size()).orElse(0), own.map(o -> o.expressions().size()).orElse(0),
          custom.getOrDefault(c.name(), 0L).intValue(),
          own.isEmpty() ? "custom" : base.source(),
          meta == null ? null : meta.importedAt(), meta == null ? null : meta.importedBy());
    }).toList();
    SourceView source = base.imported()
        .map(i -> new SourceView("import", i.source(), i.importedAt(), i.importedBy()))
        .orElseGet(() -> new SourceView(base.source().isEmpty() ? "none" : "config",
            base.source(), null, null));
    return new ListsView(source, categories, ListImports.MAX_UPLOAD_BYTES);
  }

  // ---- imports

  @POST
  @Path("/imports")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN})
  public Response importPath(ImportRequest body, @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    if (body == null || body.path() == null || body.path().isBlank()) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request",
          "send {\"path\": \"<UT1 folder or .tar.gz on the server>\", \"comment\": \"...\"}");
    }
    return started(run(() -> imports.startFromPath(body.path(), u.name(), comment(body.comment()))));
  }

  /**
   * Upload a UT1 {@code .tar.gz} as {@code multipart/form-data}; its first part is the file
   * (field {@code file}). The body is streamed to disk, never held in memory.
   */
  @POST
  @Path("/imports")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @RolesAllowed({Roles.DISTRICT_ADMIN})
  public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
      @QueryParam("comment") String comment, InputStream body, @Context SecurityContext sc)
      throws IOException {
    ConsoleUser u = Access.user(sc);
    String note = comment(comment);
    if (contentLength != null && contentLength.matches("[0-9]{1,18}")
        && Long.parseLong(contentLength) > ListImports.MAX_UPLOAD_BYTES + 64 * 1024) {
      throw Access.fail(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too-large",
          "the upload is larger than " + (ListImports.MAX_UPLOAD_BYTES >> 20) + " MiB");
    }
    String boundary = MediaType.valueOf(contentType).getParameters().get("boundary");
    if (boundary == null || boundary.isEmpty() || boundary.length() > 200) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request", "the multipart body has no boundary");
    }
    MIMEConfig config = new MIMEConfig();
    config.setMemoryThreshold(1 << 20);
    try (MIMEMessage message = new MIMEMessage(body, boundary, config)) {
      MIMEPart part = message.getPart(0);
      String fileName = fileName(part);
      return started(run(() -> imports.startUpload(fileName, part.readOnce(), u.name(), note)));
    } catch (MIMEParsingException e) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request",
          "the multipart body does not parse: " + e.getMessage());
    }
  }

  @GET
  @Path("/imports")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public List<ImportJob.View> recentImports() {
    return imports.recent();
  }

  @GET
  @Path("/imports/{id: [0-9]{1,18}}")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public ImportJob.View importJob(@PathParam("id") long id) {
    return imports.job(id).map(ImportJob::view).orElseThrow(() -> Access.fail(
        Response.Status.NOT_FOUND, "no-such-import", "there is no import " + id + " since the console started"));
  }

  // ---- custom entries

  @GET
  @Path("/{category}/entries")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public List<EntryView> entries(@PathParam("category") String category) {
    return s.lists().entries(category(category)).stream().map(ListsResource::view).toList();
  }

  @POST
  @Path("/{category}/entries")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN})
  public Response addEntry(@PathParam("category") String category, EntryRequest body,
      @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    String name = category(category);
    Canonical c = canonical(body == null ? null : body.kind(), body == null ? null : body.value());
    List<CustomEntry> before = s.lists().entries(name);
    if (before.size() >= MAX_CUSTOM_PER_CATEGORY) {
      throw Access.fail(Response.Status.CONFLICT, "too-many-entries", "category " + name
          + " already has " + MAX_CUSTOM_PER_CATEGORY + " custom entries");
    }
    try {
      boolean added = s.lists().add(name, c.kind(), c.entry(), u.name(), s.policies());
      List<CustomEntry> after = s.lists().entries(name);
      if (added) {
        logChange(u, "lists.entry.add", name, before, after);
      }
      EntryView view = after.stream().filter(e -> e.kind().equals(c.kind()) && e.entry().equals(c.entry()))
          .findFirst().map(ListsResource::view).orElseThrow();
      return Response.status(added ? Response.Status.CREATED : Response.Status.OK).entity(view).build();
    } catch (PolicyService.RejectedPolicyException e) {
      return rejected(e);
    }
  }

  /** Removes {@code value} (written as when added; compared canonical) from the category. */
  @DELETE
  @Path("/{category}/entries")
  @RolesAllowed({Roles.DISTRICT_ADMIN})
  public Response removeEntry(@PathParam("category") String category,
      @QueryParam("kind") String kind, @QueryParam("value") String value,
      @Context SecurityContext sc) {
    ConsoleUser u = Access.user(sc);
    String name = category(category);
    Canonical c = canonical(kind, value);
    List<CustomEntry> before = s.lists().entries(name);
    try {
      if (!s.lists().remove(name, c.kind(), c.entry(), u.name(), s.policies())) {
        throw Access.fail(Response.Status.NOT_FOUND, "no-such-entry",
            "category " + name + " has no custom " + c.kind() + " " + c.entry());
      }
    } catch (PolicyService.RejectedPolicyException e) {
      return rejected(e);
    }
    logChange(u, "lists.entry.remove", name, before, s.lists().entries(name));
    return Response.noContent().build();
  }

  private record Canonical(String kind, String entry) {}

  /** Validates with the policy engine's canonicaliser: the form the gateway matches. */
  private static Canonical canonical(String kind, String value) {
    if (value == null || value.isBlank() || value.length() > MAX_ENTRY_CHARS) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request",
          "send {\"kind\": \"domain\" or \"url\", \"value\": \"example.com\"} (at most "
              + MAX_ENTRY_CHARS + " characters)");
    }
    String k = kind == null || kind.isBlank()
        ? (value.strip().contains("/") ? CustomEntry.URL : CustomEntry.DOMAIN) : kind.strip();
    try {
      return switch (k) {
        case CustomEntry.DOMAIN -> new Canonical(k, ListEntries.domain(value));
        case CustomEntry.URL -> new Canonical(k, ListEntries.url(value));
        default -> throw Access.fail(Response.Status.BAD_REQUEST, "bad-request",
            "kind is domain or url, not " + k);
      };
    } catch (IllegalArgumentException e) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-entry", e.getMessage());
    }
  }

  /** The category's own name (an alias names its target); 404 when no list has it. */
  private String category(String asked) {
    if (asked == null || !CATEGORY.matcher(asked).matches()) {
      throw Access.fail(Response.Status.NOT_FOUND, "no-such-category", "there is no category " + asked);
    }
    return s.policies().lists().find(asked).map(CategoryList::name).orElseThrow(() -> Access.fail(
        Response.Status.NOT_FOUND, "no-such-category", "there is no category " + asked));
  }

  private void logChange(ConsoleUser u, String action, String category, List<CustomEntry> before,
      List<CustomEntry> after) {
    s.adminLog().record(u.name(), action, "list:" + category, null, entriesOf(category, before),
        entriesOf(category, after));
  }

  private static Map<String, Object> entriesOf(String category, List<CustomEntry> entries) {
    return Map.of("category", category,
        "entries", entries.stream().map(e -> e.kind() + ":" + e.entry()).toList());
  }

  private static EntryView view(CustomEntry e) {
    return new EntryView(e.category(), e.kind(), e.entry(), e.createdBy(), e.createdAt());
  }

  private static String comment(String comment) {
    String c = comment == null ? "" : comment.strip();
    if (c.length() > MAX_COMMENT_CHARS) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request", "the comment is over "
          + MAX_COMMENT_CHARS + " characters");
    }
    return c;
  }

  /** The file name the form gave, reduced to printable characters for logs and the page. */
  private static String fileName(MIMEPart part) {
    List<String> disposition = part.getHeader("Content-Disposition");
    String header = disposition == null || disposition.isEmpty() ? "" : disposition.get(0);
    if (!header.matches("(?is)\\s*form-data\\s*;.*\\bname\\s*=\\s*\"?file\"?(\\s*;.*|\\s*)")) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request",
          "the first part of the form must be the file, in the field 'file'");
    }
    var m = Pattern.compile("(?i)filename\\s*=\\s*\"([^\"]*)\"").matcher(header);
    String name = m.find() ? m.group(1) : "upload.tar.gz";
    name = name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
    return name.length() > 200 ? name.substring(0, 200) : name;
  }

  private static ImportJob run(java.util.function.Supplier<ImportJob> start) {
    try {
      return start.get();
    } catch (ListsException e) {
      throw new jakarta.ws.rs.WebApplicationException(Response.status(e.status())
          .type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(e.code(), e.getMessage())).build());
    }
  }

  private static Response started(ImportJob job) {
    return Response.accepted(job.view())
        .location(URI.create("/api/v1/lists/imports/" + job.id())).build();
  }

  private static Response rejected(PolicyService.RejectedPolicyException e) {
    return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError("invalid-policy", "with this change the policy no longer compiles: "
            + e.getMessage(), e.errors())).build();
  }
}
