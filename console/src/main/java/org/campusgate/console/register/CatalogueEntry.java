package org.campusgate.console.register;

import java.time.Instant;
import org.campusgate.policy.apps.App;

/**
 * An app of the catalogue as stored: the app and who last changed it.
 *
 * @param app the app with its fingerprints
 * @param createdAt when it was added
 * @param updatedAt when it was last changed
 * @param updatedBy who changed it last
 */
public record CatalogueEntry(App app, Instant createdAt, Instant updatedAt, String updatedBy) {}
