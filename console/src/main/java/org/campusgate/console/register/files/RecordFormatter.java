package org.campusgate.console.register.files;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.UserFiling;

/**
 * Writes records as the cells {@link RecordParser} reads back to equal records: a time at
 * midnight in the register's zone as a date, any other as an ISO time with its offset; lists
 * space-separated (names with {@code ;}).
 */
final class RecordFormatter {
  private final ZoneId zone;

  RecordFormatter(ZoneId zone) {
    this.zone = zone;
  }

  Map<String, String> app(App a) {
    Map<String, String> m = new HashMap<>();
    m.put("id", a.id());
    m.put("name", a.name());
    m.put("kind", a.kind().name());
    m.put("filing_number", a.filingNumber());
    m.put("category", a.category().name());
    m.put("features", names(a.features()));
    m.put("domains", String.join(" ", a.fingerprints().domains()));
    m.put("sni_patterns", String.join(" ", a.fingerprints().sniPatterns()));
    m.put("url_prefixes", String.join(" ", a.fingerprints().urlPrefixes()));
    m.put("ip_ranges", String.join(" ", a.fingerprints().ipRanges()));
    return m;
  }

  Map<String, String> providerFiling(ProviderFiling f) {
    Map<String, String> m = new HashMap<>();
    m.put("filing_number", f.filingNumber());
    m.put("app_name", f.appName());
    m.put("aliases", String.join("; ", f.aliases()));
    m.put("form", f.form().name());
    m.put("provider_name", f.providerName());
    m.put("credit_code", f.creditCode());
    m.put("provider_type", f.providerType());
    m.put("authority", f.authority());
    m.put("icp_number", f.icpNumber());
    m.put("mlps_number", f.mlpsNumber());
    m.put("mlps_level", f.mlpsLevel() == 0 ? null : Integer.toString(f.mlpsLevel()));
    m.put("category", f.category().name());
    m.put("features", names(f.features()));
    m.put("training_licence", f.trainingLicence());
    m.put("status", f.status().name());
    m.put("status_reason", f.statusReason());
    m.put("may_refile_from", f.mayRefileFrom() == null ? null : f.mayRefileFrom().toString());
    m.put("provincial_lists", new TreeMap<>(f.provincialLists()).entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" ")));
    m.put("source", f.source());
    m.put("effective_from", time(f.effectiveFrom()));
    m.put("recorded_at", time(f.recordedAt()));
    return m;
  }

  Map<String, String> userFiling(UserFiling f) {
    Map<String, String> m = new HashMap<>();
    m.put("id", f.id());
    m.put("school", f.schoolId());
    m.put("supervising_dept", f.supervisingDept());
    m.put("app_id", f.appId());
    m.put("filing_number", f.filingNumber());
    m.put("origin", f.origin().name());
    m.put("usage", f.usage().name());
    m.put("charges_students", Boolean.toString(f.chargesStudents()));
    m.put("linked_to_grades", Boolean.toString(f.linkedToGrades()));
    m.put("consultation_ref", f.evidence().consultation());
    m.put("decision_minutes_ref", f.evidence().decisionMinutes());
    m.put("data_agreement_ref", f.evidence().dataAgreement());
    m.put("scope", String.join(" ", new TreeSet<>(f.scope())));
    m.put("windows", f.windows());
    m.put("status", f.status().name());
    m.put("confirmed_by", f.confirmedBy());
    m.put("confirmed_at", time(f.confirmedAt()));
    m.put("valid_from", f.validFrom() == null ? null : f.validFrom().toString());
    m.put("valid_to", f.validTo() == null ? null : f.validTo().toString());
    m.put("effective_from", time(f.effectiveFrom()));
    m.put("recorded_at", time(f.recordedAt()));
    return m;
  }

  String time(Instant t) {
    if (t == null) {
      return null;
    }
    ZonedDateTime local = t.atZone(zone);
    return local.toLocalTime().equals(LocalTime.MIDNIGHT)
        ? local.toLocalDate().toString()
        : local.toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static String names(Collection<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
  }
}
