package org.campusgate.console.resources;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.EvidenceBundle;
import org.campusgate.audit.evidence.EvidenceFile;
import org.campusgate.console.auth.Roles;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.ConsoleServices;

/**
 * Evidence from the console: {@code POST /api/v1/audit/evidence} answers the chosen events with
 * their inclusion proofs and the signed checkpoint as the same bundle file {@code campusgate
 * audit evidence} writes, which {@code campusgate verify-evidence FILE --key KEY} checks
 * offline; {@code GET /api/v1/audit/key} answers that key.
 *
 * <p>Who may export is {@link AuditGate}'s rule for persons' events; a school-bound caller only
 * events of their school. The export is logged ({@code audit.evidence}: case, reason, how many
 * events, the checkpoint's tree size) before the bundle is sent.
 */
@Path("/v1/audit")
public final class EvidenceResource {
  /** The most events one export holds: evidence is for a case, not bulk export. */
  static final int MAX_EVENTS = 1000;
  /** The largest request body: {@value #MAX_EVENTS} ids with a case and a reason fit easily. */
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Pattern UUID_TEXT = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern UNSAFE_IN_NAME = Pattern.compile("[^A-Za-z0-9._-]+");

  private final Supplier<AuditStore> store;
  private final AuditGate gate;
  private final ObjectMapper json;

  public EvidenceResource(ConsoleServices s) {
    this(s::store, s.adminLog(), s.json());
  }

  public EvidenceResource(Supplier<AuditStore> store, AdminLog log, ObjectMapper json) {
    this.store = Objects.requireNonNull(store, "store");
    this.gate = new AuditGate(log);
    this.json = Objects.requireNonNull(json, "json");
  }

  /** What to export, and why. */
  public record EvidenceRequest(@JsonProperty("case") String caseRef, String reason,
      String school, List<String> eventIds) {}

  @POST
  @Path("/evidence")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public Response evidence(InputStream in, @Context SecurityContext sc) {
    EvidenceRequest body = read(in);
    String caseRef = AuditParams.text("case", body.caseRef(), 100);
    String reason = AuditParams.text("reason", body.reason(), 500);
    String school = AuditParams.text("school", body.school(), 64);
    AuditGate.Scope scope = gate.admit(Access.user(sc), school, caseRef, reason, true);
    List<UUID> ids = ids(body.eventIds());

    EvidenceBundle bundle = AuditResource.call(() -> {
      try {
        return AuditResource.open(store).proof(ids);
      } catch (IllegalArgumentException e) {
        throw Access.fail(Response.Status.NOT_FOUND, "unknown-event", e.getMessage());
      }
    }, false);
    for (EvidenceBundle.Item item : bundle.items()) {
      AuditRecord e = item.event();
      if (scope.school() != null && !scope.school().equals(e.schoolId())) {
        throw Access.fail(Response.Status.FORBIDDEN, "forbidden-school",
            "event " + e.eventId() + " is not of school " + scope.school());
      }
    }
    String file = new EvidenceFile().write(bundle);
    Map<String, Object> logged = new LinkedHashMap<>();
    logged.put("case", caseRef);
    logged.put("reason", reason);
    logged.put("events", bundle.items().size());
    logged.put("treeSize", bundle.checkpoint().checkpoint().treeSize());
    logged.put("eventIds", ids.stream().map(UUID::toString).toList());
    // logged before the bytes go out: an export that was sent is always on record
    gate.record(scope, "audit.evidence", "audit:evidence:" + (caseRef == null ? "-" : caseRef),
        logged);
    return Response.ok(file, MediaType.APPLICATION_JSON_TYPE.withCharset("utf-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION,
            "attachment; filename=\"" + fileName(caseRef) + "\"")
        .build();
  }

  /** The verifier key anyone checks evidence with; not secret, so every role may fetch it. */
  @GET
  @Path("/key")
  @Produces("text/plain; charset=utf-8")
  @RolesAllowed({Roles.DISTRICT_ADMIN, Roles.SCHOOL_ADMIN, Roles.INSPECTOR, Roles.RESPONDER})
  public Response key() {
    String key = AuditResource.call(() -> AuditResource.open(store).verifierKey(), false);
    return Response.ok(key + "\n")
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"campusgate-verifier.pub\"")
        .build();
  }

  /** The request body, bounded: 413 {@code too-large} past {@value #MAX_BODY_BYTES} bytes. */
  private EvidenceRequest read(InputStream in) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw AuditParams.bad("bad-request", "the body could not be read: " + e.getMessage());
    }
    if (bytes.length > MAX_BODY_BYTES) {
      throw Access.fail(Response.Status.REQUEST_ENTITY_TOO_LARGE, "too-large",
          "the body is over " + MAX_BODY_BYTES + " bytes");
    }
    EvidenceRequest body;
    try {
      body = bytes.length == 0 ? null : json.readValue(bytes, EvidenceRequest.class);
    } catch (IOException e) {
      throw AuditParams.bad("bad-request", "the body is not {case, reason, eventIds}");
    }
    if (body == null) {
      throw AuditParams.bad("bad-request", "the body is {case, reason, eventIds}");
    }
    return body;
  }

  /** The bundle's file name: the case reference kept to letters, digits, dot, dash, underscore. */
  static String fileName(String caseRef) {
    String safe = caseRef == null ? "" : UNSAFE_IN_NAME.matcher(caseRef).replaceAll("_");
    safe = safe.replaceAll("^[._]+", "");
    if (safe.length() > 64) {
      safe = safe.substring(0, 64);
    }
    return "evidence-" + (safe.isEmpty() ? "export" : safe) + ".json";
  }

  /** The ids: 1..{@value #MAX_EVENTS} UUIDs, repeats dropped; else 400. */
  private static List<UUID> ids(List<String> raw) {
    if (raw == null || raw.isEmpty() || raw.size() > MAX_EVENTS) {
      throw AuditParams.bad("bad-event-ids", "eventIds must list 1 to " + MAX_EVENTS
          + " event ids");
    }
    Set<UUID> out = new LinkedHashSet<>();
    for (String s : raw) {
      if (s == null || !UUID_TEXT.matcher(s).matches()) {
        String shown = s == null ? "null" : s.length() > 40 ? s.substring(0, 40) + "…" : s;
        throw AuditParams.bad("bad-event-id", "not an event id (a UUID): " + shown);
      }
      out.add(UUID.fromString(s));
    }
    return List.copyOf(out);
  }
}
