package org.campusgate.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One row of an aggregate.
 *
 * @param bucketStart the start of the time bucket, or null for {@link TimeBucket#NONE}
 * @param keys the value of each grouped field (a missing value is the empty string)
 * @param count how many events
 * @param bytesUp sum of bytes sent by clients
 * @param bytesDown sum of bytes received by clients
 */
public record AggregateRow(
    Instant bucketStart, Map<GroupField, String> keys, long count, long bytesUp, long bytesDown) {
  public AggregateRow {
    keys = Map.copyOf(keys);
  }
}
