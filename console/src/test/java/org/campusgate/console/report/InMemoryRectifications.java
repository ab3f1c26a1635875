package org.campusgate.console.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Rectification items in memory, keeping the {@link Rectifications} contract (idempotent raise,
 * carried items not closed before the month), until the database-backed items are merged.
 */
final class InMemoryRectifications implements Rectifications {
  private record Key(YearMonth month, String school, FindingKind kind, String subject) {}

  private final Map<Key, RectificationItem> items = new LinkedHashMap<>();
  /** When each closed item was closed: the month it was closed in. */
  private final Map<Long, YearMonth> closedIn = new LinkedHashMap<>();

  @Override
  public synchronized List<RectificationItem> raise(YearMonth month, List<Finding> findings,
      String actor) {
    List<RectificationItem> out = new ArrayList<>();
    for (Finding f : findings) {
      Key k = new Key(month, f.schoolId(), f.kind(), f.subject());
      out.add(items.computeIfAbsent(k, x -> new RectificationItem(items.size() + 1L, month,
          f.schoolId(), f.kind(), f.subject(), f.facts().entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")),
          f.schoolId() == null ? "district-admin" : "school-admin:" + f.schoolId(),
          month.plusMonths(1).atDay(15), RectificationStatus.OPEN,
          Instant.parse("2026-11-01T00:00:00Z"), actor, null)));
    }
    return out;
  }

  @Override
  public synchronized List<RectificationItem> carriedInto(YearMonth month, String schoolId) {
    return items.values().stream()
        .filter(i -> i.month().isBefore(month))
        .filter(i -> schoolId == null || schoolId.equals(i.schoolId()))
        .filter(i -> i.open() || !closedIn.get(i.id()).isBefore(month))
        .toList();
  }

  /** Sets an item's status, as of a month (the month a CLOSED item was closed in). */
  synchronized void set(long id, RectificationStatus status, YearMonth in) {
    for (Map.Entry<Key, RectificationItem> e : items.entrySet()) {
      RectificationItem i = e.getValue();
      if (i.id() == id) {
        e.setValue(new RectificationItem(i.id(), i.month(), i.schoolId(), i.kind(), i.subject(),
            i.summary(), i.owner(), i.deadline(), status, i.updatedAt(), "test", null));
        if (status == RectificationStatus.CLOSED) {
          closedIn.put(id, Objects.requireNonNull(in));
        }
        return;
      }
    }
    throw new IllegalArgumentException("no item " + id);
  }

  synchronized List<RectificationItem> all() {
    return List.copyOf(items.values());
  }
}
