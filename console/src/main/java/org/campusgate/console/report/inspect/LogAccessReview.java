package org.campusgate.console.report.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import org.campusgate.console.audit.PersonRedaction;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.report.MonthlyReport;

/**
 * Reads one admin-log entry of a look at audit logs ({@code audit.*}; its after-JSON holds the
 * parameters asked, with {@code case} and {@code reason}) and says whether it looked at persons.
 * Every {@code audit.*} action shows persons' events except an aggregate, which does only when
 * grouped by user or filtered by a user or an address (AuditResource logs the others only when
 * a case was given).
 */
final class LogAccessReview {
  private final ObjectMapper json;

  LogAccessReview(ObjectMapper json) {
    this.json = json;
  }

  /**
   * The entry as the report lists it: the target without the person looked at (the report goes
   * to inspectors and into the bulletin; the case reference says where to find the rest).
   */
  MonthlyReport.LogAccess access(AdminAction a) {
    JsonNode asked = asked(a);
    return new MonthlyReport.LogAccess(a.id(), a.at(), a.actor(), a.action(),
        PersonRedaction.target(a.action(), a.target()),
        text(asked, "case"), text(asked, "reason"));
  }

  /** Whether the look showed persons' events. */
  boolean persons(AdminAction a) {
    if (!"audit.aggregate".equals(a.action())) {
      return true;
    }
    JsonNode asked = asked(a);
    if (asked.hasNonNull("user") || asked.hasNonNull("ip")) {
      return true;
    }
    for (JsonNode by : asked.path("by")) {
      if ("user".equals(by.asText().toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private JsonNode asked(AdminAction a) {
    if (a.afterJson() == null) {
      return json.createObjectNode();
    }
    try {
      JsonNode n = json.readTree(a.afterJson());
      return n == null || !n.isObject() ? json.createObjectNode() : n;
    } catch (IOException e) {
      return json.createObjectNode();
    }
  }

  private static String text(JsonNode asked, String field) {
    JsonNode v = asked.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
  }
}
