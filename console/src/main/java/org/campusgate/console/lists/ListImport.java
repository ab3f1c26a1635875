package org.campusgate.console.lists;

import java.time.Instant;

/**
 * A successful import, as recorded.
 *
 * @param source what the admin named: a server path or the uploaded file's name
 * @param storedPath the copy the console keeps, relative to the installation folder
 */
public record ListImport(long id, String source, String storedPath, int categoryCount,
    long entryCount, String importedBy, Instant importedAt) {}
