package org.campusgate.console.register.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.campusgate.policy.apps.App;
import org.campusgate.policy.apps.AppCategory;
import org.campusgate.policy.apps.AppFeature;
import org.campusgate.policy.apps.AppForm;
import org.campusgate.policy.apps.AppKind;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.Evidence;
import org.campusgate.policy.apps.FilingOrigin;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.Fingerprints;
import org.campusgate.policy.apps.InvalidRegisterException;
import org.campusgate.policy.apps.ProviderFiling;
import org.campusgate.policy.apps.ProvincialListing;
import org.campusgate.policy.apps.UsageMode;
import org.campusgate.policy.apps.UserFiling;
import org.campusgate.policy.apps.UserFilingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
  @TempDir Path dir;

  /** Every field set, odd values included: commas, quotes, line breaks, times with seconds. */
  private static AppRegister full() throws InvalidRegisterException {
    ProviderFiling v1 = ProviderFiling.builder("教APP备4400001号")
        .appName("全字段, \"引号\" 应用").aliases(List.of("Full App", "全应用 二"))
        .form(AppForm.MINI_PROGRAM).provider("某公司\n第二行", "91440000MA5XXXXX1X").providerType("企业")
        .authority("GD").icp("粤ICP备1号").mlps("44010000001-00001", 3)
        .category(AppCategory.SUBJECT_TRAINING_K9).features(Set.of(AppFeature.ADS, AppFeature.CHAT))
        .trainingLicence("教培许可001").status(FilingStatus.ACTIVE)
        .provincialLists(Map.of("GD", ProvincialListing.WHITE, "BJ", ProvincialListing.BLACK))
        .source("platform").effectiveFrom(Instant.parse("2026-01-05T03:04:05.123Z"))
        .recordedAt(Instant.parse("2026-01-06T00:00:00Z")).build();
    ProviderFiling v2 = v1.withStatus(FilingStatus.BLACKLISTED, "拒不整改", Instant.parse("2026-10-09T16:00:00Z"),
        Instant.parse("2026-10-10T01:00:00Z"));
    UserFiling u1 = UserFiling.builder("uf-1", "school-a", "full").supervisingDept("区教育局")
        .filingNumber("教APP备4400001号").origin(FilingOrigin.SUPERIOR_REQUIRED).usage(UsageMode.UNIFORM_REQUIRED)
        .chargesStudents(true).linkedToGrades(true).evidence(new Evidence("c-1", "m-1", null))
        .scope(Set.of("students", "grade-7")).windows("mon-fri 08:00-12:00,13:30-17:30; sat 09:00-11:00")
        .status(UserFilingStatus.SUBMITTED).valid(LocalDate.of(2026, 9, 1), LocalDate.of(2027, 1, 31))
        .effectiveFrom(Instant.parse("2026-08-20T02:00:00Z")).recordedAt(Instant.parse("2026-08-20T02:00:00Z")).build();
    UserFiling u2 = u1.withStatus(UserFilingStatus.CONFIRMED, "district-admin", Instant.parse("2026-08-25T06:30:00Z"));
    return AppRegister.builder()
        .app(new App("full", "全字段应用", AppKind.LEARNING, "教APP备4400001号", AppCategory.TEACHING,
            Set.of(AppFeature.LIVE), new Fingerprints(List.of("full.example", "cdn.full.example"),
                List.of("*.media.full.example"), List.of("portal.example/full/"), List.of("203.0.113.0/24", "2001:db8::/32"))))
        .app(new App("bare", null, AppKind.GAME, null, null, null, null))
        .providerFiling(v1).providerFiling(v2).userFiling(u1).userFiling(u2)
        .build();
  }

  @Test
  void anXlsxExportReadsBackToTheSameRecordsWithHistory() throws Exception {
    AppRegister r = full();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RegisterFiles.writeXlsx(r, true, out);
    ImportReport back = RegisterFiles.read(new ByteArrayInputStream(out.toByteArray()), "export.xlsx",
        AppRegister.empty(), Examples.IMPORTED);
    assertThat(back.errors()).isEmpty();
    assertThat(back.apps()).isEqualTo(r.apps());
    assertThat(back.providerFilings()).isEqualTo(r.providerFilingHistory("教APP备4400001号"));
    assertThat(back.userFilings()).isEqualTo(r.userFilingHistory("uf-1"));
  }

  @Test
  void aCsvExportReadsBackToTheSameRecords() throws Exception {
    AppRegister r = full();
    RegisterFiles.writeCsv(r, true, dir);
    ImportReport back = RegisterFiles.read(dir, AppRegister.empty(), Examples.IMPORTED);
    assertThat(back.errors()).isEmpty();
    assertThat(back.apps()).isEqualTo(r.apps());
    assertThat(back.providerFilings()).isEqualTo(r.providerFilingHistory("教APP备4400001号"));
    assertThat(back.userFilings()).isEqualTo(r.userFilingHistory("uf-1"));
  }

  @Test
  void withoutHistoryOnlyTheCurrentVersionsAreWritten() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RegisterFiles.writeCsv(full(), Table.PROVIDER_FILINGS, false, out);
    String csv = out.toString(StandardCharsets.UTF_8);
    assertThat(csv).startsWith("\uFEFFfiling_number,app_name,aliases,form,");
    assertThat(csv).contains("BLACKLISTED", "拒不整改", "2026-10-10", "BJ:BLACK GD:WHITE", "\"某公司\n第二行\"")
        .doesNotContain(",ACTIVE,");
  }

  @Test
  void theExampleRegisterRoundTripsThroughBothFormats() throws Exception {
    AppRegister example = RegisterFiles.read(Examples.CSV_DIR, AppRegister.empty(), Examples.IMPORTED).register().orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RegisterFiles.writeXlsx(example, true, out);
    AppRegister back = RegisterFiles.read(new ByteArrayInputStream(out.toByteArray()), "x.xlsx",
        AppRegister.empty(), Examples.IMPORTED).register().orElseThrow();
    assertThat(back.apps()).isEqualTo(example.apps());
    assertThat(back.providerFilingNumbers()).isEqualTo(example.providerFilingNumbers());
    for (String n : example.providerFilingNumbers()) {
      assertThat(back.providerFilingHistory(n)).isEqualTo(example.providerFilingHistory(n));
    }
    assertThat(back.userFilings()).containsExactlyInAnyOrderElementsOf(example.userFilings());
  }
}
