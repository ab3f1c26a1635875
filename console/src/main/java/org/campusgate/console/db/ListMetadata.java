package org.campusgate.console.db;

import java.time.Instant;

/**
 * What the last import of a block or category list brought in.
 *
 * @param name unique list name, e.g. {@code ut1/gambling}
 * @param schoolId the school a custom list belongs to; null for district-wide lists
 * @param source the path or URL it was read from
 */
public record ListMetadata(
    long id,
    String name,
    String schoolId,
    String source,
    int domainCount,
    int urlCount,
    int expressionCount,
    String importedBy,
    Instant importedAt) {}
