package org.campusgate.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Who held a client address at a moment, and the identity event that says so.
 *
 * @param userId the user
 * @param groups the user's groups as recorded
 * @param since when the hold began
 * @param how the kind of the granting event (login or binding)
 * @param address the address or network the event named
 * @param evidenceEventId the id of the granting identity event
 */
public record IpHolder(
    String userId,
    List<String> groups,
    Instant since,
    IdentityEvent.Kind how,
    String address,
    UUID evidenceEventId) {
  public IpHolder {
    groups = List.copyOf(groups);
  }
}
