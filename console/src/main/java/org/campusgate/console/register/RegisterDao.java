package org.campusgate.console.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppCategory;
import org.campusgate.policy.apps.AppFeature;
import org.campusgate.policy.apps.AppForm;
import org.campusgate.policy.apps.AppKind;
import org.campusgate.policy.apps.Evidence;
import org.campusgate.policy.apps.FilingOrigin;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.Fingerprints;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.ProvincialListing;
import org.campusgate.policy.apps.UsageMode;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The register's tables (V3__register.sql): the catalogue, the versions of provider and user
 * filings, and the state row. Filings are only ever appended to: {@link #addProviderVersion} and
 * {@link #addUserVersion} number the new version after the newest one, and two writers adding
 * the same number meet the primary key (answered as a 409).
 */
public final class RegisterDao {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private final Jdbi jdbi;
  private final Clock clock;

  /** @param jdbi the console database's configured Jdbi (it binds and reads instants in UTC) */
  public RegisterDao(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Runs {@code work} in one transaction: every call it makes on the console's DAOs from this
   * thread (this one's, the admin log's) shares the transaction's handle.
   */
  public <T> T inTransaction(Supplier<T> work) {
    return call("register change", () -> jdbi.inTransaction(h -> work.get()));
  }

  /** Now, cut to what both databases keep. */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  // ---- catalogue

  public List<CatalogueEntry> apps() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM register_apps ORDER BY id")
        .map((rs, ctx) -> app(rs)).list());
  }

  public Optional<CatalogueEntry> app(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM register_apps WHERE id = :id")
        .bind("id", id).map((rs, ctx) -> app(rs)).findOne());
  }

  /** Adds an app. @throws RefusedRequest 409 when the id is taken */
  public void insertApp(App a, String actor) {
    Instant now = now();
    run("add app " + a.id(), h -> bindApp(h.createUpdate("INSERT INTO register_apps (id, name, kind,"
            + " filing_number, category, features, domains, sni_patterns, url_prefixes, ip_ranges,"
            + " created_at, updated_at, updated_by) VALUES (:id, :name, :kind, :filing, :category,"
            + " :features, :domains, :sni, :urls, :ips, :now, :now, :by)"), a)
        .bind("now", now).bind("by", actor).execute());
  }

  /** Replaces an app's fields. @return false when there is no such app */
  public boolean updateApp(App a, String actor) {
    Instant now = now();
    return call("change app " + a.id(), () -> jdbi.withHandle(h -> bindApp(h.createUpdate(
            "UPDATE register_apps SET name = :name, kind = :kind, filing_number = :filing,"
                + " category = :category, features = :features, domains = :domains,"
                + " sni_patterns = :sni, url_prefixes = :urls, ip_ranges = :ips,"
                + " updated_at = :now, updated_by = :by WHERE id = :id"), a)
        .bind("now", now).bind("by", actor).execute())) == 1;
  }

  private static org.jdbi.v3.core.statement.Update bindApp(org.jdbi.v3.core.statement.Update u, App a) {
    return u.bind("id", a.id()).bind("name", a.name()).bind("kind", a.kind().name())
        .bind("filing", a.filingNumber()).bind("category", a.category().name())
        .bind("features", json(sortedNames(a.features())))
        .bind("domains", json(a.fingerprints().domains()))
        .bind("sni", json(a.fingerprints().sniPatterns()))
        .bind("urls", json(a.fingerprints().urlPrefixes()))
        .bind("ips", json(a.fingerprints().ipRanges()));
  }

  private static CatalogueEntry app(ResultSet rs) throws SQLException {
    App a = new App(rs.getString("id"), rs.getString("name"), AppKind.valueOf(rs.getString("kind")),
        rs.getString("filing_number"), AppCategory.valueOf(rs.getString("category")),
        features(rs.getString("features")),
        new Fingerprints(strings(rs.getString("domains")), strings(rs.getString("sni_patterns")),
            strings(rs.getString("url_prefixes")), strings(rs.getString("ip_ranges"))));
    return new CatalogueEntry(a, instant(rs, "created_at"), instant(rs, "updated_at"),
        rs.getString("updated_by"));
  }

  // ---- provider filings

  /** Every version of every provider filing, by number then version. */
  public List<ProviderVersion> providerVersions() {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM register_provider_filings ORDER BY filing_number, version")
        .map((rs, ctx) -> provider(rs)).list());
  }

  /** The versions of one provider filing, oldest first; empty when unknown. */
  public List<ProviderVersion> providerHistory(String number) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM register_provider_filings WHERE filing_number = :n ORDER BY version")
        .bind("n", number).map((rs, ctx) -> provider(rs)).list());
  }

  /** Appends a version after the newest one. @return its version number */
  public int addProviderVersion(ProviderFiling f, String actor) {
    return call("record provider filing " + f.filingNumber(), () -> jdbi.withHandle(h -> {
      int version = h.createQuery("SELECT COALESCE(MAX(version), 0) FROM register_provider_filings"
              + " WHERE filing_number = :n").bind("n", f.filingNumber()).mapTo(Integer.class).one() + 1;
      h.createUpdate("INSERT INTO register_provider_filings (filing_number, version, app_name,"
              + " aliases, form, provider_name, credit_code, provider_type, authority, icp_number,"
              + " mlps_number, mlps_level, category, features, training_licence, status,"
              + " status_reason, may_refile_from, provincial_lists, source, effective_from,"
              + " recorded_at, recorded_by) VALUES (:n, :v, :appName, :aliases, :form, :provider,"
              + " :credit, :ptype, :authority, :icp, :mlps, :level, :category, :features, :licence,"
              + " :status, :reason, :refile, :lists, :source, :from, :recorded, :by)")
          .bind("n", f.filingNumber()).bind("v", version).bind("appName", f.appName())
          .bind("aliases", json(f.aliases())).bind("form", f.form().name())
          .bind("provider", f.providerName()).bind("credit", f.creditCode())
          .bind("ptype", f.providerType()).bind("authority", f.authority())
          .bind("icp", f.icpNumber()).bind("mlps", f.mlpsNumber()).bind("level", f.mlpsLevel())
          .bind("category", f.category().name()).bind("features", json(sortedNames(f.features())))
          .bind("licence", f.trainingLicence()).bind("status", f.status().name())
          .bind("reason", f.statusReason()).bind("refile", f.mayRefileFrom())
          .bind("lists", json(new TreeMap<>(f.provincialLists()))).bind("source", f.source())
          .bind("from", micros(f.effectiveFrom())).bind("recorded", micros(f.recordedAt()))
          .bind("by", actor)
          .execute();
      return version;
    }));
  }

  private static ProviderVersion provider(ResultSet rs) throws SQLException {
    Map<String, ProvincialListing> lists = new TreeMap<>();
    map(rs.getString("provincial_lists")).forEach((k, v) -> lists.put(k, ProvincialListing.valueOf(v)));
    ProviderFiling f = ProviderFiling.builder(rs.getString("filing_number"))
        .appName(rs.getString("app_name"))
        .aliases(strings(rs.getString("aliases")))
        .form(AppForm.valueOf(rs.getString("form")))
        .provider(rs.getString("provider_name"), rs.getString("credit_code"))
        .providerType(rs.getString("provider_type"))
        .authority(rs.getString("authority"))
        .icp(rs.getString("icp_number"))
        .mlps(rs.getString("mlps_number"), rs.getInt("mlps_level"))
        .category(AppCategory.valueOf(rs.getString("category")))
        .features(features(rs.getString("features")))
        .trainingLicence(rs.getString("training_licence"))
        .status(FilingStatus.valueOf(rs.getString("status")))
        .statusReason(rs.getString("status_reason"))
        .mayRefileFrom(rs.getObject("may_refile_from", LocalDate.class))
        .provincialLists(lists)
        .source(rs.getString("source"))
        .effectiveFrom(instant(rs, "effective_from"))
        .recordedAt(instant(rs, "recorded_at"))
        .build();
    return new ProviderVersion(rs.getInt("version"), f, rs.getString("recorded_by"));
  }

  // ---- user filings

  /** Every version of every user filing, by id then version. */
  public List<UserVersion> userVersions() {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM register_user_filings ORDER BY id, version")
        .map((rs, ctx) -> user(rs)).list());
  }

  /** The versions of one user filing, oldest first; empty when unknown. */
  public List<UserVersion> userHistory(String id) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT * FROM register_user_filings WHERE id = :id ORDER BY version")
        .bind("id", id).map((rs, ctx) -> user(rs)).list());
  }

  /** Whether any version of a user filing has this id. */
  public boolean userFilingExists(String id) {
    return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM register_user_filings WHERE id = :id")
        .bind("id", id).mapTo(Integer.class).one()) > 0;
  }

  /**
   * Appends a version after the newest one.
   *
   * @param expected the version the caller read as the newest (0 for a new filing): a writer
   *     that got in between makes this one fail with 409
   * @return the new version's number
   */
  public int addUserVersion(UserFiling f, String note, String actor, int expected) {
    return call("record user filing " + f.id(), () -> jdbi.withHandle(h -> {
      int newest = h.createQuery("SELECT COALESCE(MAX(version), 0) FROM register_user_filings"
          + " WHERE id = :id").bind("id", f.id()).mapTo(Integer.class).one();
      if (newest != expected) {
        throw RefusedRequest.conflict("concurrent-change", "user filing " + f.id()
            + " was changed by someone else meanwhile; reload it and try again");
      }
      int version = newest + 1;
      h.createUpdate("INSERT INTO register_user_filings (id, version, school_id, app_id,"
              + " supervising_dept, filing_number, origin, usage_mode, charges_students,"
              + " linked_to_grades, evidence_consultation, evidence_minutes, evidence_agreement,"
              + " scope, windows, status, status_note, confirmed_by, confirmed_at, valid_from,"
              + " valid_to, effective_from, recorded_at, recorded_by) VALUES (:id, :v, :school,"
              + " :app, :dept, :filing, :origin, :usage, :charges, :grades, :consultation,"
              + " :minutes, :agreement, :scope, :windows, :status, :note, :confirmedBy,"
              + " :confirmedAt, :validFrom, :validTo, :from, :recorded, :by)")
          .bind("id", f.id()).bind("v", version).bind("school", f.schoolId())
          .bind("app", f.appId()).bind("dept", f.supervisingDept())
          .bind("filing", f.filingNumber()).bind("origin", f.origin().name())
          .bind("usage", f.usage().name()).bind("charges", f.chargesStudents())
          .bind("grades", f.linkedToGrades())
          .bind("consultation", f.evidence().consultation())
          .bind("minutes", f.evidence().decisionMinutes())
          .bind("agreement", f.evidence().dataAgreement())
          .bind("scope", json(new ArrayList<>(new java.util.TreeSet<>(f.scope()))))
          .bind("windows", f.windows()).bind("status", f.status().name()).bind("note", note)
          .bind("confirmedBy", f.confirmedBy()).bind("confirmedAt", micros(f.confirmedAt()))
          .bind("validFrom", f.validFrom()).bind("validTo", f.validTo())
          .bind("from", micros(f.effectiveFrom())).bind("recorded", micros(f.recordedAt()))
          .bind("by", actor)
          .execute();
      return version;
    }));
  }

  private static UserVersion user(ResultSet rs) throws SQLException {
    UserFiling f = UserFiling.builder(rs.getString("id"), rs.getString("school_id"), rs.getString("app_id"))
        .supervisingDept(rs.getString("supervising_dept"))
        .filingNumber(rs.getString("filing_number"))
        .origin(FilingOrigin.valueOf(rs.getString("origin")))
        .usage(UsageMode.valueOf(rs.getString("usage_mode")))
        .chargesStudents(rs.getBoolean("charges_students"))
        .linkedToGrades(rs.getBoolean("linked_to_grades"))
        .evidence(new Evidence(rs.getString("evidence_consultation"), rs.getString("evidence_minutes"),
            rs.getString("evidence_agreement")))
        .scope(new LinkedHashSet<>(strings(rs.getString("scope"))))
        .windows(rs.getString("windows"))
        .status(UserFilingStatus.valueOf(rs.getString("status")))
        .confirmed(rs.getString("confirmed_by"), instant(rs, "confirmed_at"))
        .valid(rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class))
        .effectiveFrom(instant(rs, "effective_from"))
        .recordedAt(instant(rs, "recorded_at"))
        .build();
    return new UserVersion(rs.getInt("version"), f, rs.getString("status_note"), rs.getString("recorded_by"));
  }

  // ---- state

  public RegisterState state() {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM register_state WHERE id = 1")
        .map((rs, ctx) -> new RegisterState(rs.getLong("revision"), instant(rs, "last_synced_at"),
            rs.getString("last_sync_source"), instant(rs, "changed_at"), rs.getString("changed_by")))
        .one());
  }

  /**
   * Raises the revision by one for a change by {@code actor}; {@code syncSource} non-null also
   * records that the filing data was brought up to date now, from there.
   *
   * @return the new revision
   */
  public long nextRevision(String actor, String syncSource) {
    Instant now = now();
    return jdbi.withHandle(h -> {
      h.createUpdate("UPDATE register_state SET revision = revision + 1, changed_at = :now,"
              + " changed_by = :by" + (syncSource == null ? "" : ", last_synced_at = :now,"
              + " last_sync_source = :source") + " WHERE id = 1")
          .bind("now", now).bind("by", actor).bind("source", syncSource).execute();
      return h.createQuery("SELECT revision FROM register_state WHERE id = 1").mapTo(Long.class).one();
    });
  }

  // ---- helpers

  private void run(String what, java.util.function.Consumer<Handle> body) {
    call(what, () -> jdbi.withHandle(h -> {
      body.accept(h);
      return null;
    }));
  }

  /** Database refusals as the API answers them: a duplicate is a 409, a missing reference a 422. */
  private static <T> T call(String what, Supplier<T> body) {
    try {
      return body.get();
    } catch (JdbiException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
          switch (sql.getSQLState()) {
            case "23505" -> throw RefusedRequest.conflict("duplicate", what + ": it exists already");
            case "23503", "23506" -> throw new RefusedRequest(422, "unknown-reference",
                what + ": it names a school or app that does not exist");
            default -> { }
          }
        }
      }
      throw e;
    }
  }

  private static Instant micros(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static List<String> sortedNames(Set<? extends Enum<?>> values) {
    return values.stream().map(Enum::name).sorted().toList();
  }

  private static Set<AppFeature> features(String json) {
    Set<AppFeature> out = EnumSet.noneOf(AppFeature.class);
    strings(json).forEach(s -> out.add(AppFeature.valueOf(s)));
    return out;
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> strings(String json) {
    try {
      return json == null ? List.of() : JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a register row holds a malformed list: " + json, e);
    }
  }

  private static Map<String, String> map(String json) {
    try {
      return json == null ? Map.of() : JSON.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a register row holds a malformed map: " + json, e);
    }
  }
}
