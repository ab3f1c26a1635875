package org.campusgate.gateway.block;

import java.time.Instant;
import java.util.Objects;
import org.campusgate.policy.Decision;

/**
 * What a block page says: what was blocked, why, by which rule, when, for whom, and the request
 * id that finds the audit event. Every text here may come from the client: pages escape it.
 *
 * @param requestId the audit event id
 * @param time when
 * @param target what was asked for, as the client asked (URL, or host:port for CONNECT)
 * @param userId the user, or null when unidentified
 * @param decision the decision (reason, rule, category, app)
 * @param contactLine the school's contact line from the configuration
 */
public record BlockFacts(
    String requestId, Instant time, String target, String userId, Decision decision,
    String contactLine) {
  public BlockFacts {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(decision, "decision");
    contactLine = contactLine == null ? "" : contactLine;
  }
}
