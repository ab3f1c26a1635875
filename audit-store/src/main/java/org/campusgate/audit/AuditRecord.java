package org.campusgate.audit;

import java.time.Instant;
import java.util.UUID;

/** What the journal holds: an access event or an identity event. */
public sealed interface AuditRecord permits AccessEvent, IdentityEvent {
  UUID eventId();

  Instant timestamp();

  String schoolId();

  String gatewayId();
}
