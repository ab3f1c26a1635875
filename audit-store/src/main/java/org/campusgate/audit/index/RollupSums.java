package org.campusgate.audit.index;

/** What an hourly roll-up row counts: events and their bytes. */
public record RollupSums(long count, long bytesUp, long bytesDown) {
  public RollupSums {
    if (count < 0 || bytesUp < 0 || bytesDown < 0) {
      throw new IllegalArgumentException("negative roll-up sums");
    }
  }
}
