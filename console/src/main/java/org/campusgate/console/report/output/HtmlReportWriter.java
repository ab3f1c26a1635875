package org.campusgate.console.report.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.campusgate.console.report.output.LaidOutReport.Block;
import org.campusgate.console.report.output.LaidOutReport.Chart;
import org.campusgate.console.report.output.LaidOutReport.Column;
import org.campusgate.console.report.output.LaidOutReport.Heading;
import org.campusgate.console.report.output.LaidOutReport.Paragraph;
import org.campusgate.console.report.output.LaidOutReport.Section;
import org.campusgate.console.report.output.LaidOutReport.SignOff;
import org.campusgate.console.report.output.LaidOutReport.Table;

/**
 * Writes a laid-out report as one static HTML page that works from {@code file://} and under the
 * console's CSP: no inline script or style; the charts' data sits in a
 * {@code <script type="application/json" class="report-data">} block inside the
 * {@code <article class="report">}, which {@code assets/report.js} draws with ECharts (both
 * beside the page, in {@code assets/}). The console's page imports the article as it is and
 * draws it with the same script. Every text is escaped.
 */
public final class HtmlReportWriter {
  /** The files the page loads, relative to it. */
  public static final String ASSETS = "assets";

  private final ObjectMapper json = new ObjectMapper();

  /** The page's HTML. */
  public String write(LaidOutReport report) {
    StringBuilder h = new StringBuilder(64 * 1024);
    String lang = report.lang().equals("en") ? "en" : "zh-CN";
    h.append("<!DOCTYPE html>\n<html lang=\"").append(lang).append("\">\n<head>\n")
        .append("<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(esc(report.title())).append("</title>\n")
        .append("<link rel=\"stylesheet\" href=\"" + ASSETS + "/report.css\">\n")
        .append("<script src=\"" + ASSETS + "/echarts.min.js\" defer></script>\n")
        .append("<script src=\"" + ASSETS + "/report.js\" defer></script>\n")
        .append("</head>\n<body class=\"report-standalone\">\n")
        .append("<article class=\"report\" lang=\"").append(lang).append("\">\n");
    for (Section s : report.sections()) {
      section(h, s);
    }
    h.append("<script type=\"application/json\" class=\"report-data\">")
        .append(data(report)).append("</script>\n");
    h.append("</article>\n</body>\n</html>\n");
    return h.toString();
  }

  private void section(StringBuilder h, Section s) {
    h.append("<section class=\"report-section").append(s.newPage() ? " report-new-page" : "")
        .append("\" id=\"section-").append(esc(s.id())).append("\">\n");
    String tag = s.id().equals("header") ? "h1" : "h2";
    h.append('<').append(tag).append('>').append(esc(s.heading())).append("</").append(tag)
        .append(">\n");
    for (Block b : s.blocks()) {
      if (b instanceof Heading x) {
        h.append("<h3>").append(esc(x.text())).append("</h3>\n");
      } else if (b instanceof Paragraph p) {
        h.append(p.warning() ? "<p class=\"report-warning\">" : "<p>").append(esc(p.text()))
            .append("</p>\n");
      } else if (b instanceof Table t) {
        table(h, t);
      } else if (b instanceof Chart c) {
        h.append("<figure class=\"report-figure\"><figcaption>").append(esc(c.title()))
            .append("</figcaption><div class=\"report-chart\" data-chart=\"").append(esc(c.id()))
            .append("\"></div></figure>\n");
      } else if (b instanceof SignOff o) {
        signOff(h, o);
      }
    }
    h.append("</section>\n");
  }

  private static void table(StringBuilder h, Table t) {
    if (t.rows().isEmpty()) {
      h.append("<div class=\"report-empty\" id=\"table-").append(esc(t.id()))
          .append("\"><p class=\"report-caption\">").append(esc(t.caption()))
          .append("</p><p class=\"report-none\">").append(esc(t.empty())).append("</p></div>\n");
      return;
    }
    h.append("<table class=\"report-table\" id=\"table-").append(esc(t.id())).append("\">")
        .append("<caption>").append(esc(t.caption())).append("</caption>\n<thead><tr>");
    for (Column c : t.columns()) {
      h.append(c.numeric() ? "<th class=\"num\">" : "<th>").append(esc(c.label())).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (var row : t.rows()) {
      h.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        h.append(t.columns().get(i).numeric() ? "<td class=\"num\">" : "<td>")
            .append(esc(row.get(i))).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private static void signOff(StringBuilder h, SignOff o) {
    h.append("<div class=\"report-signoff\">\n");
    for (String role : o.roles()) {
      h.append("<div class=\"report-sign-line\"><span class=\"report-sign-role\">")
          .append(esc(role)).append("</span><span class=\"report-sign-blank\">")
          .append(esc(o.signature())).append("</span><span class=\"report-sign-blank\">")
          .append(esc(o.date())).append("</span></div>\n");
    }
    h.append("</div>\n");
  }

  /** The charts as JSON that cannot end the script element ({@code <}, {@code >}, {@code &} escaped). */
  private String data(LaidOutReport report) {
    try {
      return json.writeValueAsString(Map.of("charts", report.charts()))
          .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the charts as JSON", e);
    }
  }

  /** Escapes text for HTML content and double-quoted attributes. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
