package org.campusgate.console.lists;

import java.time.Instant;

/**
 * A domain or URL prefix an admin added to a category.
 *
 * @param kind {@code domain} or {@code url}
 * @param entry the canonical form the gateway matches
 */
public record CustomEntry(long id, String category, String kind, String entry, String createdBy,
    Instant createdAt) {
  public static final String DOMAIN = "domain";
  public static final String URL = "url";
}
