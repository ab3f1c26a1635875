package org.campusgate.console.register.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.ProviderFiling;
import org.junit.jupiter.api.Test;

class RevocationFilesTest {
  private static AppRegister example() throws IOException {
    return RegisterFiles.read(Examples.CSV_DIR, AppRegister.empty(), Examples.IMPORTED).register().orElseThrow();
  }

  private static RevocationReport read(String csv) throws IOException {
    return RevocationFiles.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "revocations.csv",
        example(), Examples.IMPORTED);
  }

  @Test
  void theExampleListTakesTwoAppsOfflineAndNamesTheSchoolsAffected() throws IOException {
    RevocationReport report;
    try (InputStream in = Files.newInputStream(Examples.REVOCATIONS)) {
      report = RevocationFiles.read(in, "revocations.csv", example(), Examples.IMPORTED);
    }
    assertThat(report.errors()).isEmpty();
    assertThat(report.changes()).extracting(ProviderFiling::filingNumber, ProviderFiling::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("教APP备3100002号", FilingStatus.OFFLINE_PENDING),
        org.assertj.core.groups.Tuple.tuple("教APP备3100003号", FilingStatus.BLACKLISTED));
    ProviderFiling blacklisted = report.changes().get(1);
    assertThat(blacklisted.appName()).isEqualTo("题库宝"); // the rest of the filing carried over
    assertThat(blacklisted.icpNumber()).isEqualTo("沪ICP备00000003号-1");
    assertThat(blacklisted.mayRefileFrom()).hasToString("2027-06-15");
    assertThat(blacklisted.statusReason()).contains("列入黑名单");
    assertThat(report.affected()).extracting(a -> a.appIds() + " " + a.schools())
        .containsExactly("[zuoye] []", "[tiku] [demo-school]");

    AppRegister after = report.register().orElseThrow();
    assertThat(after.providerFilingAt("教APP备3100003号", Instant.parse("2026-12-20T00:00:00Z")).status())
        .isEqualTo(FilingStatus.BLACKLISTED);
    assertThat(after.providerFilingAt("教APP备3100003号", Instant.parse("2026-11-20T00:00:00Z")).status())
        .isEqualTo(FilingStatus.REVOKED); // history kept
    assertThat(after.revision()).isEqualTo(example().revision() + 1);
  }

  @Test
  void unknownFilingNumbersBadStatusesAndDuplicatesAreRowErrorsAndNothingChanges() throws IOException {
    RevocationReport report = read("备案编号,备案状态,原因,生效时间\n"
        + "教APP备3100001号,REVOKED,ok,2026-12-01\n"
        + "教APP备9999999号,REVOKED,unknown,2026-12-01\n"
        + "教APP备3100002号,PAUSED,bad status,2026-12-01\n"
        + "教APP备3100001号,撤销,again,2026-12-01\n");
    assertThat(report.ok()).isFalse();
    assertThat(report.changes()).isEmpty();
    assertThat(report.affected()).isEmpty();
    assertThat(report.register()).isEmpty();
    assertThat(report.errors()).extracting(RowError::toString).containsExactly(
        "revocations.csv row 3, filing_number: unknown filing number '教APP备9999999号' (not in the register)",
        "revocations.csv row 4, status: 'PAUSED' is not one of ACTIVE, OFFLINE_PENDING, REVOKED, CANCELLED, BLACKLISTED",
        "revocations.csv row 5: duplicate row: the same filing_number and effective_from as row 2");
  }

  @Test
  void missingColumnsAreOneError() throws IOException {
    RevocationReport report = read("filing_number,reason\n教APP备3100001号,x\n");
    assertThat(report.errors()).singleElement().satisfies(e -> assertThat(e.message())
        .isEqualTo("required column(s) missing: status (备案状态), effective_from (生效时间)"));
  }
}
