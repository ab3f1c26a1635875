package org.campusgate.console.db;

import java.time.Instant;

/**
 * A school's named policy document.
 *
 * @param currentVersion the version the gateways should run; null before the first publish
 */
public record Policy(long id, String schoolId, String name, Integer currentVersion, Instant createdAt) {}
