package org.campusgate.console.api;

import java.time.Instant;
import java.util.List;

/**
 * A school's dashboard: counts only, never a person's requests (active users is a number).
 *
 * @param school the school
 * @param from the start of the first bucket
 * @param to the end of the last bucket (exclusive)
 * @param zone the time zone the buckets follow (the school policy's)
 * @param bucket {@code hour} or {@code day}
 * @param totals the whole range
 * @param series one point per bucket, empty buckets included, oldest first
 * @param topCategories the categories with the most blocked requests, most first; a null name
 *     stands for blocks without a category (own lists, schedules)
 * @param topHosts the hosts with the most blocked requests, most first
 */
public record DashboardView(String school, Instant from, Instant to, String zone, String bucket,
    Totals totals, List<Point> series, List<Top> topCategories, List<Top> topHosts) {

  /**
   * @param requests every recorded request and tunnel
   * @param blocked those the policy blocked
   * @param blockRate blocked / requests, 0 when there were none
   * @param activeUsers identified users with at least one request
   */
  public record Totals(long requests, long blocked, double blockRate, long activeUsers) {}

  /** One bucket: its start, its requests, blocks and identified users. */
  public record Point(Instant start, long requests, long blocked, long activeUsers) {}

  /** A category or host and how many requests to it were blocked. */
  public record Top(String name, long blocked) {}
}
