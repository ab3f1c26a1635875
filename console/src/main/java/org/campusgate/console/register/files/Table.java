package org.campusgate.console.register.files;

import static org.campusgate.console.register.files.Column.optional;
import static org.campusgate.console.register.files.Column.required;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The tables of the register files: one sheet each in a workbook, one CSV file each otherwise,
 * and the revocation list the district publishes. Column order in a file is free; headers are the
 * English names or the Chinese labels.
 */
public enum Table {
  APPS("apps", "应用", "apps.csv", List.of(
      required("id", "应用标识"),
      optional("name", "应用名称"),
      required("kind", "应用类型"),
      optional("filing_number", "备案编号"),
      optional("category", "类别"),
      optional("features", "功能"),
      optional("domains", "域名"),
      optional("sni_patterns", "SNI模式"),
      optional("url_prefixes", "网址前缀"),
      optional("ip_ranges", "IP地址段"))),

  PROVIDER_FILINGS("provider_filings", "提供者备案", "provider-filings.csv", List.of(
      required("filing_number", "备案编号"),
      optional("app_name", "应用名称"),
      optional("aliases", "别名"),
      optional("form", "应用形态"),
      optional("provider_name", "提供者名称"),
      optional("credit_code", "统一社会信用代码"),
      optional("provider_type", "提供者类型"),
      optional("authority", "备案机关"),
      optional("icp_number", "ICP备案号"),
      optional("mlps_number", "等保备案编号"),
      optional("mlps_level", "等保级别"),
      optional("category", "类别"),
      optional("features", "功能"),
      optional("training_licence", "办学许可证号"),
      required("status", "备案状态"),
      optional("status_reason", "状态原因"),
      optional("may_refile_from", "可重新备案日期"),
      optional("provincial_lists", "省级名单"),
      optional("source", "数据来源"),
      required("effective_from", "生效时间"),
      optional("recorded_at", "记录时间"))),

  USER_FILINGS("user_filings", "使用者备案", "user-filings.csv", List.of(
      required("id", "使用者备案编号"),
      required("school", "学校"),
      optional("supervising_dept", "主管部门"),
      required("app_id", "应用标识"),
      optional("filing_number", "备案编号"),
      optional("origin", "选用方式"),
      optional("usage", "使用方式"),
      optional("charges_students", "是否向学生收费"),
      optional("linked_to_grades", "是否与成绩挂钩"),
      optional("consultation_ref", "征求意见记录"),
      optional("decision_minutes_ref", "集体决策纪要"),
      optional("data_agreement_ref", "数据安全协议"),
      optional("scope", "适用范围"),
      optional("windows", "使用时段"),
      required("status", "备案状态"),
      optional("confirmed_by", "确认人"),
      optional("confirmed_at", "确认时间"),
      optional("valid_from", "有效期起"),
      optional("valid_to", "有效期止"),
      required("effective_from", "生效时间"),
      optional("recorded_at", "记录时间"))),

  REVOCATIONS("revocations", "撤销名单", "revocations.csv", List.of(
      required("filing_number", "备案编号"),
      required("status", "备案状态"),
      optional("reason", "原因"),
      required("effective_from", "生效时间"),
      optional("may_refile_from", "可重新备案日期")));

  /** The three tables of a register (not the revocation list). */
  public static final List<Table> REGISTER = List.of(APPS, PROVIDER_FILINGS, USER_FILINGS);

  private final String sheet;
  private final String label;
  private final String fileName;
  private final List<Column> columns;

  Table(String sheet, String label, String fileName, List<Column> columns) {
    this.sheet = sheet;
    this.label = label;
    this.fileName = fileName;
    this.columns = columns;
  }

  /** The sheet name in a workbook, also the table's name: {@code provider_filings}. */
  public String sheet() {
    return sheet;
  }

  /** The Chinese sheet name, also accepted on import. */
  public String label() {
    return label;
  }

  /** The CSV file name: {@code provider-filings.csv}. */
  public String fileName() {
    return fileName;
  }

  public List<Column> columns() {
    return columns;
  }

  /**
   * The register table a sheet or file name stands for: the sheet name, the Chinese label or
   * the CSV name, with or without {@code .csv}, {@code -} or {@code _} alike.
   */
  public static Optional<Table> named(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.endsWith(".csv")) {
      n = n.substring(0, n.length() - 4);
    }
    n = n.replace('-', '_').replace(' ', '_');
    for (Table t : values()) {
      if (n.equals(t.sheet) || n.equals(t.label)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
