package org.campusgate.console.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.campusgate.console.db.IpBinding;
import org.campusgate.console.db.PeopleDao;
import org.campusgate.console.db.SchoolGroup;
import org.campusgate.console.db.SchoolUser;
import org.campusgate.gateway.identity.GatewayIdentifier;
import org.campusgate.gateway.identity.IpBindings;

/**
 * Turns a school's IP bindings in the database into the gateway's binding table and swaps it into
 * the running gateway, which records each change as an identity event ("who had this IP").
 */
public final class GatewayBindings {
  private final PeopleDao people;
  private final Clock clock;
  private volatile String attachedSchool;
  private volatile GatewayIdentifier identifier;

  public GatewayBindings(PeopleDao people, Clock clock) {
    this.people = Objects.requireNonNull(people, "people");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The school's bindings as the gateway reads them. */
  public IpBindings load(String school) {
    Map<Long, SchoolUser> users = people.users(school).stream()
        .collect(Collectors.toMap(SchoolUser::id, Function.identity()));
    Map<Long, SchoolGroup> groups = people.groups(school).stream()
        .collect(Collectors.toMap(SchoolGroup::id, Function.identity()));
    List<IpBindings.Binding> out = new ArrayList<>();
    for (IpBinding b : people.bindings(school)) {
      if (b.userId() != null) {
        SchoolUser u = users.get(b.userId());
        Set<String> memberOf = people.groupsOf(u.id()).stream().map(SchoolGroup::name)
            .collect(Collectors.toSet());
        out.add(new IpBindings.Binding(b.cidr(), u.login(), memberOf, u.displayName()));
      } else {
        SchoolGroup g = groups.get(b.groupId());
        out.add(new IpBindings.Binding(b.cidr(), g.name(), Set.of(g.name()), g.name()));
      }
    }
    return IpBindings.of(out);
  }

  /** Connects the school's running gateway; other schools' bindings are only validated. */
  public void attach(String school, GatewayIdentifier identifier) {
    this.identifier = identifier;
    this.attachedSchool = school;
  }

  /** Puts the school's current bindings in force in the running gateway. */
  public IpBindings.Changes publish(String school, String actor) {
    IpBindings next = load(school);
    GatewayIdentifier target = school.equals(attachedSchool) ? identifier : null;
    return target == null ? IpBindings.empty().diff(next)
        : target.replaceBindings(next, actor, clock.instant());
  }
}
