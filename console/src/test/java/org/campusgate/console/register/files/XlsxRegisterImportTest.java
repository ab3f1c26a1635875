package org.campusgate.console.register.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.campusgate.policy.apps.AppRegister;
import org.campusgate.policy.apps.FilingStatus;
import org.campusgate.policy.apps.UserFilingStatus;
import org.junit.jupiter.api.Test;

class XlsxRegisterImportTest {

  /** A workbook built cell by cell as a district spreadsheet would be. */
  private static final class Book {
    final XSSFWorkbook wb = new XSSFWorkbook();
    final CellStyle date = wb.createCellStyle();

    Book() {
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
    }

    Sheet sheet(String name, Object[]... rows) {
      Sheet s = wb.createSheet(name);
      for (int r = 0; r < rows.length; r++) {
        if (rows[r] == null) {
          continue; // a blank row
        }
        Row row = s.createRow(r);
        for (int c = 0; c < rows[r].length; c++) {
          Object v = rows[r][c];
          if (v instanceof LocalDate d) {
            row.createCell(c).setCellValue(d);
            row.getCell(c).setCellStyle(date);
          } else if (v instanceof Formula f) {
            row.createCell(c).setCellFormula(f.text);
          } else if (v instanceof Number n) {
            row.createCell(c).setCellValue(n.doubleValue());
          } else if (v != null) {
            row.createCell(c).setCellValue(v.toString());
          }
        }
      }
      return s;
    }

    byte[] bytes() throws IOException {
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll(); // cache formula results, as Excel does
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      wb.close();
      return out.toByteArray();
    }
  }

  private record Formula(String text) {}

  private static ImportReport read(byte[] bytes) throws IOException {
    return RegisterFiles.read(new ByteArrayInputStream(bytes), "district.xlsx", AppRegister.empty(), Examples.IMPORTED);
  }

  @Test
  void theExampleWorkbookHoldsTheThreeDemoAppsAsTheCsvFilesDo() throws IOException {
    ImportReport xlsx = RegisterFiles.read(Examples.WORKBOOK, AppRegister.empty(), Examples.IMPORTED);
    assertThat(xlsx.errors()).isEmpty();
    AppRegister r = xlsx.register().orElseThrow();
    assertThat(r.apps()).extracting(a -> a.id() + " " + a.name() + " " + a.filingNumber()).containsExactly(
        "ketang 示范课堂 Demo Classroom 教APP备3100001号",
        "zuoye 作业帮手 Homework Helper 教APP备3100002号",
        "tiku 题库宝 Question Bank 教APP备3100003号");
    assertThat(r.providerFilingHistory("教APP备3100003号")).extracting(f -> f.status())
        .containsExactly(FilingStatus.ACTIVE, FilingStatus.REVOKED);
    assertThat(r.schoolsFiling("zuoye")).isEmpty();

    // Regenerate with ExampleWorkbook.main after editing the CSV files.
    ImportReport csv = RegisterFiles.read(Examples.CSV_DIR, AppRegister.empty(), Examples.IMPORTED);
    assertThat(xlsx.apps()).isEqualTo(csv.apps());
    assertThat(xlsx.providerFilings()).isEqualTo(csv.providerFilings());
    assertThat(xlsx.userFilings()).isEqualTo(csv.userFilings());
  }

  @Test
  void realDateCellsFormulasAndChineseSheetNamesRead() throws IOException {
    Book b = new Book();
    b.sheet("说明", new Object[] {"填表说明：每行一个备案"});
    b.sheet("提供者备案",
        new Object[] {"备案编号", "应用名称", "备案状态", "生效时间", "等保级别"},
        new Object[] {"教APP备1", "课堂", "ACTIVE", LocalDate.of(2026, 3, 1), 3},
        new Object[] {new Formula("\"教APP备\"&\"2\""), "作业", "ACTIVE", "2026-03-01 08:30", new Formula("1+1")});
    b.sheet("user_filings",
        new Object[] {"id", "school", "app_id", "status", "effective_from", "valid_from", "valid_to"},
        new Object[] {"uf-1", "s1", "a1", "CONFIRMED", LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 1), "2027-08-31"});
    b.sheet("apps",
        new Object[] {"id", "kind", "filing_number", "domains"},
        new Object[] {"a1", "LEARNING", "教APP备1", "a1.example"});
    ImportReport report = read(b.bytes());
    assertThat(report.errors()).isEmpty();
    assertThat(report.providerFilings()).extracting(f -> f.filingNumber() + " " + f.effectiveFrom() + " " + f.mlpsLevel())
        .containsExactly("教APP备1 2026-02-28T16:00:00Z 3", "教APP备2 2026-03-01T00:30:00Z 2");
    assertThat(report.userFilings()).singleElement().satisfies(f -> {
      assertThat(f.validFrom()).isEqualTo(LocalDate.of(2026, 9, 1));
      assertThat(f.validTo()).isEqualTo(LocalDate.of(2027, 8, 31));
      assertThat(f.status()).isEqualTo(UserFilingStatus.CONFIRMED);
    });
    assertThat(report.register().orElseThrow().userFilingAt("s1", "a1", Instant.parse("2026-11-24T02:00:00Z"))).isNotNull();
  }

  @Test
  void malformedSheetsGiveRowLevelErrorsAndNothingIsImported() throws IOException {
    Book b = new Book();
    b.sheet("apps",
        new Object[] {"id", "kind", "filing_number", "domains"},
        new Object[] {"a1", "LEARNING", "教APP备1", "a1.example"},
        new Object[] {"a2", "EDUCATION", "教APP备404", "a2.example"},
        new Object[] {"a1", "LEARNING", "教APP备1", "a1-again.example"});
    b.sheet("provider_filings",
        new Object[] {"filing_number", "status", "effective_from"},
        new Object[] {"教APP备1", "ACTIVE", "2026-02-30"},
        null,
        new Object[] {"教APP备2", "ACTIVE", "next week"});
    b.sheet("user_filings",
        new Object[] {"id", "school", "app_id"},
        new Object[] {"uf-1", "s1", "a1"});
    ImportReport report = read(b.bytes());
    assertThat(report.ok()).isFalse();
    assertThat(report.apps()).isEmpty();
    assertThat(report.register()).isEmpty();
    assertThat(report.errors()).extracting(RowError::toString).containsExactly(
        "district.xlsx [user_filings] row 1: required column(s) missing: status (备案状态), effective_from (生效时间)",
        "district.xlsx [apps] row 3, kind: 'EDUCATION' is not one of LEARNING, GAME, OTHER",
        "district.xlsx [apps] row 3, filing_number: unknown filing number '教APP备404' (not in the provider_filings table, nor in the register)",
        "district.xlsx [apps] row 4: duplicate row: the same id as row 2 (a1)",
        "district.xlsx [provider_filings] row 2, effective_from: '2026-02-30' is not a date or time (write 2026-03-01, 2026-03-01 08:00 or 2026-03-01T08:00:00+08:00)",
        "district.xlsx [provider_filings] row 4, effective_from: 'next week' is not a date or time (write 2026-03-01, 2026-03-01 08:00 or 2026-03-01T08:00:00+08:00)");
  }

  @Test
  void unknownSheetsAndWorkbooksWithoutTablesAreReported() throws IOException {
    Book b = new Book();
    b.sheet("Sheet1", new Object[] {"id", "kind"}, new Object[] {"a", "OTHER"});
    assertThat(read(b.bytes()).errors()).singleElement().satisfies(e ->
        assertThat(e.message()).startsWith("unknown sheet 'Sheet1' (the sheets are apps / 应用"));
  }

  @Test
  void aFileThatIsNotAWorkbookIsAClearError() throws IOException {
    ImportReport report = read("id,kind\na,OTHER\n".getBytes());
    assertThat(report.errors()).singleElement().satisfies(e -> {
      assertThat(e.row()).isZero();
      assertThat(e.message()).startsWith("not an .xlsx workbook");
    });
  }

  @Test
  void aZipBombIsRefusedBeforePoiOpensIt() throws IOException {
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      out.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 260; i++) {
        out.write(zeros);
      }
      out.closeEntry();
    }
    assertThat(zip.size()).isLessThan(1 << 20);
    ImportReport report = read(zip.toByteArray());
    assertThat(report.errors()).singleElement().satisfies(e ->
        assertThat(e.message()).isEqualTo("the workbook unpacks to more than 200 MiB"));
  }

  @Test
  void overLongCellsInASheetAreRowErrors() throws IOException {
    Book b = new Book();
    b.sheet("apps", new Object[] {"id", "kind", "name"}, new Object[] {"a1", "OTHER", "名".repeat(4001)});
    assertThat(read(b.bytes()).errors()).extracting(RowError::toString)
        .containsExactly("district.xlsx [apps] row 2, name: longer than 4000 characters (4001)");
  }
}
