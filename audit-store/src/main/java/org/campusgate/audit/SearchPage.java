package org.campusgate.audit;

import java.util.List;

/**
 * One page of search results.
 *
 * @param events the events of this page, in the query's order
 * @param next the cursor for the following page, or null when this is the last; stable: events
 *     appended after the first page never shift or repeat the pages that follow
 * @param total how many events match the query in all
 */
public record SearchPage(List<StoredEvent> events, String next, long total) {
  public SearchPage {
    events = List.copyOf(events);
  }
}
