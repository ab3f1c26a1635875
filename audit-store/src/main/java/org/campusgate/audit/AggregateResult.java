package org.campusgate.audit;

import java.util.List;

/**
 * The rows of an aggregate, ordered by bucket start and then by count, largest first.
 *
 * @param rows the rows
 * @param fromRollups whether the answer came from the hourly roll-ups rather than a scan
 */
public record AggregateResult(List<AggregateRow> rows, boolean fromRollups) {
  public AggregateResult {
    rows = List.copyOf(rows);
  }
}
