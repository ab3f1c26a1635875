package org.campusgate.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An uncompressed {@code .seg}: the active segment or a sealed one not (yet) compressed. Readers
 * see only what the writer has {@link #publish published}: the readable length, the record
 * count and the time range change together through one volatile snapshot.
 */
final class RawSegment implements Segment {
  /** What readers may see; replaced as a whole after each write. */
  record State(long length, long count, long lastSeq, long minSec, int minNano, long maxSec,
      int maxNano) {}

  private static final int READ_WINDOW = 16 << 10;
  private static final int SCAN_WINDOW = 1 << 20;

  private final String name;
  private final Path path;
  private final long firstSeq;
  private final ReadChannel channel;
  private final SparseIndex index;
  private final List<String> damage;
  private volatile State state;
  private volatile boolean sealed;

  private RawSegment(Path path, long firstSeq, List<String> damage, State state,
      SparseIndex index, ReadChannel channel) {
    this.path = path;
    this.name = path.getFileName().toString();
    this.firstSeq = firstSeq;
    this.damage = List.copyOf(damage);
    this.state = state;
    this.index = index;
    this.channel = channel;
  }

  /** A new, empty segment whose header is already written. */
  static RawSegment empty(Path path, long firstSeq) throws IOException {
    return new RawSegment(path, firstSeq, List.of(),
        new State(SegmentFormat.HEADER_SIZE, 0, firstSeq - 1, Long.MAX_VALUE, 0, Long.MIN_VALUE, 0),
        new SparseIndex(), new ReadChannel(path));
  }

  /** What {@link #load} found: the segment and where its valid frames end. */
  record Loaded(RawSegment segment, long validEnd, long fileSize) {}

  /**
   * Opens an existing {@code .seg}, walking every frame to build the sparse index and time range.
   * Damage is noted, never repaired; bytes after the last valid frame are left for the caller
   * (the journal cuts them from the active segment, and notes them as damage in sealed ones).
   */
  static Loaded load(Path path, long firstSeq, boolean active) throws IOException {
    ReadChannel channel = new ReadChannel(path);
    try {
      return walk(path, firstSeq, active, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static Loaded walk(Path path, long firstSeq, boolean active, ReadChannel channel)
      throws IOException {
    long size = Files.size(path);
    List<String> damage = new ArrayList<>();
    byte[] header = new byte[(int) Math.min(size, SegmentFormat.HEADER_SIZE)];
    channel.readFully(ByteBuffer.wrap(header), 0);
    String headerProblem = SegmentFormat.headerProblem(header, SegmentFormat.SEG_MAGIC, firstSeq);
    if (headerProblem != null) {
      damage.add(headerProblem);
    }
    SparseIndex index = new SparseIndex();
    TimeRange times = new TimeRange();
    long count = 0;
    long maxSeq = firstSeq - 1;
    long validEnd = Math.min(size, SegmentFormat.HEADER_SIZE);
    if (size > SegmentFormat.HEADER_SIZE) {
      FrameCursor c = new FrameCursor(channel, SegmentFormat.HEADER_SIZE, size, SCAN_WINDOW);
      boolean indexNext = true;
      boolean afterResync = false;
      while (true) {
        FrameCursor.Status st = c.next();
        if (st == FrameCursor.Status.END) {
          break;
        }
        if (st == FrameCursor.Status.FRAME) {
          long seq = c.seq();
          if (seq != maxSeq + 1 && !afterResync) { // after a resync the jump is already noted
            damage.add("seq " + seq + " at byte " + c.frameOffset() + " where " + (maxSeq + 1)
                + " was expected");
            indexNext = true;
          }
          if (indexNext || count % SparseIndex.INTERVAL == 0) {
            index.add(seq, c.frameOffset());
            indexNext = false;
          }
          afterResync = false;
          count++;
          maxSeq = Math.max(maxSeq, seq);
          times.add(c.epochSecond(), c.nanos());
          validEnd = c.position();
          continue;
        }
        long badAt = c.frameOffset();
        if (!c.resync()) {
          break; // nothing valid after: the tail, for the caller to judge
        }
        damage.add(st + " frame at byte " + badAt + "; records resume at byte " + c.position());
        indexNext = true;
        afterResync = true;
      }
    }
    if (!active && validEnd < size) {
      damage.add((size - validEnd) + " bytes after the last valid frame at byte " + validEnd);
    }
    State state = new State(validEnd, count, maxSeq, times.minSec, times.minNano, times.maxSec,
        times.maxNano);
    return new Loaded(
        new RawSegment(path, firstSeq, damage, state, index, channel), validEnd, size);
  }

  /** Called by the writer after its bytes are written (not necessarily forced). */
  void publish(State s) {
    state = s;
  }

  State state() {
    return state;
  }

  SparseIndex index() {
    return index;
  }

  void markSealed() {
    sealed = true;
  }

  boolean sealed() {
    return sealed;
  }

  Path path() {
    return path;
  }

  ReadChannel channel() {
    return channel;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public long firstSeq() {
    return firstSeq;
  }

  @Override
  public long lastSeq() {
    return state.lastSeq();
  }

  @Override
  public List<String> damage() {
    return damage;
  }

  @Override
  public byte[] read(long seq) throws IOException {
    State s = state;
    long start = index.floorOffset(seq, SegmentFormat.HEADER_SIZE);
    FrameCursor c = new FrameCursor(channel, start, s.length(), READ_WINDOW);
    while (true) {
      FrameCursor.Status st = c.next();
      if (st == FrameCursor.Status.FRAME) {
        if (c.seq() == seq) {
          return c.record();
        }
        if (c.seq() > seq) {
          throw new CorruptSegmentException(name, c.frameOffset(),
              "seq " + seq + " is missing: found seq " + c.seq() + " where it should be");
        }
        continue;
      }
      throw problem(st, c, seq);
    }
  }

  @Override
  public void scan(long from, long to, RecordVisitor visitor) throws IOException {
    if (from >= to) {
      return;
    }
    State s = state;
    long start = index.floorOffset(from, SegmentFormat.HEADER_SIZE);
    FrameCursor c = new FrameCursor(channel, start, s.length(), SCAN_WINDOW);
    long expected = from;
    while (expected < to) {
      FrameCursor.Status st = c.next();
      if (st != FrameCursor.Status.FRAME) {
        throw problem(st, c, expected);
      }
      long seq = c.seq();
      if (seq < from && expected == from) {
        continue;
      }
      if (seq != expected) {
        throw new CorruptSegmentException(name, c.frameOffset(),
            "expected seq " + expected + ", found seq " + seq);
      }
      visitor.visit(seq, c.record());
      expected++;
    }
  }

  private CorruptSegmentException problem(FrameCursor.Status st, FrameCursor c, long seq) {
    String what = switch (st) {
      case END -> "seq " + seq + " not found before the end of the readable data";
      case TORN -> "frame runs past the end of the readable data";
      case BAD_LENGTH -> "invalid frame length";
      case BAD_CRC -> "CRC32C mismatch";
      case BAD_RECORD -> "frame holds no valid record header";
      case FRAME -> throw new AssertionError();
    };
    return new CorruptSegmentException(name, c.frameOffset(), what + " (reading seq " + seq + ")");
  }

  @Override
  public SegmentInfo info() throws IOException {
    State s = state;
    boolean any = s.count() > 0;
    return new SegmentInfo(name, path, firstSeq, s.count(),
        any ? TimeRange.instant(s.minSec(), s.minNano()) : null,
        any ? TimeRange.instant(s.maxSec(), s.maxNano()) : null,
        sealed, false, s.length());
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
