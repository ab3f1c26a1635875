package org.campusgate.policy.apps;

import java.util.Objects;
import java.util.Set;

/**
 * An entry of the app catalogue: the app, how its traffic is recognised, and the provider filing
 * it is registered under.
 *
 * @param id stable id (letters, digits, {@code . _ -})
 * @param name display name, shown on block pages
 * @param kind learning app, game, or other
 * @param filingNumber the provider filing it is registered under, or null when it has none
 * @param category the category for an app without a filing (a filing's own category wins)
 * @param features the features for an app without a filing (a filing's own features win)
 * @param fingerprints how requests are mapped to it
 */
public record App(String id, String name, AppKind kind, String filingNumber, AppCategory category,
    Set<AppFeature> features, Fingerprints fingerprints) {

  public App {
    Objects.requireNonNull(id, "id");
    name = name == null || name.isBlank() ? id : name;
    Objects.requireNonNull(kind, "kind");
    filingNumber = filingNumber == null || filingNumber.isBlank() ? null : filingNumber.strip();
    category = category == null ? AppCategory.OTHER : category;
    features = features == null ? Set.of() : Set.copyOf(features);
    fingerprints = fingerprints == null ? new Fingerprints(null, null, null, null) : fingerprints;
  }
}
