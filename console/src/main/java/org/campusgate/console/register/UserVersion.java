package org.campusgate.console.register;

import org.campusgate.policy.apps.UserFiling;

/**
 * One stored version of a school's user filing.
 *
 * @param version 1, 2, ... per filing, in the order recorded
 * @param filing the version's content
 * @param note why the status changed (a rejection's or withdrawal's reason), or null
 * @param recordedBy who recorded it
 */
public record UserVersion(int version, UserFiling filing, String note, String recordedBy) {}
