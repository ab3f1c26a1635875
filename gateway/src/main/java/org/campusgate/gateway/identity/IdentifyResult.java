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

  /** Credentials were given and are wrong: answer 407 with this realm. */
  record Challenge(String realm) implements IdentifyResult {
    public Challenge {
      Objects.requireNonNull(realm, "realm");
    }
  }

  /** Too many failed attempts from this client address: answer 429 until then. */
  record Throttled(Duration retryAfter) implements IdentifyResult {
    public Throttled {
      Objects.requireNonNull(retryAfter, "retryAfter");
    }
  }
}
