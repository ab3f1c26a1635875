package org.campusgate.gateway.identity;

import java.util.Objects;
import java.util.Set;
import org.campusgate.policy.UserIdentity;

/**
 * A user as the directory knows it.
 *
 * @param id stable user id (the login name, as the directory spells it)
 * @param displayName shown on block pages; the id when null
 * @param groups the user's groups (policy rules are written per group)
 * @param passwordHash the encoded Argon2id hash ({@link PasswordHashes}); never logged
 * @param enabled whether the user may log in
 */
public record DirectoryUser(String id, String displayName, Set<String> groups,
    String passwordHash, boolean enabled) {

  public DirectoryUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(passwordHash, "passwordHash");
    displayName = displayName == null ? id : displayName;
    groups = Set.copyOf(groups);
  }

  /** Who the policy sees once this user has logged in. */
  public UserIdentity identity() {
    return new UserIdentity(id, displayName, groups);
  }

  /** Leaves the hash out, so a logged user never carries it. */
  @Override
  public String toString() {
    return "DirectoryUser[id=" + id + ", displayName=" + displayName + ", groups=" + groups
        + ", enabled=" + enabled + "]";
  }
}
