package org.campusgate.console.report.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.campusgate.console.core.HealthWatch;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.report.MonthlyReport;

/**
 * Pairs the health watch's transitions ({@code health.unhealthy} then {@code health.healthy},
 * per {@code health:<check>} target) into periods a check was unhealthy. A second "unhealthy"
 * while one is open (a restart) keeps the first start; a "healthy" with none open is ignored.
 */
final class HealthAlerts {
  private HealthAlerts() {}

  /**
   * The periods of {@code check} that overlap {@code [from, to)}, oldest first; one still open
   * has {@code to} null.
   *
   * @param transitions the admin log's health entries up to {@code to}, in log order
   */
  static List<MonthlyReport.HealthAlert> periods(List<AdminAction> transitions, String check,
      Instant from, Instant to, ObjectMapper json) {
    String target = HealthWatch.TARGET_PREFIX + check;
    List<MonthlyReport.HealthAlert> out = new ArrayList<>();
    Instant start = null;
    String message = null;
    for (AdminAction a : transitions) {
      if (!a.target().equals(target)) {
        continue;
      }
      if (HealthWatch.UNHEALTHY.equals(a.action()) && start == null) {
        start = a.at();
        message = message(a, json);
      } else if (HealthWatch.HEALTHY.equals(a.action()) && start != null) {
        if (start.isBefore(to) && a.at().isAfter(from)) {
          out.add(new MonthlyReport.HealthAlert(check, start, a.at(), message));
        }
        start = null;
      }
    }
    if (start != null && start.isBefore(to)) {
      out.add(new MonthlyReport.HealthAlert(check, start, null, message));
    }
    return out;
  }

  private static String message(AdminAction a, ObjectMapper json) {
    if (a.afterJson() == null) {
      return "";
    }
    try {
      JsonNode m = json.readTree(a.afterJson()).get("message");
      return m == null ? "" : m.asText();
    } catch (java.io.IOException e) {
      return a.afterJson();
    }
  }
}
