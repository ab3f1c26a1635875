package org.campusgate.console.register.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.campusgate.policy.apps.AppKind;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.UserFilingStatus;
import org.junit.jupiter.api.Test;

class CsvRegisterImportTest {
  private static final String APPS_HEADER = "id,name,kind,filing_number,category,features,domains,sni_patterns,url_prefixes,ip_ranges\n";
  private static final String PF_HEADER = "filing_number,app_name,status,effective_from,icp_number,mlps_number,category\n";
  private static final String UF_HEADER = "id,school,app_id,filing_number,status,scope,effective_from,valid_from,valid_to,charges_students\n";

  private static ImportReport read(String fileName, String text) throws IOException {
    return read(fileName, text, AppRegister.empty());
  }

  private static ImportReport read(String fileName, String text, AppRegister existing) throws IOException {
    return RegisterFiles.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), fileName,
        existing, Examples.IMPORTED);
  }

  private static AppRegister example() throws IOException {
    return RegisterFiles.read(Examples.CSV_DIR, AppRegister.empty(), Examples.IMPORTED).register().orElseThrow();
  }

  @Test
  void theExampleDirectoryHoldsTheThreeDemoApps() throws IOException {
    ImportReport report = RegisterFiles.read(Examples.CSV_DIR, AppRegister.empty(), Examples.IMPORTED);
    assertThat(report.errors()).isEmpty();
    assertThat(report.ok()).isTrue();
    assertThat(report.acceptedRows()).isEqualTo(3 + 4 + 2);
    AppRegister r = report.register().orElseThrow();
    assertThat(r.apps()).extracting(a -> a.id()).containsExactly("ketang", "zuoye", "tiku");
    assertThat(r.app("ketang").orElseThrow().fingerprints().domains())
        .containsExactly("ketang.demo-apps.test", "static.ketang.demo-apps.test");
    assertThat(r.providerFilingAt("教APP备3100003号", Instant.parse("2026-11-09T12:00:00Z")).status()).isEqualTo(FilingStatus.ACTIVE);
    assertThat(r.providerFilingAt("教APP备3100003号", Instant.parse("2026-11-10T12:00:00Z")).status()).isEqualTo(FilingStatus.REVOKED);
    assertThat(r.userFilingAt("demo-school", "ketang", Instant.parse("2026-11-24T02:00:00Z")).status())
        .isEqualTo(UserFilingStatus.CONFIRMED);
    assertThat(r.userFilingAt("demo-school", "zuoye", Instant.parse("2026-11-24T02:00:00Z"))).isNull();
    assertThat(r.lastUpdate()).isEqualTo(Examples.IMPORTED);
    assertThat(r.revision()).isEqualTo(1);
  }

  @Test
  void chineseHeadersAByteOrderMarkAndAnyColumnOrderRead() throws IOException {
    ImportReport report = read("apps.csv", "\uFEFF域名,应用类型,应用标识,备注\n"
        + "a.example b.example,LEARNING,app-a,from the district sheet\n");
    assertThat(report.errors()).isEmpty();
    assertThat(report.apps()).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo("app-a");
      assertThat(a.kind()).isEqualTo(AppKind.LEARNING);
      assertThat(a.fingerprints().domains()).containsExactly("a.example", "b.example");
    });
  }

  @Test
  void aFileWithAnOtherNameIsToldByItsHeader() throws IOException {
    ImportReport report = read("区县下发名单.csv", PF_HEADER + "教APP备1,某应用,ACTIVE,2026-03-01,ICP1,MLPS1,TEACHING\n");
    assertThat(report.errors()).isEmpty();
    assertThat(report.providerFilings()).singleElement()
        .satisfies(f -> assertThat(f.effectiveFrom()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z")));
  }

  @Test
  void missingRequiredColumnsAreOneFileLevelErrorNamingThem() throws IOException {
    ImportReport report = read("user-filings.csv", "id,app_id,scope\nuf-1,ketang,students\n");
    assertThat(report.ok()).isFalse();
    assertThat(report.errors()).singleElement().satisfies(e -> {
      assertThat(e.row()).isEqualTo(1);
      assertThat(e.message()).contains("required column(s) missing")
          .contains("school (学校)", "status (备案状态)", "effective_from (生效时间)");
    });
    assertThat(report.apps()).isEmpty();
    assertThat(report.register()).isEmpty();
  }

  @Test
  void unknownColumnsAreReported() throws IOException {
    ImportReport report = read("apps.csv", "id,kind,featurs\nx,LEARNING,GAMES\n");
    assertThat(report.errors()).singleElement().satisfies(e ->
        assertThat(e.message()).startsWith("unknown column 'featurs'").contains("features"));
  }

  @Test
  void badCellsGiveRowLevelErrorsWithRowNumbersAndNothingIsAccepted() throws IOException {
    ImportReport report = read("provider-filings.csv", PF_HEADER
        + "教APP备1,好应用,ACTIVE,2026-03-01,ICP1,MLPS1,TEACHING\n"
        + "教APP备2,坏日期,ACTIVE,2026-13-01,ICP2,MLPS2,TEACHING\n"
        + "教APP备3,坏状态,SUSPENDED,2026-03-01,ICP3,MLPS3,GAMING\n"
        + "教APP备1,重复,ACTIVE,2026-03-01,ICP1,MLPS1,TEACHING\n"
        + ",无编号,ACTIVE,2026-03-01,,,\n");
    assertThat(report.ok()).isFalse();
    assertThat(report.providerFilings()).isEmpty();
    assertThat(report.errors()).extracting(RowError::toString).containsExactly(
        "provider-filings.csv row 3, effective_from: '2026-13-01' is not a date or time (write 2026-03-01, 2026-03-01 08:00 or 2026-03-01T08:00:00+08:00)",
        "provider-filings.csv row 4, status: 'SUSPENDED' is not one of ACTIVE, OFFLINE_PENDING, REVOKED, CANCELLED, BLACKLISTED",
        "provider-filings.csv row 4, category: 'GAMING' is not one of SCHOOL_MGMT, TEACHING, HOMEWORK, SUBJECT_TRAINING_K9, NON_SUBJECT_TRAINING, PRESCHOOL_TRAINING, HOME_SCHOOL, OTHER",
        "provider-filings.csv row 5: duplicate row: the same filing_number and effective_from as row 2 (教APP备1 @ 2026-02-28T16:00:00Z)",
        "provider-filings.csv row 6, filing_number: required, but empty");
    assertThat(report.rows()).extracting(ImportReport.RowOutcome::accepted)
        .containsExactly(true, false, false, false, false);
  }

  @Test
  void unknownFilingNumbersAndAppsAreErrorsUnlessTheRegisterKnowsThem() throws IOException {
    String apps = APPS_HEADER + "new-app,新应用,LEARNING,教APP备9999号,TEACHING,,new.example,,,\n"
        + "ketang2,课堂2,LEARNING,教APP备3100001号,TEACHING,,ketang2.example,,,\n";
    ImportReport alone = read("apps.csv", apps);
    assertThat(alone.errors()).extracting(RowError::row, RowError::column).containsExactly(
        org.assertj.core.groups.Tuple.tuple(2, "filing_number"), org.assertj.core.groups.Tuple.tuple(3, "filing_number"));
    assertThat(alone.errors().get(0).message()).startsWith("unknown filing number '教APP备9999号'");

    ImportReport onExisting = read("apps.csv", apps, example());
    assertThat(onExisting.errors()).singleElement().satisfies(e -> {
      assertThat(e.row()).isEqualTo(2);
      assertThat(e.message()).startsWith("unknown filing number '教APP备9999号'");
    });

    ImportReport users = read("user-filings.csv", UF_HEADER
        + "uf-x,demo-school,nope,教APP备3100001号,CONFIRMED,students,2026-09-01,,,否\n", example());
    assertThat(users.errors()).extracting(RowError::toString).containsExactly(
        "user-filings.csv row 2, app_id: unknown app 'nope' (not in the apps table, nor in the register)");
  }

  @Test
  void aFileAddsToTheExistingRegister() throws IOException {
    ImportReport report = read("user-filings.csv", UF_HEADER
        + "uf-zuoye,demo-school,zuoye,教APP备3100002号,SUBMITTED,students,2026-11-20,2026-12-01,2027-06-30,是\n",
        example());
    assertThat(report.errors()).isEmpty();
    AppRegister r = report.register().orElseThrow();
    assertThat(r.revision()).isEqualTo(2);
    assertThat(r.apps()).hasSize(3);
    assertThat(r.userFilings()).hasSize(3);
    assertThat(r.userFilingAt("demo-school", "zuoye", Instant.parse("2026-11-24T02:00:00Z")).chargesStudents()).isTrue();
  }

  @Test
  void booleansWindowsValidityAndListsAreChecked() throws IOException {
    ImportReport report = read("user-filings.csv", "id,school,app_id,status,effective_from,charges_students,windows,valid_from,valid_to\n"
        + "uf-1,s1,ketang,CONFIRMED,2026-09-01,maybe,mon-fri 25:00-26:00,2026-09-01,2026-08-01\n", example());
    assertThat(report.errors()).extracting(RowError::column).containsExactly("windows", "valid_to", "charges_students");
    assertThat(report.errors().get(2).message()).contains("'maybe' is not true/false");
  }

  @Test
  void fingerprintProblemsOfTheRegisterLandOnTheAppRow() throws IOException {
    ImportReport report = read("apps.csv", APPS_HEADER
        + "a1,A1,OTHER,,,,same.example,,,\n"
        + "a2,A2,OTHER,,,,same.example,,,not-an-ip\n");
    assertThat(report.ok()).isFalse();
    assertThat(report.errors()).extracting(RowError::toString).containsExactly(
        "apps.csv row 3, domains: 'same.example' is already a fingerprint of app a1",
        "apps.csv row 3, ip_ranges: not an IP address or CIDR block: 'not-an-ip'");
  }

  @Test
  void overLongCellsAreRowErrors() throws IOException {
    ImportReport report = read("apps.csv", APPS_HEADER + "a1,\"" + "x".repeat(5000) + "\",OTHER,,,,,,,\n");
    assertThat(report.errors()).singleElement().satisfies(e -> {
      assertThat(e.row()).isEqualTo(2);
      assertThat(e.column()).isEqualTo("name");
      assertThat(e.message()).isEqualTo("longer than 4000 characters (5000)");
    });
  }

  @Test
  void notUtf8MalformedCsvTooManyRowsAndTooLargeFilesAreRefused() throws IOException {
    ImportReport gbk = RegisterFiles.read(new ByteArrayInputStream(
        ("id,kind,name\na,OTHER,示范课堂\n").getBytes(Charset.forName("GBK"))), "apps.csv", AppRegister.empty(), Examples.IMPORTED);
    assertThat(gbk.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("not UTF-8").contains("CSV UTF-8"));

    ImportReport quote = read("apps.csv", "id,kind,name\na,OTHER,\"unclosed\n");
    assertThat(quote.errors()).singleElement().satisfies(e -> assertThat(e.message()).startsWith("not valid CSV"));

    StringBuilder many = new StringBuilder("id,kind\n");
    for (int i = 0; i <= RegisterFiles.MAX_ROWS; i++) {
      many.append('a').append(i).append(",OTHER\n");
    }
    ImportReport rows = read("apps.csv", many.toString());
    assertThat(rows.ok()).isFalse();
    assertThat(rows.errors()).singleElement().satisfies(e -> {
      assertThat(e.row()).isEqualTo(RegisterFiles.MAX_ROWS + 2);
      assertThat(e.message()).isEqualTo("more than 100000 rows; split the file");
    });

    byte[] big = new byte[(int) RegisterFiles.MAX_FILE_BYTES + 1];
    ImportReport large = RegisterFiles.read(new ByteArrayInputStream(big), "apps.csv", AppRegister.empty(), Examples.IMPORTED);
    assertThat(large.errors()).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("the file is larger than 20 MiB"));
  }

  @Test
  void chineseStatusWordsAndSlashedDatesRead() throws IOException {
    ImportReport report = read("provider-filings.csv", "备案编号,备案状态,生效时间,可重新备案日期\n教APP备1,撤销,2026/11/10,2027/5/10\n");
    assertThat(report.errors()).isEmpty();
    assertThat(report.providerFilings()).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(FilingStatus.REVOKED);
      assertThat(f.mayRefileFrom()).hasToString("2027-05-10");
      assertThat(f.source()).isEqualTo("provider-filings.csv");
      assertThat(f.recordedAt()).isEqualTo(Examples.IMPORTED);
    });
  }
}
