package org.campusgate.audit.journal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One segment file of a journal as it is now.
 *
 * @param name the file name ({@code <first seq, 20 digits>.seg} or {@code .zseg})
 * @param path the file
 * @param firstSeq the seq its name and header carry
 * @param recordCount how many readable records it holds
 * @param minTime the earliest record timestamp, or null when it holds none
 * @param maxTime the latest record timestamp, or null when it holds none
 * @param sealed whether it is closed for appends (every segment but the active one)
 * @param compressed whether it is a {@code .zseg}
 * @param sizeBytes its size on disk
 */
public record SegmentInfo(
    String name,
    Path path,
    long firstSeq,
    long recordCount,
    Instant minTime,
    Instant maxTime,
    boolean sealed,
    boolean compressed,
    long sizeBytes) {
  public SegmentInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(path, "path");
  }
}
