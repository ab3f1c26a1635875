package org.campusgate.gateway.identity;

import java.time.Duration;
import java.util.Objects;
import org.campusgate.policy.UserIdentity;

/** What identifying a client gave: a user (or none, for the policy to decide), or an answer. */
public sealed interface IdentifyResult {

  /**
   * The client is this user, or unidentified ({@code user} null): the policy decides what an
   * unidentified client gets (a guest group, or 407).
   *
   * <p>For {@code ip-binding} the user is the binding's user id (a person, or a device group
   * such as {@code room-101}), its label as display name and its groups.
   *
   * @param user the user, or null
   * @param authMethod {@code proxy-basic}, {@code ip-binding} or {@code none}
   */
  record Identified(UserIdentity user, String authMethod) implements IdentifyResult {
    public Identified {
      Objects.requireNonNull(authMethod, "authMethod");
    }

    public static Identified anonymous() {
      return new Identified(null, "none");
    }
  }

  /**
   * Credentials were given and are wrong (malformed, unknown user, wrong password, disabled
   * user): answer 407 with {@code Proxy-Authenticate: Basic realm="<realm>"}. The realm is
   * checked to be safe to quote.
   */
  record Challenge(String realm) implements IdentifyResult {
    public Challenge {
      Objects.requireNonNull(realm, "realm");
    }
  }

  /**
   * Too many failed attempts from this client address (its /64 for IPv6): answer 429 with
   * {@code Retry-After}; {@code retryAfter} is what is left of the client's failure window.
   */
  record Throttled(Duration retryAfter) implements IdentifyResult {
    public Throttled {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }
}
