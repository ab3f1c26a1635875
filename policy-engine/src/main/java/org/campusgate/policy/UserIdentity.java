package org.campusgate.policy;

import java.util.Objects;
import java.util.Set;

/**
 * Who is behind a request, as the gateway's identity step established it.
 *
 * @param id stable user id (login name)
 * @param displayName name shown on block pages and in the console
 * @param groups the groups the user belongs to; policy rules are written per group
 */
public record UserIdentity(String id, String displayName, Set<String> groups) {
  public UserIdentity {
    Objects.requireNonNull(id, "id");
    displayName = displayName == null ? id : displayName;
    groups = Set.copyOf(groups);
  }

  public static UserIdentity of(String id, String... groups) {
    return new UserIdentity(id, id, Set.of(groups));
  }
}
