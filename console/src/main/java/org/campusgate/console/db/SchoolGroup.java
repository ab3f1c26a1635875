package org.campusgate.console.db;

import java.time.Instant;

/** A group of a school's users (students, teachers, ...); {@code name} is unique within the school. */
public record SchoolGroup(long id, String schoolId, String name, Instant createdAt) {}
