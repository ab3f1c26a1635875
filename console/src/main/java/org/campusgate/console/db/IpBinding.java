package org.campusgate.console.db;

import java.time.Instant;

/**
 * An address range bound to exactly one user or one group of a school: requests from it are
 * attributed to that subject.
 *
 * @param cidr stored exactly as given; the API validates and normalises it before it gets here
 * @param userId the bound user, or null when a group is bound
 * @param groupId the bound group, or null when a user is bound
 */
public record IpBinding(
    long id, String schoolId, String cidr, Long userId, Long groupId, String createdBy, Instant createdAt) {}
