package org.campusgate.console.report.output;

import java.util.List;
import java.util.Objects;

/**
 * A monthly report laid out for reading: its texts already in the reader's language, its figures
 * formatted, in sections of blocks. The HTML, PDF and CSV writers only render this; none of them
 * decides what the report shows.
 *
 * @param lang {@code zh} or {@code en}
 * @param title the document's title
 * @param sections in reading order
 */
public record LaidOutReport(String lang, String title, List<Section> sections) {
  public LaidOutReport {
    Objects.requireNonNull(lang, "lang");
    Objects.requireNonNull(title, "title");
    sections = List.copyOf(sections);
  }

  /** Every table of the report, in reading order (each becomes one CSV file). */
  public List<Table> tables() {
    return sections.stream().flatMap(s -> s.blocks().stream())
        .filter(Table.class::isInstance).map(Table.class::cast).toList();
  }

  /** Every chart of the report, in reading order. */
  public List<Chart> charts() {
    return sections.stream().flatMap(s -> s.blocks().stream())
        .filter(Chart.class::isInstance).map(Chart.class::cast).toList();
  }

  /**
   * A section.
   *
   * @param id a stable name ({@code [a-z0-9-]}), e.g. {@code summary}, {@code school-s1}
   * @param newPage whether printing starts it on a new page (each school does)
   */
  public record Section(String id, String heading, boolean newPage, List<Block> blocks) {
    public Section {
      blocks = List.copyOf(blocks);
    }
  }

  /** One piece of a section. */
  public sealed interface Block permits Heading, Paragraph, Table, Chart, SignOff {}

  /** A sub-heading inside a section. */
  public record Heading(String text) implements Block {}

  /** A paragraph of text; {@code warning} paragraphs stand out (problems found). */
  public record Paragraph(String text, boolean warning) implements Block {}

  /** A table column: its label and whether it holds figures (right-aligned). */
  public record Column(String label, boolean numeric) {}

  /**
   * A table.
   *
   * @param id a stable name ({@code [a-z0-9-]}), unique in the report: the CSV file's name
   * @param rows cells as shown, each row as long as {@code columns}
   * @param empty what is shown instead of the table when it has no rows
   */
  public record Table(String id, String caption, List<Column> columns, List<List<String>> rows,
      String empty) implements Block {
    public Table {
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
      for (List<String> r : rows) {
        if (r.size() != columns.size()) {
          throw new IllegalArgumentException("table " + id + ": a row of " + r.size()
              + " cells under " + columns.size() + " columns");
        }
      }
    }
  }

  /** How a chart draws its series. */
  public enum ChartKind { LINE, BAR }

  /**
   * A chart: one value per label per series.
   *
   * @param id a stable name ({@code [a-z0-9-]}), unique in the report
   * @param empty the text drawn when there is nothing to show
   */
  public record Chart(String id, String title, ChartKind kind, List<String> labels,
      List<Series> series, String empty) implements Block {
    public Chart {
      labels = List.copyOf(labels);
      series = List.copyOf(series);
    }
  }

  /** A chart's series and its colour ({@code #rrggbb}). */
  public record Series(String name, String color, List<Long> values) {
    public Series {
      values = List.copyOf(values);
    }
  }

  /** Lines to sign on: a role and blanks for the signature and date. */
  public record SignOff(List<String> roles, String signature, String date) implements Block {
    public SignOff {
      roles = List.copyOf(roles);
    }
  }
}
