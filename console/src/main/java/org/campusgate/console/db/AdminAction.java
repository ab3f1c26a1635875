package org.campusgate.console.db;

import java.time.Instant;

/**
 * One entry of the admin action log: who changed what, when, and the state before and after.
 *
 * @param id increases with every entry; the log's order
 * @param schoolId the school concerned, or null for district-wide changes
 * @param beforeJson the target's state before, as JSON; null when it was created
 * @param afterJson the target's state after, as JSON; null when it was removed
 */
public record AdminAction(
    long id,
    Instant at,
    String actor,
    String action,
    String target,
    String schoolId,
    String beforeJson,
    String afterJson) {}
