package org.campusgate.console.db;

import java.time.Instant;

/** A person of a school as the gateway identifies them; {@code login} is unique within the school. */
public record SchoolUser(long id, String schoolId, String login, String displayName, Instant createdAt) {}
