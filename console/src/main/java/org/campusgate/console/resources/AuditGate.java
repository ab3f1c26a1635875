package org.campusgate.console.resources;

import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.core.AdminLog;

/**
 * Who may see which audit events, and the admin-log entry every look at a person's events
 * leaves.
 *
 * <ul>
 *   <li>responder: persons' events, every request with a case reference and a reason (400
 *       {@code case-required} without them);
 *   <li>inspector: aggregates; persons' events (searches, per-user aggregates, timelines) only
 *       with a case reference and reason (403 {@code case-required} without a case);
 *   <li>school-admin: their own school's events;
 *   <li>district-admin: every school's events.
 * </ul>
 * A caller bound to a school (school-admins, school-bound responders and tokens) is kept to it:
 * asking for another school answers 403 {@code forbidden-school}. Every look at persons' events
 * is logged, whatever the role, with the case and reason when given.
 */
final class AuditGate {
  private final AdminLog log;

  AuditGate(AdminLog log) {
    this.log = log;
  }

  /**
   * What a request may see.
   *
   * @param school the school it is kept to, or null for all schools
   * @param caseRef the case reference, or null
   * @param reason why the caller looks, or null
   */
  record Scope(ConsoleUser user, String school, String caseRef, String reason) {}

  /**
   * Checks a request and answers its scope, or throws 400/403.
   *
   * @param persons whether the answer shows persons' events (rather than counts over many)
   */
  Scope admit(ConsoleUser u, AuditParams p, boolean persons) {
    return admit(u, p.school(), p.caseRef(), p.reason(), persons);
  }

  /**
   * Checks a request whose school, case and reason are already read (and checked for form).
   *
   * @param asked the school asked for, or null
   */
  Scope admit(ConsoleUser u, String asked, String caseRef, String reason, boolean persons) {
    String school = school(u, asked);
    switch (u.role()) {
      case RESPONDER -> {
        if (caseRef == null || reason == null) {
          throw Access.fail(Response.Status.BAD_REQUEST, "case-required",
              "a responder's every audit search needs a case reference (case) and a reason");
        }
      }
      case INSPECTOR -> {
        if (persons && caseRef == null) {
          throw Access.fail(Response.Status.FORBIDDEN, "case-required",
              "an inspector sees aggregates; persons' events need a case reference (case)");
        }
        if (persons && reason == null) {
          throw Access.fail(Response.Status.BAD_REQUEST, "case-required",
              "looking at persons' events with a case reference needs a reason too");
        }
      }
      case SCHOOL_ADMIN, DISTRICT_ADMIN -> {
        // case and reason are optional; when given they go into the log
      }
    }
    return new Scope(u, school, caseRef, reason);
  }

  /** Writes who looked at what, why, and with which filters. */
  void record(Scope scope, String action, String target, Map<String, Object> asked) {
    log.record(scope.user().name(), action, target, scope.school(), null, asked);
  }

  /** The school a caller is kept to: their own when bound to one, else the one asked (or all). */
  private static String school(ConsoleUser u, String asked) {
    String own = u.schoolId();
    if (own == null && u.role() == org.campusgate.console.db.ConsoleRole.SCHOOL_ADMIN) {
      throw Access.fail(Response.Status.FORBIDDEN, "forbidden-school",
          u.name() + " is a school-admin without a school");
    }
    if (own != null && asked != null && !own.equals(asked)) {
      throw Access.fail(Response.Status.FORBIDDEN, "forbidden-school",
          u.name() + " may not read the audit events of school " + asked);
    }
    return own != null ? own : asked;
  }
}
