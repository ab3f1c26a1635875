package org.campusgate.console.people;

import java.time.Instant;
import java.util.List;

/** The API's JSON bodies for people: what is shown and what is sent. */
public final class PeopleViews {
  private PeopleViews() {}

  /** A user with their groups and the networks bound to them. */
  public record UserView(String login, String displayName, List<String> groups,
      List<String> networks, Instant createdAt) {}

  /** A page of users: {@code total} matched the filter, {@code users} is the page. */
  public record UserPage(int total, int offset, List<UserView> users) {}

  /** A user to create, or the new state of one ({@code groups} null: memberships unchanged). */
  public record UserInput(String login, String displayName, List<String> groups) {}

  /** A group and how many members it has. */
  public record GroupView(String name, int members, Instant createdAt) {}

  /** A group to create. */
  public record GroupInput(String name) {}

  /** A binding: the network and the one user or group it identifies. */
  public record BindingView(long id, String cidr, String user, String group, String createdBy,
      Instant createdAt) {}

  /** A binding to create: a network and exactly one of user or group. */
  public record BindingInput(String cidr, String user, String group) {}
}
