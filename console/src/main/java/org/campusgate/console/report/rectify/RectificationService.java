package org.campusgate.console.report.rectify;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.campusgate.console.auth.ConsoleUser;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.console.db.AccountDao;
import org.campusgate.console.db.ConsoleAccount;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.report.Finding;
import org.campusgate.console.report.RectificationItem;
import org.campusgate.console.report.RectificationStatus;
import org.campusgate.console.report.Rectifications;

/**
 * Rectification items in the console database: raised by monthly reports, put right by schools,
 * checked by inspectors. Who may do what:
 *
 * <ul>
 *   <li>a school-admin marks an item of their own school {@code RECTIFIED}, with a note saying
 *       what was done;
 *   <li>an inspector or district-admin closes an item ({@code CLOSED}) or reopens it ({@code
 *       OPEN}), and gives it a new owner or deadline.
 * </ul>
 * Every change goes to the admin log ({@code rectification.*}, target {@code rectification:<id>})
 * with the item before and after, in the same transaction.
 */
public final class RectificationService implements Rectifications {
  /** Longest note, owner and summary kept. */
  public static final int MAX_NOTE = 1000;
  public static final int MAX_OWNER = 100;
  static final int MAX_SUMMARY = 1000;
  static final int MAX_SUBJECT = 255;

  private final RectificationDao dao;
  private final AccountDao accounts;
  private final AdminLog log;
  private final Clock clock;
  private final ZoneId zone;
  private final int rectificationDays;

  /**
   * @param zone the zone months begin in
   * @param rectificationDays days after the month's last day a new item is due
   */
  public RectificationService(RectificationDao dao, AccountDao accounts, AdminLog log,
      Clock clock, ZoneId zone, int rectificationDays) {
    this.dao = Objects.requireNonNull(dao, "dao");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.log = Objects.requireNonNull(log, "log");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
    if (rectificationDays < 0) {
      throw new IllegalArgumentException("rectificationDays must not be negative");
    }
    this.rectificationDays = rectificationDays;
  }

  @Override
  public List<RectificationItem> raise(YearMonth month, List<Finding> findings, String actor) {
    LocalDate deadline = month.atEndOfMonth().plusDays(rectificationDays);
    Map<String, String> owners = schoolOwners();
    List<RectificationItem> out = new ArrayList<>();
    for (Finding f : findings) {
      String owner = f.schoolId() == null ? "district-admin"
          : owners.getOrDefault(f.schoolId(), "school-admin:" + f.schoolId());
      RectificationDao.NewItem item = new RectificationDao.NewItem(month, f.schoolId(), f.kind(),
          cut(f.subject(), MAX_SUBJECT), cut(summary(f), MAX_SUMMARY), cut(owner, MAX_OWNER),
          deadline);
      out.add(dao.inTransaction(() -> {
        RectificationDao.Raised r = dao.raiseIfAbsent(item, now(), actor);
        if (r.created()) {
          log.record(actor, "rectification.raise", target(r.item().id()), f.schoolId(), null,
              r.item());
        }
        return r.item();
      }));
    }
    return out;
  }

  @Override
  public List<RectificationItem> carriedInto(YearMonth month, String schoolId) {
    return dao.carriedInto(month, month.atDay(1).atStartOfDay(zone).toInstant(), schoolId);
  }

  /**
   * The items a caller may see: a school-admin their school's only (asking for another is 403).
   *
   * @param school one school, or null for all (a school-admin: their own)
   */
  public List<RectificationItem> list(ConsoleUser user, YearMonth month, String school,
      RectificationStatus status) {
    String only = school;
    if (user.role() == ConsoleRole.SCHOOL_ADMIN) {
      if (only != null && !only.equals(user.schoolId())) {
        throw new RefusedRequest(403, "forbidden-school",
            user.name() + " may not read the items of school " + only);
      }
      only = user.schoolId();
    }
    return dao.list(month, only, false, status);
  }

  /**
   * Changes an item's status, as the caller's role allows (see the class comment).
   *
   * @throws RefusedRequest 400 for a missing or too long note or a change the role does not
   *     make, 403 for another school's item, 404 when there is no such item, 409 when the item
   *     changed meanwhile
   */
  public RectificationItem setStatus(ConsoleUser user, long id, RectificationStatus status,
      String note) {
    Objects.requireNonNull(status, "status");
    String text = note == null || note.isBlank() ? null : note.strip();
    if (text != null && text.length() > MAX_NOTE) {
      throw RefusedRequest.invalid("note-too-long", "the note is longer than " + MAX_NOTE
          + " characters");
    }
    return dao.inTransaction(() -> {
      RectificationItem before = item(id);
      if (user.role() == ConsoleRole.SCHOOL_ADMIN) {
        if (before.schoolId() == null || !before.schoolId().equals(user.schoolId())) {
          throw new RefusedRequest(403, "forbidden-school",
              user.name() + " may not change the items of " + (before.schoolId() == null
                  ? "the district" : "school " + before.schoolId()));
        }
        if (status != RectificationStatus.RECTIFIED) {
          throw RefusedRequest.invalid("bad-status",
              "a school admin marks an item RECTIFIED; the inspector closes or reopens it");
        }
        if (text == null) {
          throw RefusedRequest.invalid("note-required", "say what was done to put it right");
        }
        if (before.status() == RectificationStatus.CLOSED) {
          throw RefusedRequest.conflict("item-closed", "the item is closed already");
        }
      } else if (status == RectificationStatus.RECTIFIED) {
        throw RefusedRequest.invalid("bad-status",
            "the school marks an item RECTIFIED; an inspector closes or reopens it");
      }
      Instant now = now();
      if (!dao.setStatus(id, before.status(), status, text, now, user.name())) {
        throw RefusedRequest.conflict("conflict", "the item was changed meanwhile; reload it");
      }
      RectificationItem after = item(id);
      log.record(user.name(), "rectification.status", target(id), before.schoolId(), before,
          after);
      return after;
    });
  }

  /**
   * Gives an item a new owner and deadline (inspector, district-admin).
   *
   * @throws RefusedRequest 400 for a blank or too long owner or a missing deadline, 404 when
   *     there is no such item
   */
  public RectificationItem reassign(ConsoleUser user, long id, String owner, LocalDate deadline) {
    if (owner == null || owner.isBlank() || owner.strip().length() > MAX_OWNER) {
      throw RefusedRequest.invalid("bad-owner", "the owner is 1.." + MAX_OWNER + " characters");
    }
    if (deadline == null) {
      throw RefusedRequest.invalid("bad-deadline", "a deadline (yyyy-MM-dd) is required");
    }
    return dao.inTransaction(() -> {
      RectificationItem before = item(id);
      dao.reassign(id, owner.strip(), deadline, now(), user.name());
      RectificationItem after = item(id);
      log.record(user.name(), "rectification.reassign", target(id), before.schoolId(), before,
          after);
      return after;
    });
  }

  private RectificationItem item(long id) {
    return dao.find(id).orElseThrow(() -> RefusedRequest.notFound("no-such-item",
        "there is no rectification item " + id));
  }

  /** Each school's owner: its first school-admin account by name. */
  private Map<String, String> schoolOwners() {
    return accounts.list().stream()
        .filter(a -> a.role() == ConsoleRole.SCHOOL_ADMIN && a.schoolId() != null)
        .sorted(Comparator.comparing(ConsoleAccount::username))
        .collect(Collectors.toMap(ConsoleAccount::schoolId, ConsoleAccount::username,
            (first, later) -> first));
  }

  /** The finding's facts as one line: {@code key=value; key=value}, or the subject. */
  static String summary(Finding f) {
    if (f.facts().isEmpty()) {
      return f.subject();
    }
    return f.facts().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String target(long id) {
    return "rectification:" + id;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
