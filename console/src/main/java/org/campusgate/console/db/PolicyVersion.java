package org.campusgate.console.db;

import java.time.Instant;

/**
 * One published text of a policy. Versions count 1, 2, 3, ... per policy and never change.
 *
 * @param document the policy YAML exactly as published
 * @param comment the author's note; may be null
 */
public record PolicyVersion(
    long policyId, int version, String document, String author, String comment, Instant createdAt) {}
