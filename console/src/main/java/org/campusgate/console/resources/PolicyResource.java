package org.campusgate.console.resources;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.campusgate.console.api.ApiError;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.core.PolicyService;
import org.campusgate.console.db.Policy;
import org.campusgate.console.db.PolicyVersion;
import org.campusgate.policy.PolicyError;

/**
 * A school's policy: the current text, validation with line-precise errors, publishing (the
 * school's gateway in this process switches to it before the answer), version history, diff
 * between versions and rollback.
 */
@Path("/v1/schools/{school}/policy")
@Produces(MediaType.APPLICATION_JSON)
public final class PolicyResource {
  private final ConsoleServices s;

  public PolicyResource(ConsoleServices services) {
    this.s = services;
  }

  /** A version as the API shows it; {@code live} is the version the school's gateway decides with. */
  public record VersionView(String school, int version, String author, String comment,
      Instant createdAt, String document, Long live) {}

  /** What to publish. */
  public record Publish(String document, String comment) {}

  /** The outcome of a check: valid, or errors with path, line and message. */
  public record ValidationView(boolean valid, List<PolicyError> errors, List<String> categories) {}

  @GET
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public VersionView current(@PathParam("school") String school, @Context SecurityContext sc) {
    Access.toRead(sc, s.db(), school);
    PolicyVersion v = s.policies().current(school).orElseThrow(() -> Access.fail(
        Response.Status.NOT_FOUND, "no-policy", "school " + school + " has no policy yet"));
    return view(school, v, true);
  }

  @POST
  @Path("/validate")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public ValidationView validate(@PathParam("school") String school, Publish body,
      @Context SecurityContext sc) {
    Access.toAdminister(sc, s.db(), school);
    PolicyService.Validation v = s.policies().validate(school, document(body), 1);
    return new ValidationView(v.valid(), v.errors(),
        v.valid() ? v.snapshot().categories() : List.of());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public Response publish(@PathParam("school") String school, Publish body,
      @Context SecurityContext sc) {
    ConsoleUser u = Access.toAdminister(sc, s.db(), school);
    String comment = body == null || body.comment() == null ? "" : body.comment().strip();
    if (comment.length() > 1000) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request", "the comment is over 1000 characters");
    }
    try {
      PolicyVersion v = s.policies().publish(school, document(body), u.name(), comment);
      return Response.status(Response.Status.CREATED).entity(view(school, v, true)).build();
    } catch (PolicyService.RejectedPolicyException e) {
      return rejected(e);
    }
  }

  @GET
  @Path("/versions")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public List<VersionView> history(@PathParam("school") String school, @Context SecurityContext sc) {
    Access.toRead(sc, s.db(), school);
    Policy p = s.policies().policyOf(school);
    return s.db().policies().history(p.id()).stream().map(v -> view(school, v, false)).toList();
  }

  @GET
  @Path("/versions/{version}")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public VersionView version(@PathParam("school") String school, @PathParam("version") int version,
      @Context SecurityContext sc) {
    Access.toRead(sc, s.db(), school);
    return view(school, find(school, version), true);
  }

  /** A unified diff between two versions' texts. */
  public record DiffView(int from, int to, String unified) {}

  @GET
  @Path("/versions/{version}/diff")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR})
  public DiffView diff(@PathParam("school") String school, @PathParam("version") int version,
      @QueryParam("against") Integer against, @Context SecurityContext sc) {
    Access.toRead(sc, s.db(), school);
    PolicyVersion to = find(school, version);
    int fromNumber = against == null ? version - 1 : against;
    List<String> from = fromNumber < 1 ? List.of() : find(school, fromNumber).document().lines().toList();
    List<String> lines = to.document().lines().toList();
    return new DiffView(fromNumber, version, String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(
        "version " + fromNumber, "version " + version, from, DiffUtils.diff(from, lines), 3)) + "\n");
  }

  @POST
  @Path("/versions/{version}/rollback")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN})
  public Response rollback(@PathParam("school") String school, @PathParam("version") int version,
      @Context SecurityContext sc) {
    ConsoleUser u = Access.toAdminister(sc, s.db(), school);
    try {
      PolicyVersion v = s.policies().rollback(school, version, u.name());
      return Response.status(Response.Status.CREATED).entity(view(school, v, true)).build();
    } catch (NoSuchElementException e) {
      throw Access.fail(Response.Status.NOT_FOUND, "no-such-version", e.getMessage());
    } catch (PolicyService.RejectedPolicyException e) {
      return rejected(e);
    }
  }

  private PolicyVersion find(String school, int version) {
    Policy p = s.policies().policyOf(school);
    return s.db().policies().version(p.id(), version).orElseThrow(() -> Access.fail(
        Response.Status.NOT_FOUND, "no-such-version", "the policy has no version " + version));
  }

  private static String document(Publish body) {
    if (body == null || body.document() == null || body.document().isBlank()) {
      throw Access.fail(Response.Status.BAD_REQUEST, "bad-request",
          "send {\"document\": \"<policy YAML>\", \"comment\": \"...\"}");
    }
    return body.document();
  }

  private static Response rejected(PolicyService.RejectedPolicyException e) {
    return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ApiError("invalid-policy", e.getMessage(), e.errors())).build();
  }

  private VersionView view(String school, PolicyVersion v, boolean withDocument) {
    Long live = s.policies().liveHolder(school).map(h -> h.current().version()).orElse(null);
    return new VersionView(school, v.version(), v.author(), v.comment(), v.createdAt(),
        withDocument ? v.document() : null, live);
  }
}
