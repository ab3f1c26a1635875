package org.campusgate.audit.embedded;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.campusgate.audit.OverflowMode;

/**
 * How an {@link EmbeddedAuditStore} runs. Every value is validated here, so a bad configuration
 * fails when the store opens, with a message naming the setting.
 *
 * @param directory where the journal, checkpoints, keys and indexes live ({@code var/audit})
 * @param origin the log's name in signed checkpoints, unique per gateway
 * @param commitInterval the longest an appended record waits before it is forced to disk, and
 *     the longest the index lags the journal (default 1 s)
 * @param groupCommitWindow the shortest time between two group commits while records keep
 *     arriving (default 20 ms; at most the commit interval): under load, one force covers all
 *     the records of a window instead of a few each. A record arriving after a quiet spell is
 *     written at once.
 * @param queueCapacity records the writer queue holds before the overflow mode applies
 * @param overflowMode what {@code append} does when the queue is full
 * @param checkpointEveryRecords a signed checkpoint at least every this many records
 * @param checkpointInterval and at least this often while records arrive
 * @param retentionDays how long records are kept; at least six calendar months
 * @param zone the school's time zone (for the six-month floor)
 * @param indexThreads threads adding documents to the Lucene indexes
 * @param segmentBytes size at which a journal segment is sealed
 * @param compressSealedSegments whether sealed segments are rewritten compressed
 * @param indexCommitInterval how often index commits make the derived indexes durable
 * @param timestampAuthorityUrl an RFC 3161 time-stamp authority to stamp checkpoints, or null
 * @param clock the clock (tests set it)
 */
public record EmbeddedStoreConfig(
    Path directory,
    String origin,
    Duration commitInterval,
    Duration groupCommitWindow,
    int queueCapacity,
    OverflowMode overflowMode,
    long checkpointEveryRecords,
    Duration checkpointInterval,
    int retentionDays,
    ZoneId zone,
    int indexThreads,
    long segmentBytes,
    boolean compressSealedSegments,
    Duration indexCommitInterval,
    java.net.URI timestampAuthorityUrl,
    Clock clock) {

  public EmbeddedStoreConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(origin, "origin");
    if (origin.isBlank() || origin.length() > 200 || origin.chars().anyMatch(c -> c < 0x21
        || c == 0x7f || c == '+')) {
      throw new IllegalArgumentException("origin must be 1..200 printable characters without "
          + "spaces or '+': " + origin);
    }
    requireBetween("commitInterval", commitInterval, Duration.ofMillis(1), Duration.ofSeconds(5));
    requireBetween("groupCommitWindow", groupCommitWindow, Duration.ZERO, Duration.ofSeconds(1));
    if (queueCapacity < 1 || queueCapacity > 10_000_000) {
      throw new IllegalArgumentException("queueCapacity must be 1..10000000");
    }
    Objects.requireNonNull(overflowMode, "overflowMode");
    if (checkpointEveryRecords < 1) {
      throw new IllegalArgumentException("checkpointEveryRecords must be positive");
    }
    requireBetween("checkpointInterval", checkpointInterval, Duration.ofMillis(10),
        Duration.ofHours(24));
    new RetentionRule(retentionDays, Objects.requireNonNull(zone, "zone"));
    if (indexThreads < 1 || indexThreads > 16) {
      throw new IllegalArgumentException("indexThreads must be 1..16");
    }
    if (segmentBytes < 4096 || segmentBytes > (1L << 31)) {
      throw new IllegalArgumentException("segmentBytes must be 4 KiB..2 GiB");
    }
    requireBetween("indexCommitInterval", indexCommitInterval, Duration.ofMillis(10),
        Duration.ofHours(1));
    Objects.requireNonNull(clock, "clock");
  }

  private static void requireBetween(String name, Duration d, Duration min, Duration max) {
    Objects.requireNonNull(d, name);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max
          + ", was " + d);
    }
  }

  /** The defaults for a store in {@code directory} named {@code origin}. */
  public static Builder builder(Path directory, String origin) {
    return new Builder(directory, origin);
  }

  public Builder toBuilder() {
    Builder b = new Builder(directory, origin);
    b.commitInterval = commitInterval;
    b.groupCommitWindow = groupCommitWindow;
    b.queueCapacity = queueCapacity;
    b.overflowMode = overflowMode;
    b.checkpointEveryRecords = checkpointEveryRecords;
    b.checkpointInterval = checkpointInterval;
    b.retentionDays = retentionDays;
    b.zone = zone;
    b.indexThreads = indexThreads;
    b.segmentBytes = segmentBytes;
    b.compressSealedSegments = compressSealedSegments;
    b.indexCommitInterval = indexCommitInterval;
    b.timestampAuthorityUrl = timestampAuthorityUrl;
    b.clock = clock;
    return b;
  }

  /** Builds a configuration from the defaults. */
  public static final class Builder {
    private final Path directory;
    private final String origin;
    private Duration commitInterval = Duration.ofSeconds(1);
    private Duration groupCommitWindow = Duration.ofMillis(20);
    private int queueCapacity = 50_000;
    private OverflowMode overflowMode = OverflowMode.FAIL_CLOSED;
    private long checkpointEveryRecords = 100_000;
    private Duration checkpointInterval = Duration.ofSeconds(60);
    private int retentionDays = RetentionRule.DEFAULT_RETENTION_DAYS;
    private ZoneId zone = ZoneId.of("Asia/Shanghai");
    private int indexThreads = 2;
    private long segmentBytes = 64L << 20;
    private boolean compressSealedSegments = true;
    private Duration indexCommitInterval = Duration.ofSeconds(30);
    private java.net.URI timestampAuthorityUrl;
    private Clock clock = Clock.systemUTC();

    private Builder(Path directory, String origin) {
      this.directory = directory;
      this.origin = origin;
    }

    public Builder commitInterval(Duration v) { commitInterval = v; return this; }
    public Builder groupCommitWindow(Duration v) { groupCommitWindow = v; return this; }
    public Builder queueCapacity(int v) { queueCapacity = v; return this; }
    public Builder overflowMode(OverflowMode v) { overflowMode = v; return this; }
    public Builder checkpointEveryRecords(long v) { checkpointEveryRecords = v; return this; }
    public Builder checkpointInterval(Duration v) { checkpointInterval = v; return this; }
    public Builder retentionDays(int v) { retentionDays = v; return this; }
    public Builder zone(ZoneId v) { zone = v; return this; }
    public Builder indexThreads(int v) { indexThreads = v; return this; }
    public Builder segmentBytes(long v) { segmentBytes = v; return this; }
    public Builder compressSealedSegments(boolean v) { compressSealedSegments = v; return this; }
    public Builder indexCommitInterval(Duration v) { indexCommitInterval = v; return this; }
    public Builder timestampAuthorityUrl(java.net.URI v) { timestampAuthorityUrl = v; return this; }
    public Builder clock(Clock v) { clock = v; return this; }

    public EmbeddedStoreConfig build() {
      return new EmbeddedStoreConfig(directory, origin, commitInterval, groupCommitWindow,
          queueCapacity,
          overflowMode, checkpointEveryRecords, checkpointInterval, retentionDays, zone,
          indexThreads, segmentBytes, compressSealedSegments, indexCommitInterval,
          timestampAuthorityUrl, clock);
    }
  }
}
