package org.campusgate.console.report.output;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.FindingKind;
import org.campusgate.console.report.MonthlyReport;
import org.campusgate.console.report.MonthlyReport.Count;
import org.campusgate.console.report.RectificationItem;
import org.campusgate.console.report.RectificationStatus;

/**
 * A rich October 2026 report for the output tests: every list of the model non-empty, two
 * schools with Chinese names, a district finding, carried-over items, proposals.
 */
public final class SampleReports {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  public static final YearMonth MONTH = YearMonth.of(2026, 10);
  public static final String SCHOOL_A = "east-primary";
  public static final String SCHOOL_A_NAME = "东城第一小学";
  public static final String SCHOOL_B = "west-middle";
  public static final String SCHOOL_B_NAME = "西城实验中学";

  private SampleReports() {}

  public static MonthlyReport october() {
    List<Finding> findings = new ArrayList<>();
    findings.add(new Finding(FindingKind.INTEGRITY_FAILURE, null, "2026-10-14",
        Map.of("day", "2026-10-14")));
    findings.add(new Finding(FindingKind.UNFILED_APP_USE, SCHOOL_A, "homework-helper",
        facts("app", "作业帮手", "count", "412", "groups", "students-g5")));
    findings.add(new Finding(FindingKind.INGEST_GAP, SCHOOL_A, "2026-10-09T08:00:00Z",
        facts("from", "2026-10-09 08:00", "to", "2026-10-09 11:00")));
    findings.add(new Finding(FindingKind.LOG_ACCESS_WITHOUT_CASE, SCHOOL_A, "log-77",
        facts("actor", "li.wei", "at", "2026-10-20 10:12", "target", "audit:user:s1024")));
    findings.add(new Finding(FindingKind.MISSING_EVIDENCE, SCHOOL_B, "uf-31",
        facts("app", "口算练习", "missing", "数据安全协议")));
    List<MonthlyReport.SchoolSection> schools = List.of(schoolA(findings), schoolB(findings));
    MonthlyReport.Header header = new MonthlyReport.Header("滨江区教育局", MONTH, ZONE, null,
        "inspector.zhang", Instant.parse("2026-11-02T01:30:00Z"),
        Instant.parse("2026-10-31T16:00:00Z"), 42);
    MonthlyReport.Summary summary = new MonthlyReport.Summary(2, 0, 1_234_567, 23_456, List.of(
        new MonthlyReport.ProblemCount(FindingKind.UNFILED_APP_USE, 1, 1),
        new MonthlyReport.ProblemCount(FindingKind.INGEST_GAP, 1, 1),
        new MonthlyReport.ProblemCount(FindingKind.MISSING_EVIDENCE, 1, 1)));
    MonthlyReport.DistrictCompliance district = new MonthlyReport.DistrictCompliance(31,
        List.of(new MonthlyReport.IntegrityDay(LocalDate.of(2026, 10, 14), 80_211, 2,
            List.of("record 4711 changed", "record 4712 missing"))),
        List.of(new MonthlyReport.HealthAlert("clock-drift", Instant.parse("2026-10-05T02:00:00Z"),
            Instant.parse("2026-10-05T02:20:00Z"), "drift 3.2 s > 1 s")),
        List.of(new MonthlyReport.HealthAlert("audit-store", Instant.parse("2026-10-22T06:00:00Z"),
            Instant.parse("2026-10-22T06:05:00Z"), "audit store not writable")),
        Instant.parse("2026-04-01T00:00:00Z"),
        List.of(new MonthlyReport.LogAccess(77, Instant.parse("2026-10-20T03:00:00Z"),
            "district.admin", "audit.search", "audit:events", null, null)));
    List<MonthlyReport.Proposal> proposals = List.of(
        new MonthlyReport.Proposal(SCHOOL_A, MonthlyReport.ProposalAction.SUMMONS,
            MonthlyReport.ProposalRule.UNRECTIFIED_TWO_MONTHS, List.of(7L)),
        new MonthlyReport.Proposal(SCHOOL_A, MonthlyReport.ProposalAction.BULLETIN,
            MonthlyReport.ProposalRule.UNFILED_APP_USE, List.of(21L)),
        new MonthlyReport.Proposal(SCHOOL_B, MonthlyReport.ProposalAction.BULLETIN,
            MonthlyReport.ProposalRule.UNRECTIFIED_LAST_MONTH, List.of(12L)));
    return new MonthlyReport(header, summary, schools, district, findings, proposals);
  }

  private static MonthlyReport.SchoolSection schoolA(List<Finding> all) {
    List<Finding> own = all.stream().filter(f -> SCHOOL_A.equals(f.schoolId())).toList();
    return new MonthlyReport.SchoolSection(SCHOOL_A, SCHOOL_A_NAME,
        Instant.parse("2026-10-31T15:59:58Z"),
        new MonthlyReport.Traffic(800_000, 785_000, 15_000, 1_200, 760_000, 0.95),
        daily(31, 25_000, 480),
        List.of(new MonthlyReport.AppUse("homework-helper", "作业帮手", null, false, 412, 412),
            new MonthlyReport.AppUse("smart-class", "智慧课堂", "教APP备3100001号", true, 52_000, 0)),
        List.of(new MonthlyReport.UnfiledUse("homework-helper", "作业帮手", "APP_SCHOOL_NOT_FILED",
            412, List.of(new Count("students-g5", 300), new Count("students-g6", 112)))),
        List.of(new MonthlyReport.RevokedFiling("quiz-star", "答题之星", "教APP备4400123号",
            LocalDate.of(2026, 10, 12), "未整改，列入黑名单")),
        List.of(new MonthlyReport.UniformAppIssue("smart-class", "智慧课堂", List.of("ADS"), 3)),
        List.of(new MonthlyReport.MissingEvidence("uf-12", "smart-class", "智慧课堂",
            List.of("consultation"))),
        List.of(new Count("CATEGORY_BLOCKED", 9_000), new Count("APP_SCHOOL_NOT_FILED", 412),
            new Count("BYPASS_BLOCKED", 88)),
        List.of(new Count("games", 5_000), new Count("adult", 2_500), new Count("vpn", 88)),
        List.of(new Count("vpn", 60), new Count("doh", 28)),
        List.of(new Count("www.baidu.com", 120_000), new Count("cdn.smartclass.cn", 52_000)),
        new MonthlyReport.LogCompliance(Instant.parse("2026-04-01T00:00:00Z"),
            Instant.parse("2026-05-02T01:30:00Z"), true, List.of(LocalDate.of(2026, 10, 3)),
            List.of(new MonthlyReport.Gap(Instant.parse("2026-10-09T00:00:00Z"),
                Instant.parse("2026-10-09T03:00:00Z"))),
            List.of(new MonthlyReport.LogAccess(77, Instant.parse("2026-10-20T02:12:00Z"),
                "li.wei", "audit.timeline", "audit:user:s1024", null, null),
                new MonthlyReport.LogAccess(78, Instant.parse("2026-10-21T02:12:00Z"),
                    "responder.chen", "audit.search", "audit:user:s1024", "案2026-118", "家长投诉"))),
        own,
        List.of(item(7, YearMonth.of(2026, 8), SCHOOL_A, FindingKind.INGEST_GAP,
            RectificationStatus.OPEN, "网关断电导致日志中断"),
            item(9, YearMonth.of(2026, 9), SCHOOL_A, FindingKind.MISSING_EVIDENCE,
                RectificationStatus.CLOSED, "补充征求意见记录")),
        List.of(item(21, MONTH, SCHOOL_A, FindingKind.UNFILED_APP_USE, RectificationStatus.OPEN,
            "作业帮手 412 次")),
        false);
  }

  private static MonthlyReport.SchoolSection schoolB(List<Finding> all) {
    List<Finding> own = all.stream().filter(f -> SCHOOL_B.equals(f.schoolId())).toList();
    return new MonthlyReport.SchoolSection(SCHOOL_B, SCHOOL_B_NAME,
        Instant.parse("2026-10-31T15:58:00Z"),
        new MonthlyReport.Traffic(434_567, 426_111, 8_456, 300, 420_000, 0.966),
        daily(31, 14_000, 270),
        List.of(new MonthlyReport.AppUse("oral-math", "口算练习", "教APP备1100042号", true, 9_000, 0)),
        List.of(new MonthlyReport.UnfiledUse("chat-tutor", "聊天家教", "APP_PROVIDER_NOT_FILED", 30,
            List.of(new Count("students-g8", 30)))),
        List.of(new MonthlyReport.RevokedFiling("quiz-star", "答题之星", "教APP备4400123号",
            LocalDate.of(2026, 10, 12), "撤销")),
        List.of(new MonthlyReport.UniformAppIssue("oral-math", "口算练习", List.of("GAMES",
            "PAYMENTS"), 0)),
        List.of(new MonthlyReport.MissingEvidence("uf-31", "oral-math", "口算练习",
            List.of("dataAgreement"))),
        List.of(new Count("CATEGORY_BLOCKED", 8_000), new Count("MINOR_GAME_TIME", 456)),
        List.of(new Count("games", 6_000), new Count("social_networks", 2_000)),
        List.of(new Count("proxy", 12)),
        List.of(new Count("www.qq.com", 90_000)),
        new MonthlyReport.LogCompliance(Instant.parse("2026-04-01T00:00:00Z"),
            Instant.parse("2026-05-02T01:30:00Z"), true, List.of(),
            List.of(new MonthlyReport.Gap(Instant.parse("2026-10-18T01:00:00Z"),
                Instant.parse("2026-10-18T02:00:00Z"))),
            List.of(new MonthlyReport.LogAccess(80, Instant.parse("2026-10-25T02:00:00Z"),
                "responder.chen", "audit.timeline", "audit:user:w88", "案2026-121", "调查"))),
        own,
        List.of(item(12, YearMonth.of(2026, 9), SCHOOL_B, FindingKind.UNFILED_APP_USE,
            RectificationStatus.RECTIFIED, "聊天家教")),
        List.of(item(22, MONTH, SCHOOL_B, FindingKind.MISSING_EVIDENCE, RectificationStatus.OPEN,
            "口算练习缺数据安全协议")),
        false);
  }

  private static List<MonthlyReport.DayTraffic> daily(int days, long allowed, long blocked) {
    List<MonthlyReport.DayTraffic> out = new ArrayList<>();
    for (int d = 1; d <= days; d++) {
      boolean weekend = LocalDate.of(2026, 10, d).getDayOfWeek().getValue() >= 6;
      out.add(new MonthlyReport.DayTraffic(LocalDate.of(2026, 10, d),
          weekend ? allowed / 10 : allowed + d * 100L, weekend ? blocked / 10 : blocked + d));
    }
    return out;
  }

  private static RectificationItem item(long id, YearMonth month, String school, FindingKind kind,
      RectificationStatus status, String summary) {
    return new RectificationItem(id, month, school, kind, kind.name(), summary, "网络管理员 王老师",
        month.plusMonths(1).atDay(15), status, Instant.parse("2026-10-30T00:00:00Z"), "inspector.zhang",
        null);
  }

  private static Map<String, String> facts(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }
}
