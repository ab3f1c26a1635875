package org.campusgate.console.register;

import java.time.Instant;

/**
 * The register's one state row.
 *
 * @param revision raised by one with every change
 * @param lastSyncedAt when the filing data was last brought up to date, or null (never)
 * @param lastSyncSource what that was (a manual entry, an import file), or null
 * @param changedAt when the last change was made, or null
 * @param changedBy who made it, or null
 */
public record RegisterState(long revision, Instant lastSyncedAt, String lastSyncSource,
    Instant changedAt, String changedBy) {}
