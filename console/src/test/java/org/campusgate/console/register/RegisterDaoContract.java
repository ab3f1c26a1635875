package org.campusgate.console.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.console.db.ConsoleDatabase;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link RegisterDao} promises, against a real database (H2 file and PostgreSQL
 * subclasses): every field comes back as written, versions are kept and ordered, a version
 * written over a newer one is refused, and the state row counts revisions.
 */
abstract class RegisterDaoContract {
  static final Instant NOW = Instant.parse("2026-11-10T02:00:00.123456789Z");
  static final Instant NOW_STORED = Instant.parse("2026-11-10T02:00:00.123456Z");

  ConsoleDatabase db;
  RegisterDao dao;

  abstract String newDatabaseUrl() throws Exception;

  abstract String user();

  @BeforeEach
  void open() throws Exception {
    db = ConsoleDatabase.open(newDatabaseUrl(), user(), "", Clock.fixed(NOW, ZoneOffset.UTC));
    db.schools().create("north", "North Primary");
    dao = new RegisterDao(db.jdbi(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    db.close();
  }

  static App ketang() {
    return new App("ketang", "课堂派 Ketang", AppKind.LEARNING, "JYAPP-0001", AppCategory.TEACHING,
        Set.of(AppFeature.CHAT, AppFeature.LIVE),
        new Fingerprints(List.of("ketang.example", "ketang-cdn.example"), List.of("*.kt.example"),
            List.of("portal.example/ketang"), List.of("203.0.113.0/24")));
  }

  static ProviderFiling filing(FilingStatus status, Instant from) {
    return ProviderFiling.builder("JYAPP-0001").appName("课堂派").aliases(List.of("Ketang", "KTP"))
        .form(AppForm.MINI_PROGRAM).provider("课堂科技有限公司", "91110000MA0000000X")
        .providerType("company").authority("GD").icp("粤ICP备00000001号").mlps("44010000000-00001", 3)
        .category(AppCategory.TEACHING).features(Set.of(AppFeature.CHAT))
        .trainingLicence(null).status(status).statusReason(status == FilingStatus.ACTIVE ? null : "违规")
        .mayRefileFrom(status == FilingStatus.ACTIVE ? null : LocalDate.of(2027, 5, 1))
        .provincialLists(Map.of("GD", ProvincialListing.WHITE, "BJ", ProvincialListing.GREY))
        .source("platform 2026-11").effectiveFrom(from).recordedAt(NOW).build();
  }

  @Test
  void anAppComesBackAsWrittenAndChangesInPlace() {
    dao.insertApp(ketang(), "district");
    CatalogueEntry e = dao.app("ketang").orElseThrow();
    assertThat(e.app()).isEqualTo(ketang());
    assertThat(e.updatedBy()).isEqualTo("district");
    assertThat(e.createdAt()).isEqualTo(NOW_STORED);

    App renamed = new App("ketang", "Ketang 2", AppKind.LEARNING, null, AppCategory.HOMEWORK, Set.of(),
        Fingerprints.ofDomains("ketang.example"));
    assertThat(dao.updateApp(renamed, "other")).isTrue();
    assertThat(dao.app("ketang").orElseThrow().app()).isEqualTo(renamed);
    assertThat(dao.updateApp(new App("nope", null, AppKind.OTHER, null, null, null, null), "x")).isFalse();
    assertThatThrownBy(() -> dao.insertApp(ketang(), "district"))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.status()).isEqualTo(409));
  }

  @Test
  void providerFilingVersionsAreKeptInOrderWithEveryField() {
    Instant first = Instant.parse("2026-09-01T00:00:00Z");
    Instant revoked = Instant.parse("2026-11-10T00:00:00Z");
    assertThat(dao.addProviderVersion(filing(FilingStatus.ACTIVE, first), "district")).isEqualTo(1);
    assertThat(dao.addProviderVersion(filing(FilingStatus.REVOKED, revoked), "import")).isEqualTo(2);

    List<ProviderVersion> history = dao.providerHistory("JYAPP-0001");
    assertThat(history).extracting(ProviderVersion::version).containsExactly(1, 2);
    assertThat(history.get(0).filing()).isEqualTo(filing(FilingStatus.ACTIVE, first).withStatus(
        FilingStatus.ACTIVE, null, first, NOW_STORED));
    assertThat(history.get(1).filing().status()).isEqualTo(FilingStatus.REVOKED);
    assertThat(history.get(1).filing().mayRefileFrom()).isEqualTo(LocalDate.of(2027, 5, 1));
    assertThat(history.get(1).filing().provincialLists()).containsEntry("GD", ProvincialListing.WHITE);
    assertThat(history.get(1).recordedBy()).isEqualTo("import");
    assertThat(dao.providerVersions()).hasSize(2);
    assertThat(dao.providerHistory("unknown")).isEmpty();
  }

  @Test
  void userFilingVersionsShareTheIdAndAStaleWriterIsRefused() {
    dao.insertApp(ketang(), "district");
    UserFiling draft = UserFiling.builder("north-ketang", "north", "ketang")
        .supervisingDept("海淀区教委").filingNumber("JYAPP-0001").origin(FilingOrigin.SUPERIOR_REQUIRED)
        .usage(UsageMode.UNIFORM_REQUIRED).chargesStudents(false).linkedToGrades(true)
        .evidence(new Evidence("征求意见 2026-08", "校务会纪要 2026-15", null))
        .scope(Set.of("grade7", "teachers")).windows("mon-fri 08:00-17:30")
        .status(UserFilingStatus.DRAFT).valid(LocalDate.of(2026, 9, 1), LocalDate.of(2027, 8, 31))
        .effectiveFrom(NOW_STORED).recordedAt(NOW_STORED).build();
    assertThat(dao.addUserVersion(draft, null, "north-admin", 0)).isEqualTo(1);
    Instant later = NOW_STORED.plusSeconds(60);
    UserFiling confirmed = draft.withStatus(UserFilingStatus.CONFIRMED, "district", later);
    assertThat(dao.addUserVersion(confirmed, null, "district", 1)).isEqualTo(2);
    assertThatThrownBy(() -> dao.addUserVersion(draft.withStatus(UserFilingStatus.WITHDRAWN, "x", later),
        "late", "north-admin", 1))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.code()).isEqualTo("concurrent-change"));

    List<UserVersion> history = dao.userHistory("north-ketang");
    assertThat(history).extracting(UserVersion::version).containsExactly(1, 2);
    assertThat(history.get(0).filing()).isEqualTo(draft);
    assertThat(history.get(1).filing()).isEqualTo(confirmed);
    assertThat(history.get(1).filing().confirmedAt()).isEqualTo(later);
    assertThat(dao.userFilingExists("north-ketang")).isTrue();
    assertThat(dao.userFilingExists("south-ketang")).isFalse();

    UserFiling elsewhere = UserFiling.builder("x", "nowhere", "ketang").status(UserFilingStatus.DRAFT)
        .effectiveFrom(NOW).build();
    assertThatThrownBy(() -> dao.addUserVersion(elsewhere, null, "x", 0))
        .isInstanceOfSatisfying(RefusedRequest.class, r -> assertThat(r.status()).isEqualTo(422));
  }

  @Test
  void theStateRowCountsRevisionsAndSyncs() {
    assertThat(dao.state().revision()).isZero();
    assertThat(dao.state().lastSyncedAt()).isNull();
    assertThat(dao.nextRevision("district", null)).isEqualTo(1);
    assertThat(dao.state().lastSyncedAt()).isNull();
    assertThat(dao.nextRevision("district", "platform export 2026-11")).isEqualTo(2);
    RegisterState s = dao.state();
    assertThat(s.lastSyncedAt()).isEqualTo(NOW_STORED);
    assertThat(s.lastSyncSource()).isEqualTo("platform export 2026-11");
    assertThat(s.changedBy()).isEqualTo("district");
  }

  @Test
  void aFailedTransactionLeavesNothing() {
    assertThatThrownBy(() -> dao.inTransaction(() -> {
      dao.insertApp(ketang(), "district");
      dao.nextRevision("district", null);
      throw new IllegalStateException("boom");
    })).hasMessage("boom");
    assertThat(dao.apps()).isEmpty();
    assertThat(dao.state().revision()).isZero();
  }
}
