package org.campusgate.console.register;

import org.campusgate.policy.apps.ProviderFiling;

/**
 * One stored version of a provider filing.
 *
 * @param version 1, 2, ... per filing, in the order recorded
 * @param filing the version's content
 * @param recordedBy who recorded it (account, {@code token:<name>}, {@code import})
 */
public record ProviderVersion(int version, ProviderFiling filing, String recordedBy) {}
