package org.campusgate.console.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * What an inspector without a case reference may read of an admin-log entry: who did what, when
 * and why, never whom it concerned. Entries about persons (looks at their logs, changes to users,
 * memberships and IP bindings) lose the person from their target and their details; a look at
 * logs keeps its case, reason, range and school, so log-access can still be inspected.
 */
public final class PersonRedaction {
  /** The fields of an {@code audit.*} entry that name no person. */
  private static final Set<String> AUDIT_KEPT = Set.of("case", "reason", "from", "to", "school",
      "by", "action", "reasonCode", "category", "app", "group", "events", "treeSize");

  private PersonRedaction() {}

  /** Whether the entry's target or details may name a person. */
  public static boolean concernsPersons(String action) {
    return action.startsWith("audit.") || action.startsWith("user.")
        || action.startsWith("membership.") || action.startsWith("binding.");
  }

  /**
   * The target without the person: {@code audit:user:alice} → {@code audit:user}, {@code
   * user:north/alice} → {@code user:north}; an evidence export keeps its case reference.
   */
  public static String target(String action, String target) {
    if (target == null || !concernsPersons(action) || target.startsWith("audit:evidence:")) {
      return target;
    }
    if (target.startsWith("audit:")) {
      int second = target.indexOf(':', "audit:".length());
      return second < 0 ? target : target.substring(0, second);
    }
    int slash = target.indexOf('/');
    return slash < 0 ? target : target.substring(0, slash);
  }

  /** The details without the person: audit entries keep their non-personal fields, others none. */
  public static JsonNode details(String action, JsonNode details) {
    if (details == null || !concernsPersons(action)) {
      return details;
    }
    if (!action.startsWith("audit.") || !details.isObject()) {
      return null;
    }
    ObjectNode kept = ((ObjectNode) details).deepCopy();
    kept.retain(AUDIT_KEPT);
    return kept;
  }
}
