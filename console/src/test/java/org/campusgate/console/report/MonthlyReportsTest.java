package org.campusgate.console.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.campusgate.console.report.MonthlyReport.Proposal;
import org.campusgate.console.report.MonthlyReport.ProposalAction;
import org.campusgate.console.report.MonthlyReport.ProposalRule;
import org.campusgate.console.report.MonthlyReport.SchoolSection;
import org.campusgate.console.report.inspect.StoreFigures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly report of a generated month with planted problems ({@link PlantedMonth}): it finds
 * the unfiled apps of each school and nothing else of its own kinds; its figures match the
 * generated records; carried items propose the bulletin and the summons; months it cannot
 * report are refused.
 */
class MonthlyReportsTest {
  /** The kinds the log checks raise (a scaffold on this branch; the gap and the tampered day). */

  @TempDir static Path dir;
  static PlantedMonth month;

  @BeforeAll
  static void plant() throws Exception {
    month = PlantedMonth.build(dir);
  }

  @AfterAll
  static void close() {
    month.close();
  }

  @Test
  void findsExactlyThePlantedProblemsAndNothingElse() {
    InMemoryRectifications items = new InMemoryRectifications();
    MonthlyReport r = month.reports(items).make(PlantedMonth.MONTH, null, "inspector-li");

    // the planted outage and the edited record, each found once, where they were planted
    assertThat(r.findings()).filteredOn(f -> f.kind() != FindingKind.UNFILED_APP_USE)
        .extracting(Finding::kind, Finding::schoolId, Finding::subject)
        .containsExactlyInAnyOrder(
            tuple(FindingKind.INTEGRITY_FAILURE, null,
                PlantedMonth.TAMPERED_DAY.toString()),
            tuple(FindingKind.INGEST_GAP, PlantedMonth.GAP_SCHOOL,
                month.gapFrom().toString()));
    SchoolSection gapSchool = r.schools().stream()
        .filter(s -> s.schoolId().equals(PlantedMonth.GAP_SCHOOL)).findFirst().orElseThrow();
    assertThat(gapSchool.log().gaps()).containsExactly(
        new MonthlyReport.Gap(month.gapFrom(), month.gapTo()));
    assertThat(gapSchool.log().noEventDays()).isEmpty();
    assertThat(r.district().integrityFailures()).extracting(MonthlyReport.IntegrityDay::day)
        .containsExactly(PlantedMonth.TAMPERED_DAY);
    assertThat(r.district().daysVerified()).isEqualTo(31);

    assertThat(month.unfiled().values()).as("the generator left apps unfiled")
        .anySatisfy(apps -> assertThat(apps).isNotEmpty());
    Map<String, Set<String>> found = new TreeMap<>();
    PlantedMonth.SCHOOLS.forEach(s -> found.put(s, new TreeSet<>()));
    r.findings().stream().filter(f -> f.kind() == FindingKind.UNFILED_APP_USE)
        .forEach(f -> found.get(f.schoolId()).add(f.subject()));
    assertThat(found).isEqualTo(month.unfiled());

    Finding first = r.findings().stream().filter(f -> f.kind() == FindingKind.UNFILED_APP_USE)
        .findFirst().orElseThrow();
    assertThat(first.facts()).containsKeys("app", "count", "groups", "reasons");
    assertThat(first.facts().get("groups")).isEqualTo("students");
    assertThat(first.facts().get("reasons")).isEqualTo("APP_SCHOOL_NOT_FILED");

    // items: one per finding, in the school's section; proposals: the bulletin for unfiled use
    assertThat(items.all()).hasSameSizeAs(r.findings());
    for (SchoolSection s : r.schools()) {
      assertThat(s.newItems()).extracting(RectificationItem::subject)
          .containsExactlyInAnyOrderElementsOf(s.findings().stream().map(Finding::subject).toList());
      assertThat(s.compliant()).isEqualTo(s.findings().isEmpty());
      List<ProposalRule> expected = new ArrayList<>();
      if (!month.unfiled().get(s.schoolId()).isEmpty()) {
        expected.add(ProposalRule.UNFILED_APP_USE);
      }
      if (s.schoolId().equals(PlantedMonth.GAP_SCHOOL)) {
        expected.add(ProposalRule.LOG_NONCOMPLIANT);
      }
      assertThat(r.proposals()).filteredOn(p -> p.schoolId().equals(s.schoolId()))
          .extracting(Proposal::rule).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(s.unfiledUse()).extracting(MonthlyReport.UnfiledUse::appId)
          .containsExactlyInAnyOrderElementsOf(month.unfiled().get(s.schoolId()));
      assertThat(s.apps()).filteredOn(MonthlyReport.AppUse::filed).extracting(
          MonthlyReport.AppUse::appId).noneMatch(month.unfiled().get(s.schoolId())::contains);
    }
    assertThat(r.summary().compliantSchools()).isEqualTo(
        (int) PlantedMonth.SCHOOLS.stream().filter(s -> month.unfiled().get(s).isEmpty()
            && !s.equals(PlantedMonth.GAP_SCHOOL)).count());
    assertThat(r.summary().topProblems()).extracting(MonthlyReport.ProblemCount::kind)
        .containsOnly(FindingKind.UNFILED_APP_USE, FindingKind.INGEST_GAP,
            FindingKind.INTEGRITY_FAILURE);
  }

  @Test
  void figuresMatchTheGeneratedRecords() {
    MonthlyReport r = month.reports(new InMemoryRectifications())
        .make(PlantedMonth.MONTH, null, "inspector-li");

    assertThat(r.header().district()).isEqualTo(PlantedMonth.DISTRICT);
    assertThat(r.header().month()).isEqualTo(PlantedMonth.MONTH);
    assertThat(r.header().inspector()).isEqualTo("inspector-li");
    assertThat(r.header().generatedAt()).isEqualTo(PlantedMonth.NOW);
    assertThat(r.header().registerSyncedAt()).isEqualTo(PlantedMonth.NOW);
    assertThat(r.header().registerRevision()).isEqualTo(month.register().current().revision());
    assertThat(r.schools()).extracting(SchoolSection::schoolId)
        .containsExactlyElementsOf(PlantedMonth.SCHOOLS);
    long events = 0;
    for (SchoolSection s : r.schools()) {
      PlantedMonth.Counts c = month.counts(s.schoolId());
      assertThat(s.traffic().events()).as(s.schoolId()).isEqualTo(c.events());
      assertThat(s.traffic().blocked()).isEqualTo(c.blocked());
      assertThat(s.traffic().identified()).isEqualTo(c.identified());
      assertThat(s.traffic().realNameCoverage()).isBetween(0.95, 0.995);
      assertThat(s.traffic().allowed() + s.traffic().blocked() + s.traffic().authRequired())
          .isEqualTo(c.events());
      assertThat(s.lastEvent()).isEqualTo(c.last());
      assertThat(s.daily()).hasSize(31);
      assertThat(s.daily().stream().mapToLong(d -> d.allowed() + d.blocked()).sum())
          .isEqualTo(s.traffic().allowed() + s.traffic().blocked());
      assertThat(s.blocksByReason().stream().mapToLong(MonthlyReport.Count::count).sum())
          .isEqualTo(c.blocked());
      assertThat(s.blocksByReason()).extracting(MonthlyReport.Count::key)
          .contains("CATEGORY_BLOCKED");
      assertThat(s.bypassAttempts()).isNotEmpty();
      assertThat(s.topHosts()).hasSize(StoreFigures.TOP_HOSTS);
      assertThat(s.topHosts().get(0).key()).isEqualTo("www.baidu.com");
      assertThat(s.topHosts()).extracting(MonthlyReport.Count::count)
          .isSortedAccordingTo((a, b) -> Long.compare(b, a));
      assertThat(s.apps()).isNotEmpty();
      assertThat(s.revoked()).isEmpty();
      assertThat(s.uniformApps()).isEmpty();
      assertThat(s.missingEvidence()).isEmpty();
      events += c.events();
    }
    assertThat(r.summary().schools()).isEqualTo(4);
    assertThat(r.summary().events()).isEqualTo(events);
    SchoolSection gap = r.schools().get(1);
    assertThat(gap.daily().get(PlantedMonth.GAP_DAY.getDayOfMonth() - 1).allowed())
        .as("the gap day has less traffic than the same weekday a week later")
        .isLessThan(gap.daily().get(PlantedMonth.GAP_DAY.getDayOfMonth() + 6).allowed());
  }

  @Test
  void oneSchoolsReportHoldsThatSchoolOnly() {
    MonthlyReport r = month.reports(new InMemoryRectifications())
        .make(PlantedMonth.MONTH, "school-03", "inspector-li");
    assertThat(r.header().school()).isEqualTo("school-03");
    assertThat(r.schools()).extracting(SchoolSection::schoolId).containsExactly("school-03");
    assertThat(r.summary().events()).isEqualTo(month.counts("school-03").events());
    assertThat(r.findings()).allMatch(f -> f.schoolId() == null || f.schoolId().equals("school-03"));
  }

  @Test
  void carriedItemsProposeTheBulletinAfterOneMonthAndTheSummonsAfterTwo() {
    InMemoryRectifications items = new InMemoryRectifications();
    Finding old = new Finding(FindingKind.MISSING_EVIDENCE, "school-01", "school-01/2026-001",
        Map.of("missing", "dataAgreement"));
    Finding closedLate = new Finding(FindingKind.MISSING_EVIDENCE, "school-02", "f-2", Map.of());
    Finding last = new Finding(FindingKind.UNIFORM_APP_CHARGES, "school-03", "app.x", Map.of());
    Finding closedEarly = new Finding(FindingKind.UNIFORM_APP_CHARGES, "school-04", "app.y",
        Map.of());
    List<RectificationItem> august = items.raise(YearMonth.of(2026, 8),
        List.of(old, closedLate, closedEarly), "inspector-li");
    List<RectificationItem> september = items.raise(YearMonth.of(2026, 9), List.of(last),
        "inspector-li");
    items.set(august.get(1).id(), RectificationStatus.CLOSED, YearMonth.of(2026, 10));
    items.set(august.get(2).id(), RectificationStatus.CLOSED, YearMonth.of(2026, 9));
    items.set(september.get(0).id(), RectificationStatus.RECTIFIED, null);

    MonthlyReport r = month.reports(items).make(PlantedMonth.MONTH, null, "inspector-li");

    Map<String, List<ProposalRule>> rules = r.proposals().stream().collect(Collectors.groupingBy(
        Proposal::schoolId, TreeMap::new, Collectors.mapping(Proposal::rule, Collectors.toList())));
    assertThat(r.proposals()).filteredOn(p -> p.rule() == ProposalRule.UNRECTIFIED_TWO_MONTHS)
        .singleElement().satisfies(p -> {
          assertThat(p.schoolId()).isEqualTo("school-01");
          assertThat(p.action()).isEqualTo(ProposalAction.SUMMONS);
          assertThat(p.itemIds()).containsExactly(august.get(0).id());
        });
    assertThat(r.proposals()).filteredOn(p -> p.rule() == ProposalRule.UNRECTIFIED_LAST_MONTH)
        .singleElement().satisfies(p -> {
          assertThat(p.schoolId()).as("RECTIFIED is not yet closed").isEqualTo("school-03");
          assertThat(p.action()).isEqualTo(ProposalAction.BULLETIN);
          assertThat(p.itemIds()).containsExactly(september.get(0).id());
        });
    assertThat(rules.getOrDefault("school-02", List.of()))
        .as("closed during the month: shown, not proposed")
        .doesNotContain(ProposalRule.UNRECTIFIED_TWO_MONTHS);
    SchoolSection s2 = r.schools().get(1);
    assertThat(s2.carriedOver()).singleElement()
        .satisfies(i -> assertThat(i.status()).isEqualTo(RectificationStatus.CLOSED));
    assertThat(r.schools().get(3).carriedOver()).as("closed before the month").isEmpty();
    assertThat(r.schools().get(0).carriedOver()).extracting(RectificationItem::id)
        .containsExactly(august.get(0).id());

    // a report made again raises nothing twice
    int before = items.all().size();
    month.reports(items).make(PlantedMonth.MONTH, null, "inspector-li");
    assertThat(items.all()).hasSize(before);
  }

  @Test
  void refusesAMonthNotEndedAnUnknownSchoolAndAMonthBeforeTheData() {
    MonthlyReports reports = month.reports(new InMemoryRectifications());
    assertThatThrownBy(() -> reports.make(YearMonth.of(2026, 11), null, "i"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not ended");
    assertThatThrownBy(() -> reports.make(PlantedMonth.MONTH, "school-99", "i"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("school-99");
    assertThatThrownBy(() -> reports.make(YearMonth.of(2026, 9), null, "i"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before the audit store");
  }
}
