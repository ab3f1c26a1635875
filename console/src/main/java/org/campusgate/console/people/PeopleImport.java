package org.campusgate.console.people;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.console.db.IpBinding;
import org.campusgate.console.db.PeopleDao;
import org.campusgate.console.db.SchoolGroup;
import org.campusgate.console.db.SchoolUser;

/**
 * Imports a school's users from CSV (UTF-8, a header row, then one user per row):
 *
 * <pre>
 * login,display_name,groups,ip
 * s2026001,张小明,students;grade7,10.1.7.21
 * t-chen,陈老师,teachers,"10.1.9.0/28;2001:db8:9::/64"
 * </pre>
 *
 * <p>{@code login} is required; the other columns are optional and may come in any order. A user
 * not yet in the school is created; an existing one gets the row's display name and (when the
 * file has a {@code groups} column) exactly the row's groups. Groups that do not exist yet are
 * created. Networks ({@code ip}: addresses or CIDRs, several separated by {@code ;}) are bound to the row's user; a network already bound to the same user is left
 * as it is, one bound to anyone else is an error. Users missing from the file are kept.
 *
 * <p>The file is checked whole before anything is written: any error (each with its line) and
 * nothing changes; otherwise everything is written in one transaction. A dry run checks and
 * reports what would change without writing.
 */
public final class PeopleImport {
  /** Largest file accepted. */
  public static final int MAX_BYTES = 5 * 1024 * 1024;
  /** Most user rows accepted. */
  public static final int MAX_ROWS = 20_000;
  /** Most errors reported; the rest are counted. */
  static final int MAX_ERRORS = 100;
  private static final Set<String> COLUMNS = Set.of("login", "display_name", "groups", "ip");

  /**
   * One problem: the line of the file it is on (the header is line 1; a quoted field may span
   * lines, so this is the line the row starts on), the column when one is at fault, and what is
   * wrong.
   */
  public record LineError(int row, String column, String message) {}

  /** What an import did (or, for a dry run, would do). */
  public record Report(boolean dryRun, int rows, List<String> created, List<String> updated,
      int unchanged, List<String> groupsCreated, List<String> networksBound) {}

  private final PeopleService service;

  public PeopleImport(PeopleService service) {
    this.service = Objects.requireNonNull(service, "service");
  }

  /**
   * Checks the file against the school's current people and, unless {@code dryRun}, applies it.
   *
   * @throws RefusedRequest 413 {@code too-large}, 422 {@code invalid-csv} with the
   *     {@link LineError}s as details
   */
  public Report run(String actor, String school, byte[] file, boolean dryRun) {
    if (file.length > MAX_BYTES) {
      throw new RefusedRequest(413, "too-large",
          "the file is over " + (MAX_BYTES / (1024 * 1024)) + " MiB");
    }
    Plan plan = plan(school, rows(file));
    Report report = plan.report(dryRun);
    if (dryRun) {
      return report;
    }
    PeopleDao dao = service.dao();
    dao.inTransaction(() -> {
      plan.apply(dao, school, actor);
      return null;
    });
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("rows", report.rows());
    summary.put("created", report.created());
    summary.put("updated", report.updated());
    summary.put("unchanged", report.unchanged());
    summary.put("groupsCreated", report.groupsCreated());
    summary.put("networksBound", report.networksBound());
    service.log().record(actor, "people.import", "people:" + school, school, null, summary);
    service.publish(school, actor);
    return report;
  }

  private static List<CsvReader.Row> rows(byte[] file) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(file)).toString();
    } catch (CharacterCodingException e) {
      throw invalid(List.of(new LineError(0, null,
          "the file is not UTF-8 text (save it from the spreadsheet as \"CSV UTF-8\")")));
    }
    try {
      List<CsvReader.Row> rows = CsvReader.read(text, MAX_ROWS + 1);
      if (rows.isEmpty()) {
        throw invalid(List.of(new LineError(1, null, "the file is empty; the first row names the "
            + "columns: login,display_name,groups,ip")));
      }
      return rows;
    } catch (CsvReader.MalformedCsvException e) {
      throw invalid(List.of(new LineError(e.line(), null, e.getMessage().substring(
          e.getMessage().indexOf(": ") + 2))));
    }
  }

  /** Reads the header and every row, and works out the changes against the database. */
  private Plan plan(String school, List<CsvReader.Row> rows) {
    List<LineError> errors = new ArrayList<>();
    CsvReader.Row header = rows.get(0);
    Map<String, Integer> column = new HashMap<>();
    for (int i = 0; i < header.fields().size(); i++) {
      String name = header.fields().get(i).strip().toLowerCase(Locale.ROOT);
      if (!COLUMNS.contains(name)) {
        errors.add(new LineError(header.line(), null, "unknown column '" + Names.shorten(name)
            + "' (the columns are login, display_name, groups, ip)"));
      } else if (column.putIfAbsent(name, i) != null) {
        errors.add(new LineError(header.line(), null, "the column " + name + " appears twice"));
      }
    }
    if (!column.containsKey("login")) {
      errors.add(new LineError(header.line(), null, "the first row must name the columns and include "
          + "login, e.g. login,display_name,groups,ip"));
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }

    PeopleDao dao = service.dao();
    Map<String, SchoolUser> users = new HashMap<>();
    dao.users(school).forEach(u -> users.put(u.login(), u));
    Map<String, SchoolGroup> groups = new HashMap<>();
    dao.groups(school).forEach(g -> groups.put(g.name(), g));
    Map<Long, Set<String>> groupsOf = new HashMap<>();
    dao.memberships(school).forEach(m -> groupsOf.computeIfAbsent(m.userId(), k -> new TreeSet<>())
        .add(nameOf(groups, m.groupId())));
    Map<String, IpBinding> bound = new HashMap<>();
    dao.bindings(school).forEach(b -> bound.put(b.cidr(), b));
    Map<Long, String> loginOf = new HashMap<>();
    users.values().forEach(u -> loginOf.put(u.id(), u.login()));

    Plan plan = new Plan(column.containsKey("groups"));
    Map<String, Integer> loginLine = new HashMap<>();
    Map<String, Integer> networkLine = new HashMap<>();
    for (CsvReader.Row row : rows.subList(1, rows.size())) {
      if (row.fields().stream().allMatch(String::isBlank)) {
        continue;
      }
      plan.rows++;
      String at = "login";
      try {
        String login = Names.login(cell(row, column, "login"));
        Integer first = loginLine.putIfAbsent(login, row.line());
        if (first != null) {
          throw RefusedRequest.invalid("duplicate", "the login " + login
              + " is also on line " + first);
        }
        at = "display_name";
        String display = Names.displayName(cell(row, column, "display_name"), login);
        at = "groups";
        Set<String> rowGroups = new TreeSet<>();
        for (String g : split(cell(row, column, "groups"))) {
          rowGroups.add(Names.group(g));
        }
        if (rowGroups.size() > PeopleService.MAX_GROUPS_PER_USER) {
          throw RefusedRequest.invalid("too-many-groups", "more than "
              + PeopleService.MAX_GROUPS_PER_USER + " groups");
        }
        at = "ip";
        List<String> networks = new ArrayList<>();
        for (String n : split(cell(row, column, "ip"))) {
          String cidr = Cidrs.canonical(n);
          Integer other = networkLine.putIfAbsent(cidr, row.line());
          if (other != null) {
            throw RefusedRequest.invalid("duplicate", "the network " + cidr
                + " is also on line " + other);
          }
          IpBinding b = bound.get(cidr);
          if (b == null) {
            networks.add(cidr);
          } else if (b.userId() == null || !login.equals(loginOf.get(b.userId()))) {
            throw RefusedRequest.invalid("network-taken", "the network " + cidr
                + " is bound already to " + (b.userId() == null
                    ? "the group " + nameOf(groups, b.groupId())
                    : "the user " + loginOf.get(b.userId())));
          }
        }
        rowGroups.stream().filter(g -> !groups.containsKey(g)).forEach(plan.newGroups::add);
        SchoolUser existing = users.get(login);
        if (existing == null) {
          plan.created.add(new Person(login, display, rowGroups, networks));
        } else {
          Set<String> had = groupsOf.getOrDefault(existing.id(), Set.of());
          boolean changed = !existing.displayName().equals(display) || !networks.isEmpty()
              || (plan.setsGroups && !had.equals(rowGroups));
          if (changed) {
            plan.updated.add(new Person(login, display, rowGroups, networks));
          } else {
            plan.unchanged++;
          }
        }
      } catch (RefusedRequest e) {
        errors.add(new LineError(row.line(), at, e.getMessage()));
      }
      if (errors.size() > MAX_ERRORS) {
        break;
      }
    }
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
    return plan;
  }

  private static String nameOf(Map<String, SchoolGroup> groups, long id) {
    return groups.values().stream().filter(g -> g.id() == id).map(SchoolGroup::name)
        .findFirst().orElse("#" + id);
  }

  private static String cell(CsvReader.Row row, Map<String, Integer> column, String name) {
    Integer i = column.get(name);
    return i == null || i >= row.fields().size() ? "" : row.fields().get(i);
  }

  /** {@code a;b; c} (also {@code |} or {@code ；}) as its non-blank parts. */
  private static List<String> split(String cell) {
    List<String> out = new ArrayList<>();
    for (String part : cell.split("[;|；]")) {
      if (!part.isBlank()) {
        out.add(part.strip());
      }
    }
    return out;
  }

  private static RefusedRequest invalid(List<LineError> errors) {
    List<LineError> shown = errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
    return new RefusedRequest(422, "invalid-csv", "the file has " + errors.size()
        + (errors.size() > MAX_ERRORS ? " or more" : "") + " problem(s); nothing was imported",
        shown);
  }

  private record Person(String login, String displayName, Set<String> groups,
      List<String> networks) {}

  /** The changes a valid file makes. */
  private static final class Plan {
    final boolean setsGroups;
    final Set<String> newGroups = new LinkedHashSet<>();
    final List<Person> created = new ArrayList<>();
    final List<Person> updated = new ArrayList<>();
    int unchanged;
    int rows;

    Plan(boolean setsGroups) {
      this.setsGroups = setsGroups;
    }

    Report report(boolean dryRun) {
      List<String> networks = new ArrayList<>();
      for (List<Person> list : List.of(created, updated)) {
        list.forEach(p -> p.networks().forEach(n -> networks.add(n + " " + p.login())));
      }
      return new Report(dryRun, rows, created.stream().map(Person::login).toList(),
          updated.stream().map(Person::login).toList(), unchanged, List.copyOf(newGroups),
          networks);
    }

    void apply(PeopleDao dao, String school, String actor) {
      Map<String, Long> groupIds = new HashMap<>();
      dao.groups(school).forEach(g -> groupIds.put(g.name(), g.id()));
      newGroups.forEach(g -> groupIds.put(g, dao.createGroup(school, g).id()));
      for (Person p : created) {
        SchoolUser u = dao.createUser(school, p.login(), p.displayName());
        p.groups().forEach(g -> dao.addMember(school, u.id(), groupIds.get(g)));
        p.networks().forEach(n -> dao.bindToUser(school, n, u.id(), actor));
      }
      for (Person p : updated) {
        SchoolUser u = dao.findUser(school, p.login()).orElseThrow();
        dao.renameUser(u.id(), p.displayName());
        if (setsGroups) {
          Set<Long> had = new HashSet<>();
          dao.groupsOf(u.id()).forEach(g -> had.add(g.id()));
          Set<Long> want = new HashSet<>();
          p.groups().forEach(g -> want.add(groupIds.get(g)));
          had.stream().filter(id -> !want.contains(id)).forEach(id -> dao.removeMember(u.id(), id));
          want.stream().filter(id -> !had.contains(id))
              .forEach(id -> dao.addMember(school, u.id(), id));
        }
        p.networks().forEach(n -> dao.bindToUser(school, n, u.id(), actor));
      }
    }
  }
}
