package org.campusgate.console.people;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.GatewayBindings;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.console.db.ConstraintViolationException;
import org.campusgate.console.db.IpBinding;
import org.campusgate.console.db.Membership;
import org.campusgate.console.db.PeopleDao;
import org.campusgate.console.db.SchoolGroup;
import org.campusgate.console.db.SchoolUser;
import org.campusgate.console.people.PeopleViews.BindingView;
import org.campusgate.console.people.PeopleViews.GroupView;
import org.campusgate.console.people.PeopleViews.UserView;

/**
 * Changes a school's users, groups and bindings: validates the input, writes it, records it in
 * the admin log with the state before and after, and puts the school's binding table in force in
 * the running gateway (a user's groups travel with their bindings, so every change republishes).
 * Callers have checked that the actor may administer the school.
 */
public final class PeopleService {
  /** Most groups one user may be put in by one request. */
  static final int MAX_GROUPS_PER_USER = 50;

  private final PeopleDao people;
  private final AdminLog log;
  private final GatewayBindings gateway;

  public PeopleService(PeopleDao people, AdminLog log, GatewayBindings gateway) {
    this.people = Objects.requireNonNull(people, "people");
    this.log = Objects.requireNonNull(log, "log");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
  }

  // ---- users

  /** The school's users whose login or display name contains {@code filter} (case-insensitive). */
  public List<UserView> users(String school, String filter) {
    String f = filter == null ? "" : filter.strip().toLowerCase(Locale.ROOT);
    Snapshot s = snapshot(school);
    return s.users.values().stream()
        .filter(u -> f.isEmpty() || u.login().toLowerCase(Locale.ROOT).contains(f)
            || u.displayName().toLowerCase(Locale.ROOT).contains(f))
        .map(s::view)
        .toList();
  }

  public UserView user(String school, String login) {
    return snapshot(school).view(find(school, login));
  }

  /** @throws RefusedRequest 409 {@code duplicate-user}, 404 {@code no-such-group}, 400 */
  public UserView createUser(String actor, String school, PeopleViews.UserInput in) {
    if (in == null) {
      throw RefusedRequest.invalid("bad-request",
          "send {\"login\": ..., \"displayName\": ..., \"groups\": [...]}");
    }
    String login = Names.login(in.login());
    String display = Names.displayName(in.displayName(), login);
    List<SchoolGroup> groups = groups(school, in.groups());
    UserView after = people.inTransaction(() -> {
      SchoolUser u;
      try {
        u = people.createUser(school, login, display);
      } catch (ConstraintViolationException e) {
        throw duplicateOr(e, "duplicate-user", "the school already has a user " + login);
      }
      groups.forEach(g -> people.addMember(school, u.id(), g.id()));
      return user(school, login);
    });
    log.record(actor, "user.create", "user:" + school + "/" + login, school, null, after);
    publish(school, actor);
    return after;
  }

  /** Sets the display name and (when given) exactly these groups. */
  public UserView updateUser(String actor, String school, String login, PeopleViews.UserInput in) {
    if (in == null) {
      throw RefusedRequest.invalid("bad-request",
          "send {\"displayName\": ..., \"groups\": [...]}");
    }
    SchoolUser u = find(school, login);
    if (in.login() != null && !in.login().strip().equals(u.login())) {
      throw RefusedRequest.invalid("login-unchangeable", "a login cannot be changed (it is what "
          + "the audit log knows the person by); remove the user and create a new one");
    }
    String display = in.displayName() == null ? u.displayName()
        : Names.displayName(in.displayName(), u.login());
    List<SchoolGroup> groups = in.groups() == null ? null : groups(school, in.groups());
    UserView before = user(school, u.login());
    UserView after = people.inTransaction(() -> {
      people.renameUser(u.id(), display);
      if (groups != null) {
        setGroups(school, u, groups);
      }
      return user(school, u.login());
    });
    if (!after.equals(before)) {
      log.record(actor, "user.update", "user:" + school + "/" + u.login(), school, before, after);
      publish(school, actor);
    }
    return after;
  }

  /** Removes a user with their memberships and bindings. */
  public void deleteUser(String actor, String school, String login) {
    SchoolUser u = find(school, login);
    UserView before = user(school, u.login());
    people.deleteUser(u.id());
    log.record(actor, "user.delete", "user:" + school + "/" + u.login(), school, before, null);
    publish(school, actor);
  }

  // ---- groups

  public List<GroupView> groups(String school) {
    Map<Long, Integer> counts = new HashMap<>();
    people.memberships(school).forEach(m -> counts.merge(m.groupId(), 1, Integer::sum));
    return people.groups(school).stream()
        .map(g -> new GroupView(g.name(), counts.getOrDefault(g.id(), 0), g.createdAt()))
        .toList();
  }

  /** The group's members, by login. */
  public List<UserView> members(String school, String name) {
    SchoolGroup g = findGroup(school, name);
    Snapshot s = snapshot(school);
    return people.membersOf(g.id()).stream().map(s::view).toList();
  }

  public GroupView createGroup(String actor, String school, String name) {
    String n = Names.group(name);
    SchoolGroup g;
    try {
      g = people.createGroup(school, n);
    } catch (ConstraintViolationException e) {
      throw duplicateOr(e, "duplicate-group", "the school already has a group " + n);
    }
    GroupView after = new GroupView(g.name(), 0, g.createdAt());
    log.record(actor, "group.create", "group:" + school + "/" + n, school, null, after);
    return after;
  }

  /** Removes a group: its members stay, its memberships and bindings go. */
  public void deleteGroup(String actor, String school, String name) {
    SchoolGroup g = findGroup(school, name);
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("name", g.name());
    before.put("members", people.membersOf(g.id()).stream().map(SchoolUser::login).toList());
    before.put("networks", people.bindings(school).stream()
        .filter(b -> Objects.equals(b.groupId(), g.id())).map(IpBinding::cidr).toList());
    people.deleteGroup(g.id());
    log.record(actor, "group.delete", "group:" + school + "/" + g.name(), school, before, null);
    publish(school, actor);
  }

  /** Puts a user in a group. @throws RefusedRequest 409 {@code already-member} */
  public UserView addMember(String actor, String school, String group, String login) {
    SchoolGroup g = findGroup(school, group);
    SchoolUser u = find(school, login);
    UserView before = user(school, u.login());
    try {
      people.addMember(school, u.id(), g.id());
    } catch (ConstraintViolationException e) {
      throw duplicateOr(e, "already-member", u.login() + " is in " + g.name() + " already");
    }
    UserView after = user(school, u.login());
    log.record(actor, "membership.add", "user:" + school + "/" + u.login(), school, before, after);
    publish(school, actor);
    return after;
  }

  /** Takes a user out of a group. @throws RefusedRequest 404 {@code not-a-member} */
  public UserView removeMember(String actor, String school, String group, String login) {
    SchoolGroup g = findGroup(school, group);
    SchoolUser u = find(school, login);
    UserView before = user(school, u.login());
    if (!people.removeMember(u.id(), g.id())) {
      throw RefusedRequest.notFound("not-a-member", u.login() + " is not in " + g.name());
    }
    UserView after = user(school, u.login());
    log.record(actor, "membership.remove", "user:" + school + "/" + u.login(), school, before,
        after);
    publish(school, actor);
    return after;
  }

  // ---- bindings

  public List<BindingView> bindings(String school) {
    Snapshot s = snapshot(school);
    return people.bindings(school).stream().map(s::view).toList();
  }

  /** @throws RefusedRequest 409 {@code network-taken} when the network is bound already */
  public BindingView bind(String actor, String school, PeopleViews.BindingInput in) {
    if (in == null || (in.user() == null) == (in.group() == null)) {
      throw RefusedRequest.invalid("bad-request",
          "send {\"cidr\": ..., \"user\": ...} or {\"cidr\": ..., \"group\": ...}");
    }
    String cidr = Cidrs.canonical(in.cidr());
    IpBinding b;
    try {
      b = in.user() != null
          ? people.bindToUser(school, cidr, find(school, in.user()).id(), actor)
          : people.bindToGroup(school, cidr, findGroup(school, in.group()).id(), actor);
    } catch (ConstraintViolationException e) {
      throw duplicateOr(e, "network-taken", "the network " + cidr + " is bound already");
    }
    BindingView after = snapshot(school).view(b);
    log.record(actor, "binding.create", "binding:" + school + "/" + cidr, school, null, after);
    publish(school, actor);
    return after;
  }

  public void unbind(String actor, String school, long id) {
    Snapshot s = snapshot(school);
    IpBinding b = people.bindings(school).stream().filter(x -> x.id() == id).findFirst()
        .orElseThrow(() -> RefusedRequest.notFound("no-such-binding",
            "school " + school + " has no binding " + id));
    people.deleteBinding(b.id());
    log.record(actor, "binding.delete", "binding:" + school + "/" + b.cidr(), school, s.view(b),
        null);
    publish(school, actor);
  }

  /** Puts the school's table in force in the running gateway (if it runs in this process). */
  void publish(String school, String actor) {
    gateway.publish(school, actor);
  }

  PeopleDao dao() {
    return people;
  }

  AdminLog log() {
    return log;
  }

  // ---- helpers

  private void setGroups(String school, SchoolUser u, List<SchoolGroup> wanted) {
    Set<Long> now = people.groupsOf(u.id()).stream().map(SchoolGroup::id)
        .collect(Collectors.toSet());
    Set<Long> next = wanted.stream().map(SchoolGroup::id).collect(Collectors.toSet());
    now.stream().filter(id -> !next.contains(id)).forEach(id -> people.removeMember(u.id(), id));
    next.stream().filter(id -> !now.contains(id)).forEach(id -> people.addMember(school, u.id(), id));
  }

  private List<SchoolGroup> groups(String school, List<String> names) {
    if (names == null) {
      return List.of();
    }
    if (names.size() > MAX_GROUPS_PER_USER) {
      throw RefusedRequest.invalid("too-many-groups",
          "a user may be put in at most " + MAX_GROUPS_PER_USER + " groups at once");
    }
    Set<String> unique = new LinkedHashSet<>();
    names.forEach(n -> unique.add(Names.group(n)));
    List<SchoolGroup> out = new ArrayList<>();
    for (String n : unique) {
      out.add(findGroup(school, n));
    }
    return out;
  }

  private SchoolUser find(String school, String login) {
    String l = login == null ? "" : login.strip();
    return people.findUser(school, l).orElseThrow(() -> RefusedRequest.notFound("no-such-user",
        "school " + school + " has no user " + Names.shorten(l)));
  }

  private SchoolGroup findGroup(String school, String name) {
    String n = name == null ? "" : name.strip();
    return people.findGroup(school, n).orElseThrow(() -> RefusedRequest.notFound(
        "no-such-group", "school " + school + " has no group " + Names.shorten(n)));
  }

  private static RuntimeException duplicateOr(ConstraintViolationException e, String code,
      String message) {
    return e.kind() == ConstraintViolationException.Kind.DUPLICATE
        ? RefusedRequest.conflict(code, message) : e;
  }

  private Snapshot snapshot(String school) {
    return new Snapshot(people, school);
  }

  /** The school's users, groups, memberships and bindings read once, to build views. */
  private static final class Snapshot {
    final Map<Long, SchoolUser> users = new LinkedHashMap<>();
    final Map<Long, SchoolGroup> groups;
    final Map<Long, Set<String>> groupsOf = new HashMap<>();
    final Map<Long, Set<String>> networksOf = new HashMap<>();

    Snapshot(PeopleDao people, String school) {
      people.users(school).forEach(u -> users.put(u.id(), u));
      groups = people.groups(school).stream()
          .collect(Collectors.toMap(SchoolGroup::id, Function.identity()));
      for (Membership m : people.memberships(school)) {
        SchoolGroup g = groups.get(m.groupId());
        if (g != null) {
          groupsOf.computeIfAbsent(m.userId(), k -> new TreeSet<>()).add(g.name());
        }
      }
      for (IpBinding b : people.bindings(school)) {
        if (b.userId() != null) {
          networksOf.computeIfAbsent(b.userId(), k -> new TreeSet<>()).add(b.cidr());
        }
      }
    }

    UserView view(SchoolUser u) {
      return new UserView(u.login(), u.displayName(),
          List.copyOf(groupsOf.getOrDefault(u.id(), Set.of())),
          List.copyOf(networksOf.getOrDefault(u.id(), Set.of())), u.createdAt());
    }

    BindingView view(IpBinding b) {
      SchoolUser u = b.userId() == null ? null : users.get(b.userId());
      SchoolGroup g = b.groupId() == null ? null : groups.get(b.groupId());
      return new BindingView(b.id(), b.cidr(), u == null ? null : u.login(),
          g == null ? null : g.name(), b.createdBy(), b.createdAt());
    }
  }
}
