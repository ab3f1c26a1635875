package org.campusgate.console.lists;

import java.time.Instant;
import java.util.List;
import org.campusgate.policy.lists.ListError;

/**
 * One import's progress, written by the import thread and read by pollers. The importer gives
 * no finer progress than bytes read, so progress is the phase plus bytes done of bytes expected.
 */
public final class ImportJob {
  public static final String QUEUED = "queued";
  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String FAILED = "failed";

  /** What pollers see. {@code bytesTotal} is 0 when unknown (a folder being read). */
  public record View(long id, String state, String phase, String source, String startedBy,
      Instant startedAt, Instant finishedAt, long bytesDone, long bytesTotal, int categories,
      long domains, long urls, long expressions, List<ListError> errors) {}

  private final long id;
  private final String source;
  private final String actor;
  private final String comment;
  private final Instant startedAt;
  private String state = QUEUED;
  private String phase = "";
  private Instant finishedAt;
  private long bytesDone;
  private long bytesTotal;
  private int categories;
  private long domains;
  private long urls;
  private long expressions;
  private List<ListError> errors = List.of();

  ImportJob(long id, String source, String actor, String comment, Instant startedAt) {
    this.id = id;
    this.source = source;
    this.actor = actor;
    this.comment = comment;
    this.startedAt = startedAt;
  }

  public long id() {
    return id;
  }

  String source() {
    return source;
  }

  String actor() {
    return actor;
  }

  String comment() {
    return comment;
  }

  synchronized void phase(String phase, long bytesTotal) {
    this.state = RUNNING;
    this.phase = phase;
    this.bytesDone = 0;
    this.bytesTotal = bytesTotal;
  }

  synchronized void progress(long bytesDone) {
    this.bytesDone = bytesDone;
  }

  synchronized void counts(int categories, long domains, long urls, long expressions) {
    this.categories = categories;
    this.domains = domains;
    this.urls = urls;
    this.expressions = expressions;
  }

  synchronized void done(Instant at) {
    state = DONE;
    finishedAt = at;
  }

  synchronized void failed(List<ListError> why, Instant at) {
    state = FAILED;
    errors = List.copyOf(why);
    finishedAt = at;
  }

  synchronized boolean finished() {
    return state.equals(DONE) || state.equals(FAILED);
  }

  public synchronized View view() {
    return new View(id, state, phase, source, actor, startedAt, finishedAt, bytesDone, bytesTotal,
        categories, domains, urls, expressions, errors);
  }
}
