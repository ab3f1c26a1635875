package org.campusgate.console.report.output;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.MonthlyReport;
import org.campusgate.console.report.MonthlyReport.Count;
import org.campusgate.console.report.MonthlyReport.SchoolSection;
import org.campusgate.console.report.RectificationItem;
import org.campusgate.console.report.output.LaidOutReport.Block;
import org.campusgate.console.report.output.LaidOutReport.Chart;
import org.campusgate.console.report.output.LaidOutReport.ChartKind;
import org.campusgate.console.report.output.LaidOutReport.Column;
import org.campusgate.console.report.output.LaidOutReport.Heading;
import org.campusgate.console.report.output.LaidOutReport.Paragraph;
import org.campusgate.console.report.output.LaidOutReport.Section;
import org.campusgate.console.report.output.LaidOutReport.Series;
import org.campusgate.console.report.output.LaidOutReport.SignOff;
import org.campusgate.console.report.output.LaidOutReport.Table;

/**
 * Lays a {@link MonthlyReport} out in the five parts of RULES.md §6: header, summary, one section
 * per school, bulletin extract, sign-off. Every list of the model becomes a table (so a CSV);
 * daily traffic, blocks by reason and by category also become charts. Findings are written from
 * their kind and facts through the bundle ({@code finding.<KIND>}); facts the text does not name
 * are added after it, so nothing the checks found is dropped.
 */
public final class ReportLayouts {
  private static final String ALLOWED_COLOR = "#2f6f4f";
  private static final String BLOCKED_COLOR = "#c53030";
  private static final String BAR_COLOR = "#1f3a5f";

  private final ReportTexts x;
  private final MonthlyReport r;
  private final Map<String, String> schoolNames;

  private ReportLayouts(MonthlyReport report, String lang) {
    this.r = report;
    this.x = new ReportTexts(lang, report.header().zone());
    this.schoolNames = report.schools().stream().collect(Collectors.toMap(SchoolSection::schoolId,
        SchoolSection::name, (a, b) -> a, LinkedHashMap::new));
  }

  /** The report laid out in {@code lang} ({@code zh}, the default, or {@code en}). */
  public static LaidOutReport layOut(MonthlyReport report, String lang) {
    return new ReportLayouts(report, lang).layOut();
  }

  private LaidOutReport layOut() {
    List<Section> sections = new ArrayList<>();
    sections.add(header());
    sections.add(summary());
    for (SchoolSection s : r.schools()) {
      sections.add(school(s));
    }
    sections.add(bulletin());
    sections.add(new Section("sign-off", x.get("signoff.heading"), false,
        List.of(new SignOff(List.of(x.get("signoff.inspector"), x.get("signoff.reviewer"),
            x.get("signoff.school")), x.get("signoff.signature"), x.get("signoff.date")))));
    return new LaidOutReport(x.lang(), title(), sections);
  }

  private String title() {
    return x.get("title", Map.of("district", r.header().district(),
        "month", r.header().month().toString()));
  }

  // 1 -----------------------------------------------------------------------------------------

  private Section header() {
    MonthlyReport.Header h = r.header();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of(x.get("header.district"), h.district()));
    rows.add(List.of(x.get("header.month"), h.month().toString()));
    rows.add(List.of(x.get("header.scope"), h.school() == null ? x.get("header.scope.all")
        : schoolName(h.school())));
    rows.add(List.of(x.get("header.inspector"), h.inspector()));
    rows.add(List.of(x.get("header.generated"), x.time(h.generatedAt())));
    rows.add(List.of(x.get("header.zone"), h.zone().getId()));
    rows.add(List.of(x.get("header.register-sync"), h.registerSyncedAt() == null
        ? x.get("header.register-never") : x.time(h.registerSyncedAt())));
    rows.add(List.of(x.get("header.register-revision"), Long.toString(h.registerRevision())));
    List<Block> blocks = new ArrayList<>();
    blocks.add(table("header", x.get("header.caption"), cols("col.item", "col.value"), rows));
    blocks.add(table("freshness", x.get("header.freshness"), cols("col.school", "col.last-event"),
        r.schools().stream().map(s -> List.of(s.name(), x.time(s.lastEvent()))).toList()));
    return new Section("header", title(), false, blocks);
  }

  // 2 -----------------------------------------------------------------------------------------

  private Section summary() {
    MonthlyReport.Summary s = r.summary();
    List<Block> blocks = new ArrayList<>();
    double compliant = s.schools() == 0 ? 1 : (double) s.compliantSchools() / s.schools();
    blocks.add(new Paragraph(x.get("summary.text", Map.of("schools", x.number(s.schools()),
        "compliant", x.number(s.compliantSchools()), "percent", x.percent(compliant),
        "events", x.number(s.events()), "blocked", x.number(s.blocked()))), false));
    blocks.add(table("summary", x.get("summary.caption"), cols("col.item", "col.value#"), List.of(
        List.of(x.get("summary.schools"), x.number(s.schools())),
        List.of(x.get("summary.compliant"), x.number(s.compliantSchools())),
        List.of(x.get("summary.compliant-percent"), x.percent(compliant)),
        List.of(x.get("summary.events"), x.number(s.events())),
        List.of(x.get("summary.blocked"), x.number(s.blocked())))));
    blocks.add(table("top-problems", x.get("summary.top-problems"),
        cols("col.problem", "col.schools#", "col.findings#"),
        s.topProblems().stream().map(p -> List.of(x.get("kind." + p.kind().name()),
            x.number(p.schools()), x.number(p.findings()))).toList()));
    blocks.add(table("proposals", x.get("summary.proposals"),
        cols("col.school", "col.action", "col.rule", "col.items"),
        r.proposals().stream().map(p -> List.of(schoolName(p.schoolId()),
            x.get("action." + p.action().name()), x.get("rule." + p.rule().name()),
            p.itemIds().stream().map(id -> "#" + id).collect(Collectors.joining(", "))))
            .toList()));
    blocks.addAll(district());
    return new Section("summary", x.get("summary.heading"), false, blocks);
  }

  /** The installation-wide log compliance: integrity, clock, store availability. */
  private List<Block> district() {
    MonthlyReport.DistrictCompliance d = r.district();
    List<Block> blocks = new ArrayList<>();
    blocks.add(new Heading(x.get("district.heading")));
    blocks.add(table("district-log", x.get("district.caption"), cols("col.item", "col.value"),
        List.of(
            List.of(x.get("district.days-verified"), x.number(d.daysVerified())),
            List.of(x.get("district.integrity-failures"), x.number(d.integrityFailures().size())),
            List.of(x.get("district.clock-drift"), x.number(d.clockDrift().size())),
            List.of(x.get("district.audit-downtime"), x.number(d.auditDowntime().size())),
            List.of(x.get("district.oldest-event"), x.time(d.oldestEvent())))));
    blocks.add(table("integrity-failures", x.get("district.integrity-caption"),
        cols("col.day", "col.records#", "col.problems#", "col.details"),
        d.integrityFailures().stream().map(i -> List.of(x.day(i.day()),
            x.number(i.recordsChecked()), x.number(i.problemCount()),
            String.join("; ", i.problems()))).toList()));
    List<MonthlyReport.HealthAlert> health = new ArrayList<>(d.clockDrift());
    health.addAll(d.auditDowntime());
    blocks.add(table("health-alerts", x.get("district.health-caption"),
        cols("col.check", "col.from", "col.to", "col.message"),
        health.stream().map(a -> List.of(a.check(), x.time(a.from()),
            a.to() == null ? x.get("district.ongoing") : x.time(a.to()), a.message())).toList()));
    blocks.add(logAccess("district-log-access", d.logAccess()));
    List<Finding> districtFindings = r.findings().stream().filter(f -> f.schoolId() == null)
        .toList();
    blocks.add(findings("district-findings", x.get("district.findings"), districtFindings));
    return blocks;
  }

  // 3 -----------------------------------------------------------------------------------------

  private Section school(SchoolSection s) {
    String id = "school-" + slug(s.schoolId());
    List<Block> b = new ArrayList<>();
    MonthlyReport.Traffic t = s.traffic();
    List<Finding> found = r.findingsOf(s.schoolId());
    b.add(new Paragraph(s.compliant() ? x.get("school.compliant")
        : x.get("school.noncompliant", Map.of("count", x.number(found.size()))), !s.compliant()));
    b.add(table(id + "-traffic", x.get("school.traffic"), cols("col.item", "col.value#"), List.of(
        List.of(x.get("traffic.events"), x.number(t.events())),
        List.of(x.get("traffic.allowed"), x.number(t.allowed())),
        List.of(x.get("traffic.blocked"), x.number(t.blocked())),
        List.of(x.get("traffic.auth-required"), x.number(t.authRequired())),
        List.of(x.get("traffic.identified"), x.number(t.identified())),
        List.of(x.get("traffic.real-name"), x.percent(t.realNameCoverage())))));
    b.add(new Chart(id + "-daily", x.get("school.daily"), ChartKind.LINE,
        s.daily().stream().map(d -> d.day().toString()).toList(),
        List.of(new Series(x.get("traffic.allowed"), ALLOWED_COLOR,
                s.daily().stream().map(MonthlyReport.DayTraffic::allowed).toList()),
            new Series(x.get("traffic.blocked"), BLOCKED_COLOR,
                s.daily().stream().map(MonthlyReport.DayTraffic::blocked).toList())),
        x.get("chart.empty")));
    b.add(table(id + "-daily", x.get("school.daily"), cols("col.day", "col.allowed#",
        "col.blocked#"), s.daily().stream().map(d -> List.of(d.day().toString(),
            x.number(d.allowed()), x.number(d.blocked()))).toList()));

    b.add(new Heading(x.get("school.apps-heading")));
    b.add(table(id + "-apps", x.get("school.apps"),
        cols("col.app", "col.provider-filing", "col.filed", "col.events#", "col.blocked#"),
        s.apps().stream().map(a -> List.of(app(a.appId(), a.appName()), orDash(a.providerFiling()),
            x.yesNo(a.filed()), x.number(a.events()), x.number(a.blocked()))).toList()));
    b.add(table(id + "-unfiled", x.get("school.unfiled"),
        cols("col.app", "col.reason", "col.count#", "col.groups"),
        s.unfiledUse().stream().map(u -> List.of(app(u.appId(), u.appName()), x.reason(u.reason()),
            x.number(u.count()), counts(u.groups()))).toList()));
    b.add(table(id + "-revoked", x.get("school.revoked"),
        cols("col.app", "col.filing-number", "col.revoked-on", "col.reason"),
        s.revoked().stream().map(v -> List.of(app(v.appId(), v.appName()), orDash(v.filingNumber()),
            x.day(v.revokedOn()), orDash(v.reason()))).toList()));
    b.add(table(id + "-uniform", x.get("school.uniform"),
        cols("col.app", "col.features", "col.charges-blocked#"),
        s.uniformApps().stream().map(u -> List.of(app(u.appId(), u.appName()),
            u.features().stream().map(f -> label("feature.", f)).collect(Collectors.joining("、")),
            x.number(u.chargesBlocked()))).toList()));
    b.add(table(id + "-evidence", x.get("school.evidence"),
        cols("col.filing", "col.app", "col.missing"),
        s.missingEvidence().stream().map(m -> List.of(m.filingId(), app(m.appId(), m.appName()),
            m.missing().stream().map(e -> label("evidence.", e)).collect(Collectors.joining("、"))))
            .toList()));

    b.add(new Heading(x.get("school.blocks-heading")));
    b.add(barChart(id + "-reasons", x.get("school.by-reason"), s.blocksByReason(), x::reason));
    b.add(countTable(id + "-reasons", x.get("school.by-reason"), "col.reason",
        s.blocksByReason(), x::reason));
    b.add(barChart(id + "-categories", x.get("school.by-category"), s.blocksByCategory(),
        x::category));
    b.add(countTable(id + "-categories", x.get("school.by-category"), "col.category",
        s.blocksByCategory(), x::category));
    b.add(countTable(id + "-bypass", x.get("school.bypass"), "col.kind", s.bypassAttempts(),
        k -> label("bypass.", k)));
    b.add(countTable(id + "-hosts", x.get("school.hosts"), "col.host", s.topHosts(),
        Function.identity()));

    b.addAll(log(id, s.log()));

    b.add(new Heading(x.get("school.findings-heading")));
    b.add(findings(id + "-findings", x.get("school.findings"), found));
    b.add(items(id + "-carried", x.get("school.carried"), s.carriedOver()));
    b.add(items(id + "-new", x.get("school.new-items"), s.newItems()));
    return new Section(id, x.get("school.heading", Map.of("name", s.name(), "id", s.schoolId())),
        true, b);
  }

  private List<Block> log(String id, MonthlyReport.LogCompliance l) {
    List<Block> b = new ArrayList<>();
    b.add(new Heading(x.get("school.log-heading")));
    if (l == null) {
      b.add(new Paragraph(x.get("log.unknown"), true));
      return b;
    }
    b.add(table(id + "-log", x.get("school.log"), cols("col.item", "col.value"), List.of(
        List.of(x.get("log.oldest"), x.time(l.oldestEvent())),
        List.of(x.get("log.floor"), x.time(l.floor())),
        List.of(x.get("log.floor-met"), x.yesNo(l.floorMet())),
        List.of(x.get("log.no-event-days"), l.noEventDays().isEmpty() ? x.get("none")
            : l.noEventDays().stream().map(x::day).collect(Collectors.joining(", "))),
        List.of(x.get("log.gaps"), x.number(l.gaps().size())),
        List.of(x.get("log.access"), x.number(l.logAccess().size())))));
    b.add(table(id + "-gaps", x.get("log.gaps-caption"), cols("col.from", "col.to"),
        l.gaps().stream().map(g -> List.of(x.time(g.from()), x.time(g.to()))).toList()));
    b.add(logAccess(id + "-log-access", l.logAccess()));
    return b;
  }

  /** The looks at persons' logs, with their case references (RULES.md §5, Art. 36). */
  private Table logAccess(String id, List<MonthlyReport.LogAccess> looks) {
    return table(id, x.get("log.access-caption"),
        cols("col.time", "col.actor", "col.action", "col.target", "col.case", "col.reason-given"),
        looks.stream().map(a -> List.of(x.time(a.at()), a.actor(), a.action(),
            orDash(a.target()), a.caseRef() == null ? x.get("log.no-case") : a.caseRef(),
            orDash(a.reason()))).toList());
  }

  // 4 -----------------------------------------------------------------------------------------

  private Section bulletin() {
    List<Block> b = new ArrayList<>();
    b.add(new Heading(x.get("bulletin.basis-heading")));
    b.add(new Paragraph(x.get("bulletin.basis"), false));
    b.add(new Heading(x.get("bulletin.method-heading")));
    b.add(new Paragraph(x.get("bulletin.method", Map.of("month", r.header().month().toString(),
        "schools", x.number(r.summary().schools()))), false));
    List<List<String>> problems = new ArrayList<>();
    for (Finding f : r.findings()) {
      problems.add(List.of(f.schoolId() == null ? x.get("district.name") : schoolName(f.schoolId()),
          x.get("kind." + f.kind().name()), finding(f)));
    }
    b.add(table("bulletin-problems", x.get("bulletin.problems"),
        cols("col.school", "col.problem", "col.details"), problems));
    List<List<String>> due = new ArrayList<>();
    for (SchoolSection s : r.schools()) {
      for (RectificationItem i : s.newItems()) {
        due.add(List.of(s.name(), "#" + i.id(), x.get("kind." + i.kind().name()),
            orDash(i.owner()), x.day(i.deadline())));
      }
      for (RectificationItem i : s.carriedOver()) {
        if (i.open()) {
          due.add(List.of(s.name(), "#" + i.id(), x.get("kind." + i.kind().name()),
              orDash(i.owner()), x.day(i.deadline())));
        }
      }
    }
    b.add(table("bulletin-requirements", x.get("bulletin.requirements"),
        cols("col.school", "col.item", "col.problem", "col.owner", "col.deadline"), due));
    return new Section("bulletin", x.get("bulletin.heading"), true, b);
  }

  /** One finding's text in {@code lang}, as the report shows it. */
  static String findingText(MonthlyReport report, Finding f, String lang) {
    return new ReportLayouts(report, lang).finding(f);
  }

  // pieces ------------------------------------------------------------------------------------

  /** A finding as a sentence: its kind's text with the facts filled in, the rest after it. */
  String finding(Finding f) {
    String key = "finding." + f.kind().name();
    String template = x.get(key);
    Set<String> used = new HashSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([a-zA-Z0-9_.-]+)}")
        .matcher(template);
    while (m.find()) {
      used.add(m.group(1));
    }
    String text = ReportTexts.fill(template, f.facts());
    String rest = f.facts().entrySet().stream().filter(e -> !used.contains(e.getKey()))
        .map(e -> label("fact.", e.getKey()) + x.get("fact.separator") + e.getValue())
        .collect(Collectors.joining(x.get("list.separator")));
    return rest.isEmpty() ? text : text + x.get("fact.open") + rest + x.get("fact.close");
  }

  private Table findings(String id, String caption, List<Finding> list) {
    return table(id, caption, cols("col.problem", "col.subject", "col.details"),
        list.stream().map(f -> List.of(x.get("kind." + f.kind().name()), f.subject(), finding(f)))
            .toList());
  }

  private Table items(String id, String caption, List<RectificationItem> list) {
    return table(id, caption, cols("col.item", "col.month", "col.problem", "col.summary",
        "col.owner", "col.deadline", "col.status"),
        list.stream().map(i -> List.of("#" + i.id(), i.month().toString(),
            x.get("kind." + i.kind().name()), orDash(i.summary()), orDash(i.owner()),
            x.day(i.deadline()), x.get("status." + i.status().name()))).toList());
  }

  private Chart barChart(String id, String title, List<Count> counts,
      Function<String, String> name) {
    return new Chart(id, title, ChartKind.BAR, counts.stream().map(c -> name.apply(c.key()))
        .toList(), List.of(new Series(x.get("traffic.blocked"), BAR_COLOR,
            counts.stream().map(Count::count).toList())), x.get("chart.empty-blocked"));
  }

  private Table countTable(String id, String caption, String keyColumn, List<Count> counts,
      Function<String, String> name) {
    return table(id, caption, cols(keyColumn, "col.count#"),
        counts.stream().map(c -> List.of(name.apply(c.key()), x.number(c.count()))).toList());
  }

  private Table table(String id, String caption, List<Column> columns, List<List<String>> rows) {
    return new Table(id, caption, columns, rows, x.get("table.empty"));
  }

  /** Columns from bundle keys; a key ending in # is a numeric column. */
  private List<Column> cols(String... keys) {
    List<Column> out = new ArrayList<>();
    for (String k : keys) {
      boolean numeric = k.endsWith("#");
      out.add(new Column(x.get(numeric ? k.substring(0, k.length() - 1) : k), numeric));
    }
    return out;
  }

  private String counts(List<Count> list) {
    return list.isEmpty() ? "–" : list.stream().map(c -> c.key() + " " + x.number(c.count()))
        .collect(Collectors.joining(x.get("list.separator")));
  }

  private String app(String id, String name) {
    return name == null || name.isBlank() || name.equals(id) ? id : name + " (" + id + ")";
  }

  private String label(String prefix, String key) {
    return x.has(prefix + key) ? x.get(prefix + key) : key;
  }

  private String schoolName(String id) {
    return schoolNames.getOrDefault(id, id);
  }

  private static String orDash(String s) {
    return s == null || s.isBlank() ? "–" : s;
  }

  /** A name safe in ids and file names: lower-case letters, digits and dashes. */
  static String slug(String s) {
    String out = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    return out.isEmpty() ? "x" : out;
  }
}
