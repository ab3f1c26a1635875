package org.campusgate.console.report;

import java.util.Map;
import java.util.Objects;

/**
 * One problem a monthly inspection found.
 *
 * @param kind what kind of problem
 * @param schoolId the school it concerns, or null for the district (e.g. a store-wide integrity
 *     failure)
 * @param subject what it is about, stable across months so an item is raised once: an app id, a
 *     filing id, a day ({@code 2026-10-14}), an instant, or the kind's name when there is one per
 *     school
 * @param facts the details the report's text shows, by name (e.g. {@code app}, {@code count},
 *     {@code groups}, {@code from}, {@code to}), in the order shown
 */
public record Finding(FindingKind kind, String schoolId, String subject, Map<String, String> facts) {
  public Finding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    facts = facts == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(facts));
  }
}
