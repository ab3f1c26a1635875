package org.campusgate.console.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * A school's users, groups, memberships and IP bindings. The schema insists that a membership
 * or binding joins a user or group of the same school; removing a user or group removes its
 * memberships and bindings with it.
 */
public final class PeopleDao {
  private final Jdbi jdbi;
  private final Clock clock;

  PeopleDao(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  /**
   * Runs {@code work} in one transaction: every call it makes on this database's DAOs from this
   * thread shares the transaction's connection (Jdbi reuses the thread's handle), so a failure
   * anywhere leaves nothing behind.
   */
  public <T> T inTransaction(Supplier<T> work) {
    return jdbi.inTransaction(h -> work.get());
  }

  /** Adds a user. @throws ConstraintViolationException DUPLICATE when the school already has this login */
  public SchoolUser createUser(String schoolId, String login, String displayName) {
    Instant now = Sql.now(clock);
    long id = Sql.insert(jdbi, "create user " + login,
        "INSERT INTO users (school_id, login, display_name, created_at) VALUES (:school, :login, :display, :now)",
        u -> u.bind("school", schoolId)
            .bind("login", login)
            .bind("display", displayName)
            .bind("now", now));
    return new SchoolUser(id, schoolId, login, displayName, now);
  }

  /** The school's user with this login. */
  public Optional<SchoolUser> findUser(String schoolId, String login) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE school_id = :school AND login = :login")
        .bind("school", schoolId)
        .bind("login", login)
        .map((rs, ctx) -> user(rs))
        .findOne());
  }

  /** The school's users, by login. */
  public List<SchoolUser> users(String schoolId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM users WHERE school_id = :school ORDER BY login")
        .bind("school", schoolId)
        .map((rs, ctx) -> user(rs))
        .list());
  }

  /** Changes a user's display name. @return false when there is no such user */
  public boolean renameUser(long userId, String displayName) {
    return jdbi.withHandle(h -> h.createUpdate("UPDATE users SET display_name = :display WHERE id = :id")
        .bind("display", displayName)
        .bind("id", userId)
        .execute()) == 1;
  }

  /** Removes a user with their memberships and bindings. @return false when there was no such user */
  public boolean deleteUser(long userId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", userId).execute()) == 1;
  }

  /** Adds a group. @throws ConstraintViolationException DUPLICATE when the school already has this name */
  public SchoolGroup createGroup(String schoolId, String name) {
    Instant now = Sql.now(clock);
    long id = Sql.insert(jdbi, "create group " + name,
        "INSERT INTO groups (school_id, name, created_at) VALUES (:school, :name, :now)",
        u -> u.bind("school", schoolId)
            .bind("name", name)
            .bind("now", now));
    return new SchoolGroup(id, schoolId, name, now);
  }

  /** The school's group with this name. */
  public Optional<SchoolGroup> findGroup(String schoolId, String name) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM groups WHERE school_id = :school AND name = :name")
        .bind("school", schoolId)
        .bind("name", name)
        .map((rs, ctx) -> group(rs))
        .findOne());
  }

  /** Removes a group with its memberships and bindings. @return false when there was no such group */
  public boolean deleteGroup(long groupId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM groups WHERE id = :id").bind("id", groupId).execute()) == 1;
  }

  /** Every membership of the school's users: one query for a whole user list. */
  public List<Membership> memberships(String schoolId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT user_id, group_id FROM user_groups WHERE school_id = :school ORDER BY user_id, group_id")
        .bind("school", schoolId)
        .map((rs, ctx) -> new Membership(rs.getLong("user_id"), rs.getLong("group_id")))
        .list());
  }

  /** The school's groups, by name. */
  public List<SchoolGroup> groups(String schoolId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM groups WHERE school_id = :school ORDER BY name")
        .bind("school", schoolId)
        .map((rs, ctx) -> group(rs))
        .list());
  }

  /**
   * Puts a user in a group of the same school.
   *
   * @throws ConstraintViolationException REFERENCE when either is missing or belongs to another
   *     school; DUPLICATE when the user is already a member
   */
  public void addMember(String schoolId, long userId, long groupId) {
    Sql.run("add user " + userId + " to group " + groupId, () -> jdbi.useHandle(h -> h.createUpdate(
            "INSERT INTO user_groups (school_id, user_id, group_id) VALUES (:school, :user, :group)")
        .bind("school", schoolId)
        .bind("user", userId)
        .bind("group", groupId)
        .execute()));
  }

  /** Takes a user out of a group. @return false when they were not a member */
  public boolean removeMember(long userId, long groupId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM user_groups WHERE user_id = :user AND group_id = :group")
        .bind("user", userId)
        .bind("group", groupId)
        .execute()) == 1;
  }

  /** The groups a user belongs to, by name. */
  public List<SchoolGroup> groupsOf(long userId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT g.* FROM groups g JOIN user_groups m ON m.group_id = g.id WHERE m.user_id = :user ORDER BY g.name")
        .bind("user", userId)
        .map((rs, ctx) -> group(rs))
        .list());
  }

  /** A group's members, by login. */
  public List<SchoolUser> membersOf(long groupId) {
    return jdbi.withHandle(h -> h.createQuery(
            "SELECT u.* FROM users u JOIN user_groups m ON m.user_id = u.id WHERE m.group_id = :group ORDER BY u.login")
        .bind("group", groupId)
        .map((rs, ctx) -> user(rs))
        .list());
  }

  /**
   * Binds an address range to a user. The CIDR text is stored as given: validating and
   * normalising it is the API's job, before this call.
   *
   * @throws ConstraintViolationException DUPLICATE when the school already binds this CIDR;
   *     REFERENCE when the user is not the school's
   */
  public IpBinding bindToUser(String schoolId, String cidr, long userId, String createdBy) {
    return bind(schoolId, cidr, userId, null, createdBy);
  }

  /** Binds an address range to a group; as {@link #bindToUser}, CIDR stored as given. */
  public IpBinding bindToGroup(String schoolId, String cidr, long groupId, String createdBy) {
    return bind(schoolId, cidr, null, groupId, createdBy);
  }

  private IpBinding bind(String schoolId, String cidr, Long userId, Long groupId, String createdBy) {
    Objects.requireNonNull(cidr, "cidr");
    Instant now = Sql.now(clock);
    long id = Sql.insert(jdbi, "bind " + cidr,
        "INSERT INTO ip_bindings (school_id, cidr, user_id, group_id, created_by, created_at)"
            + " VALUES (:school, :cidr, :user, :group, :by, :now)",
        u -> u.bind("school", schoolId)
            .bind("cidr", cidr)
            .bind("user", userId)
            .bind("group", groupId)
            .bind("by", createdBy)
            .bind("now", now));
    return new IpBinding(id, schoolId, cidr, userId, groupId, createdBy, now);
  }

  /** The school's bindings, by CIDR text. */
  public List<IpBinding> bindings(String schoolId) {
    return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ip_bindings WHERE school_id = :school ORDER BY cidr")
        .bind("school", schoolId)
        .map((rs, ctx) -> binding(rs))
        .list());
  }

  /** Removes a binding. @return false when there was no such binding */
  public boolean deleteBinding(long bindingId) {
    return jdbi.withHandle(h -> h.createUpdate("DELETE FROM ip_bindings WHERE id = :id")
        .bind("id", bindingId)
        .execute()) == 1;
  }

  private static SchoolUser user(ResultSet rs) throws SQLException {
    return new SchoolUser(rs.getLong("id"), rs.getString("school_id"), rs.getString("login"),
        rs.getString("display_name"), Sql.instant(rs, "created_at"));
  }

  private static SchoolGroup group(ResultSet rs) throws SQLException {
    return new SchoolGroup(rs.getLong("id"), rs.getString("school_id"), rs.getString("name"),
        Sql.instant(rs, "created_at"));
  }

  private static IpBinding binding(ResultSet rs) throws SQLException {
    return new IpBinding(rs.getLong("id"), rs.getString("school_id"), rs.getString("cidr"),
        rs.getObject("user_id", Long.class), rs.getObject("group_id", Long.class),
        rs.getString("created_by"), Sql.instant(rs, "created_at"));
  }
}
