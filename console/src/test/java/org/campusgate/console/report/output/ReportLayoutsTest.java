package org.campusgate.console.report.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.FindingKind;
import org.campusgate.console.report.MonthlyReport;
import org.campusgate.console.report.output.LaidOutReport.Section;
import org.campusgate.console.report.output.LaidOutReport.Table;
import org.junit.jupiter.api.Test;

class ReportLayoutsTest {
  private final MonthlyReport report = SampleReports.october();

  @Test
  void theFivePartsInOrderWithANewPagePerSchool() {
    LaidOutReport r = ReportLayouts.layOut(report, "zh");
    assertThat(r.sections()).extracting(Section::id).containsExactly("header", "summary",
        "school-east-primary", "school-west-middle", "bulletin", "sign-off");
    assertThat(r.sections().get(2).heading()).isEqualTo("东城第一小学（east-primary）");
    assertThat(r.sections()).filteredOn(s -> s.id().startsWith("school-"))
        .allMatch(Section::newPage);
    assertThat(r.title()).isEqualTo("滨江区教育局 校园网络 2026-10 月度巡查报告");
  }

  @Test
  void everyListOfTheModelIsATableWithItsRows() {
    LaidOutReport r = ReportLayouts.layOut(report, "zh");
    Map<String, Table> byId = new java.util.HashMap<>();
    r.tables().forEach(t -> assertThat(byId.put(t.id(), t)).as("unique id " + t.id()).isNull());
    MonthlyReport.SchoolSection a = report.schools().get(0);
    assertThat(byId.get("school-east-primary-apps").rows()).hasSize(a.apps().size());
    assertThat(byId.get("school-east-primary-unfiled").rows().get(0))
        .containsExactly("作业帮手 (homework-helper)", "本校未备案 (APP_SCHOOL_NOT_FILED)", "412",
            "students-g5 300；students-g6 112");
    assertThat(byId.get("school-east-primary-daily").rows()).hasSize(31);
    assertThat(byId.get("school-east-primary-categories").rows().get(0))
        .containsExactly("游戏 (games)", "5,000");
    assertThat(byId.get("school-east-primary-log-access").rows()).extracting(row -> row.get(4))
        .containsExactly("无案件编号", "案2026-118");
    assertThat(byId.get("school-east-primary-carried").rows()).extracting(row -> row.get(6))
        .containsExactly("未整改", "已销号");
    assertThat(byId.get("proposals").rows()).extracting(row -> row.subList(0, 3)).containsExactly(
        List.of("东城第一小学", "约谈", "整改事项连续两个月未整改"),
        List.of("东城第一小学", "通报", "本月存在使用未备案学习类应用"),
        List.of("西城实验中学", "通报", "上月整改事项未整改"));
    assertThat(byId.get("integrity-failures").rows()).hasSize(1);
    assertThat(byId.get("health-alerts").rows()).hasSize(2);
    assertThat(byId.get("district-findings").rows()).hasSize(1);
    assertThat(byId.get("bulletin-problems").rows()).hasSize(report.findings().size());
    // new items and the open carried ones are due; the closed one is not
    assertThat(byId.get("bulletin-requirements").rows()).extracting(row -> row.get(1))
        .containsExactlyInAnyOrder("#21", "#7", "#22", "#12");
    assertThat(r.tables()).allSatisfy(t -> assertThat(t.rows()).as(t.id()).isNotEmpty());
  }

  @Test
  void chartsForDailyTrafficReasonsAndCategoriesOfEachSchool() {
    LaidOutReport r = ReportLayouts.layOut(report, "zh");
    assertThat(r.charts()).extracting(LaidOutReport.Chart::id).containsExactly(
        "school-east-primary-daily", "school-east-primary-reasons",
        "school-east-primary-categories", "school-west-middle-daily",
        "school-west-middle-reasons", "school-west-middle-categories");
    LaidOutReport.Chart daily = r.charts().get(0);
    assertThat(daily.labels()).hasSize(31);
    assertThat(daily.series()).extracting(LaidOutReport.Series::name).containsExactly("放行", "拦截");
  }

  @Test
  void everyFindingKindHasItsOwnTextInBothLanguages() {
    for (String lang : List.of("zh", "en")) {
      ReportTexts texts = new ReportTexts(lang, SampleReports.ZONE);
      for (FindingKind k : FindingKind.values()) {
        assertThat(texts.has("finding." + k.name())).as(lang + " finding." + k).isTrue();
        assertThat(texts.has("kind." + k.name())).as(lang + " kind." + k).isTrue();
      }
      for (MonthlyReport.ProposalRule rule : MonthlyReport.ProposalRule.values()) {
        assertThat(texts.has("rule." + rule.name())).isTrue();
      }
    }
  }

  @Test
  void aFindingReadsFromItsFactsAndKeepsTheFactsItsTextDoesNotName() {
    LaidOutReport r = ReportLayouts.layOut(report, "zh");
    Table found = r.tables().stream().filter(t -> t.id().equals("school-east-primary-findings"))
        .findFirst().orElseThrow();
    assertThat(found.rows().get(0).get(2))
        .isEqualTo("学生访问未备案的学习类应用 作业帮手 共 412 次（涉及用户组：students-g5）");
    Finding odd = new Finding(FindingKind.CLOCK_DRIFT, null, "x", Map.of("drift", "3 s"));
    String text = ReportLayouts.findingText(report, odd, "en");
    assertThat(text).isEqualTo("The clock drifted beyond its bound (from –) (drift: 3 s)");
  }

  @Test
  void englishOnRequest() {
    LaidOutReport r = ReportLayouts.layOut(report, "en");
    assertThat(r.lang()).isEqualTo("en");
    assertThat(r.title()).isEqualTo("滨江区教育局 school network inspection report, 2026-10");
    assertThat(r.sections().get(1).heading()).isEqualTo("Summary");
    Table reasons = r.tables().stream().filter(t -> t.id().equals("school-east-primary-reasons"))
        .findFirst().orElseThrow();
    assertThat(reasons.rows().get(0)).containsExactly("blocked category (CATEGORY_BLOCKED)", "9,000");
  }

  @Test
  void anEmptyListIsAnEmptyTableThatSaysSo() {
    MonthlyReport bare = new MonthlyReport(report.header(), report.summary(),
        List.of(report.schools().get(1)), report.district(), List.of(), List.of());
    LaidOutReport r = ReportLayouts.layOut(bare, "zh");
    Table proposals = r.tables().stream().filter(t -> t.id().equals("proposals")).findFirst()
        .orElseThrow();
    assertThat(proposals.rows()).isEmpty();
    assertThat(proposals.empty()).isEqualTo("无");
  }
}
