package org.campusgate.console.audit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.IntegrityProblem;
import org.campusgate.audit.VerificationReport;

/**
 * The integrity status of calendar days: {@link AuditStore#verify} over each day's range. Verify
 * rehashes every record of the day, so the answers for closed days (ended before now) are kept,
 * a bounded number of them; the current day is verified on every call.
 */
public final class IntegrityDays {
  /** Problems listed per day; the count says how many there were in all. */
  static final int MAX_PROBLEMS_SHOWN = 20;

  private final Supplier<AuditStore> store;
  private final Clock clock;
  private final Cache<Key, DayStatus> closedDays;

  /**
   * One day's status.
   *
   * @param day the calendar day in the zone asked for
   * @param from the first instant of the day
   * @param to the first instant of the next day
   * @param intact whether verification found nothing wrong
   * @param recordsChecked journal records rehashed
   * @param checkpointsChecked signed checkpoints checked
   * @param problemCount how many problems were found
   * @param problems the first {@value #MAX_PROBLEMS_SHOWN}, as sentences with their place
   */
  public record DayStatus(LocalDate day, Instant from, Instant to, boolean intact,
      long recordsChecked, long checkpointsChecked, int problemCount, List<String> problems) {
    public DayStatus {
      problems = List.copyOf(problems);
    }
  }

  private record Key(LocalDate day, ZoneId zone) {}

  /**
   * @param maxCachedDays how many closed days' answers to keep (zones count separately)
   */
  public IntegrityDays(Supplier<AuditStore> store, Clock clock, int maxCachedDays) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.closedDays = Caffeine.newBuilder().maximumSize(maxCachedDays).build();
  }

  /** The status of each day from {@code first} to {@code last}, both included, oldest first. */
  public List<DayStatus> days(LocalDate first, LocalDate last, ZoneId zone) {
    List<DayStatus> out = new ArrayList<>();
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      out.add(day(d, zone));
    }
    return out;
  }

  /** One day's status, from the cache when the day is closed and was verified before. */
  public DayStatus day(LocalDate day, ZoneId zone) {
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
    if (end.isAfter(clock.instant())) {
      return verify(day, zone); // still being written: a cached answer would go stale
    }
    return closedDays.get(new Key(day, zone), k -> verify(k.day(), k.zone()));
  }

  private DayStatus verify(LocalDate day, ZoneId zone) {
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    VerificationReport r = store.get().verify(from, to);
    List<String> shown = r.problems().stream().limit(MAX_PROBLEMS_SHOWN)
        .map(IntegrityProblem::toString).toList();
    return new DayStatus(day, from, to, r.intact(), r.recordsChecked(), r.checkpointsChecked(),
        r.problems().size(), shown);
  }
}
