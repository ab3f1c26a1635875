package org.campusgate.console.db;

/** A user's membership in a group of the same school, by ids. */
public record Membership(long userId, long groupId) {}
