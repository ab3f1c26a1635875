package org.campusgate.audit.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The append-only journal: the audit record of truth. Records (canonical {@link RecordCodec}
 * bytes, seqs consecutive from 0) are framed with a CRC32C into segment files
 * {@code <first seq, 20 digits>.seg}; a full segment is sealed (made read-only) and, when
 * enabled, rewritten in the background as a zstd-compressed {@code .zseg} with a block index.
 * Layouts are described in {@code SegmentFormat}.
 *
 * <p><b>Threads.</b> {@link #append}, {@link #force}, {@link #deleteSegment} and {@link #close}
 * belong to one writer thread. {@link #read}, {@link #scan}, {@link #segments} and {@link
 * #nextSeq} are safe from any thread at any moment: readers only ever see records whose bytes
 * have been written (published through a volatile after each append), including while a sealed
 * segment is swapped for its compressed twin.
 *
 * <p><b>Durability.</b> {@link #append} writes; {@link #force} makes the appended records durable
 * (the writer calls it once per batch, group commit). Sealing forces the sealed segment.
 *
 * <p><b>Recovery.</b> {@link #open} cuts a torn tail of the active segment (an incomplete last
 * frame, or a bad last frame with nothing valid after it) and removes leftovers of an interrupted
 * compression. Damage anywhere else is never repaired: open succeeds and reads touching it throw
 * {@link CorruptSegmentException}; {@link SegmentScanner} reports it in detail.
 */
public final class Journal implements Closeable {
  private static final System.Logger LOG = System.getLogger(Journal.class.getName());
  private static final long BLOCK_CACHE_BYTES = 8L << 20;
  private static final int COMPRESSION_QUEUE = 1024;
  private static final int SWAP_RETRIES = 8;

  private final Path dir;
  private final JournalOptions options;
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final BlockCache cache = new BlockCache(BLOCK_CACHE_BYTES);
  private final ByteBuffer frameBuffer = ByteBuffer.allocateDirect(
      SegmentFormat.FRAME_HEADER + SegmentFormat.MAX_RECORD + (64 << 10));
  private final ThreadPoolExecutor compressor; // null when compression is off
  private final SegmentCompressor segmentCompressor;
  /** Compression is never urgent: a quarter of a core, so it never crowds the gateway. */
  private final Pacer pacer = new Pacer(0.25, Duration.ofMillis(50));
  private final Object lifecycle = new Object(); // orders compression swaps against deletions
  private RecoveryReport recovery;
  private volatile SegmentWriter active;
  private volatile long nextSeq;
  private volatile boolean closed;
  private boolean failed;

  private Journal(Path dir, JournalOptions options) {
    this.dir = dir;
    this.options = options;
    this.segmentCompressor =
        new SegmentCompressor(options.zstdLevel(), options.blockRawBytes());
    if (options.compressSealed()) {
      compressor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(COMPRESSION_QUEUE), r -> {
            Thread t = new Thread(r, "journal-compressor " + dir.getFileName());
            t.setDaemon(true);
            return t;
          });
    } else {
      compressor = null;
    }
  }

  /**
   * Opens (or creates) the journal in {@code dir}, recovering as described in the class docs.
   *
   * @throws CorruptSegmentException only when the next seq cannot be known (the newest segment
   *     is a compressed one whose footer is unusable)
   */
  public static Journal open(Path dir, JournalOptions options) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    Files.createDirectories(dir);
    Journal j = new Journal(dir, options);
    try {
      j.recover();
    } catch (IOException | RuntimeException e) {
      j.closeQuietly();
      throw e;
    }
    return j;
  }

  private void recover() throws IOException {
    List<String> removed = new ArrayList<>();
    List<String> damage = new ArrayList<>();
    TreeMap<Long, Path> segFiles = new TreeMap<>();
    TreeMap<Long, Path> zsegFiles = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (name.endsWith(SegmentFormat.TMP) && SegmentFormat.firstSeqOf(
            name.substring(0, name.length() - SegmentFormat.TMP.length())) >= 0) {
          Files.delete(p);
          removed.add(name);
          continue;
        }
        long first = SegmentFormat.firstSeqOf(name);
        if (first >= 0) {
          (name.endsWith(SegmentFormat.ZSEG) ? zsegFiles : segFiles).put(first, p);
        }
      }
    }
    TreeSet<Long> firsts = new TreeSet<>(segFiles.keySet());
    firsts.addAll(zsegFiles.keySet());
    Long lastFirst = firsts.isEmpty() ? null : firsts.last();
    List<RawSegment> toCompress = new ArrayList<>();
    String truncated = null;
    long cut = 0;
    for (long first : firsts) {
      Path seg = segFiles.get(first);
      Path zseg = zsegFiles.get(first);
      if (zseg != null) {
        CompressedSegment z = CompressedSegment.load(zseg, first, cache);
        if (seg != null && !z.complete()) {
          // the .seg is the original and still whole: the broken twin goes, it is redone later
          z.close();
          Files.delete(zseg);
          removed.add(zseg.getFileName().toString());
        } else {
          if (seg != null) {
            Files.delete(seg);
            removed.add(seg.getFileName().toString());
            seg = null;
          }
          segments.put(first, z);
        }
      }
      if (seg == null) {
        continue;
      }
      boolean last = first == lastFirst;
      if (last && Files.size(seg) < SegmentFormat.HEADER_SIZE) {
        // created but its header never fully written: start it again
        cut = Files.size(seg);
        truncated = seg.getFileName().toString();
        Files.delete(seg);
        active = SegmentWriter.create(dir, first, frameBuffer);
        segments.put(first, active.segment());
        continue;
      }
      RawSegment.Loaded loaded = RawSegment.load(seg, first, last);
      RawSegment raw = loaded.segment();
      segments.put(first, raw);
      if (last) {
        Fsync.makeWritable(seg);
        long[] cutHolder = new long[1];
        active = SegmentWriter.resume(raw, frameBuffer, cutHolder);
        if (cutHolder[0] > 0) {
          cut = cutHolder[0];
          truncated = raw.name();
          LOG.log(System.Logger.Level.WARNING, "journal {0}: cut a torn tail of {1} bytes from {2}",
              dir, cut, truncated);
        }
      } else {
        raw.markSealed();
        Fsync.makeReadOnly(seg);
        if (raw.damage().isEmpty()) {
          toCompress.add(raw);
        }
      }
    }
    for (Segment s : segments.values()) {
      for (String d : s.damage()) {
        damage.add(s.name() + ": " + d);
      }
    }
    if (active == null) {
      long first = 0;
      if (!segments.isEmpty()) {
        Segment newest = segments.lastEntry().getValue();
        if (!newest.damage().isEmpty()) {
          throw new CorruptSegmentException(newest.name(), -1,
              "the newest segment is unreadable, so the next seq is unknown: " + newest.damage());
        }
        first = newest.lastSeq() + 1;
      }
      active = SegmentWriter.create(dir, first, frameBuffer);
      segments.put(first, active.segment());
    }
    nextSeq = Math.max(active.segment().firstSeq(), active.segment().lastSeq() + 1);
    if (!removed.isEmpty()) {
      Fsync.directory(dir);
    }
    recovery = new RecoveryReport(truncated, cut, nextSeq - 1, removed, damage);
    for (RawSegment r : toCompress) {
      scheduleCompression(r);
    }
  }

  /** What {@link #open} repaired or found. */
  public RecoveryReport recoveryReport() {
    return recovery;
  }

  /** The seq the next appended record must carry. */
  public long nextSeq() {
    return nextSeq;
  }

  /**
   * Appends records, rolling to a new segment when the active one would exceed the maximum
   * size. Nothing is written unless every record is valid and they carry exactly {@link
   * #nextSeq()}, {@code nextSeq() + 1}, ... Writer thread only.
   *
   * @param records canonical record bytes (as from {@link RecordCodec#encode})
   * @throws IllegalArgumentException for a record that is not valid or out of sequence
   * @throws IOException when writing fails; the journal then refuses further appends (reopen it
   *     to recover)
   */
  public void append(List<byte[]> records) throws IOException {
    Objects.requireNonNull(records, "records");
    checkWritable();
    long expect = nextSeq;
    for (int i = 0; i < records.size(); i++) {
      byte[] r = Objects.requireNonNull(records.get(i), "record " + i);
      if (r.length > SegmentFormat.MAX_RECORD) {
        throw new IllegalArgumentException("record " + i + " has " + r.length
            + " bytes, over the limit of " + SegmentFormat.MAX_RECORD);
      }
      long seq;
      try {
        seq = RecordHeader.seq(r);
      } catch (RecordFormatException e) {
        throw new IllegalArgumentException("record " + i + " is not a journal record: "
            + e.getMessage(), e);
      }
      if (seq != expect) {
        throw new IllegalArgumentException(
            "record " + i + " has seq " + seq + ", expected " + expect);
      }
      expect++;
    }
    try {
      long seq = nextSeq;
      for (byte[] r : records) {
        if (!active.fits(r.length, options.maxSegmentBytes())) {
          roll(seq);
        }
        active.add(r, seq);
        seq++;
      }
      active.flush();
      nextSeq = seq;
    } catch (IOException | RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  /** Forces the active segment to disk ({@code FileChannel.force(false)}). Writer thread only. */
  public void force() throws IOException {
    checkWritable();
    try {
      active.force();
    } catch (IOException e) {
      failed = true;
      throw e;
    }
  }

  private void roll(long firstSeqOfNext) throws IOException {
    SegmentWriter old = active;
    old.flush();
    old.force();
    SegmentWriter created = SegmentWriter.create(dir, firstSeqOfNext, frameBuffer);
    segments.put(firstSeqOfNext, created.segment());
    active = created;
    old.seal();
    scheduleCompression(old.segment());
  }

  private void scheduleCompression(RawSegment segment) {
    if (compressor == null) {
      return;
    }
    try {
      compressor.execute(() -> compress(segment));
    } catch (RejectedExecutionException e) {
      // queue full or closing: the segment stays a valid .seg and is compressed after reopening
    }
  }

  private void compress(RawSegment raw) {
    if (closed || segments.get(raw.firstSeq()) != raw) {
      return;
    }
    Path zseg = null;
    try {
      zseg = segmentCompressor.compress(raw, () -> closed, pacer);
      if (zseg == null) {
        return;
      }
      CompressedSegment z = CompressedSegment.load(zseg, raw.firstSeq(), cache);
      boolean swapped;
      synchronized (lifecycle) {
        swapped = z.complete() && !closed && segments.replace(raw.firstSeq(), raw, z);
      }
      if (!swapped) {
        z.close();
        Files.deleteIfExists(zseg);
        return;
      }
      raw.close(); // readers holding it retry and find the .zseg
      Files.deleteIfExists(raw.path());
      Fsync.directory(dir);
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "journal " + dir + ": " + raw.name()
          + " left uncompressed", e);
    }
  }

  /**
   * Waits until every segment sealed so far has been compressed (or skipped).
   *
   * @return false when that did not happen within {@code timeout}
   */
  public boolean awaitCompression(Duration timeout) throws InterruptedException {
    if (compressor == null || closed) {
      return true;
    }
    try {
      Future<?> marker = compressor.submit(() -> { });
      marker.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (RejectedExecutionException | TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The record bytes of a seq.
   *
   * @throws NoSuchElementException when the seq is not appended yet or its segment was deleted
   * @throws CorruptSegmentException when the bytes holding it are damaged
   */
  public byte[] read(long seq) throws IOException {
    checkOpen();
    if (seq < 0 || seq >= nextSeq) {
      throw new NoSuchElementException("seq " + seq + " is not in the journal (next seq is "
          + nextSeq + ")");
    }
    for (int attempt = 0; ; attempt++) {
      Segment s = segmentHolding(seq);
      try {
        return s.read(seq);
      } catch (ClosedChannelException e) {
        // swapped for its compressed twin or deleted meanwhile: look again
        if (closed || attempt >= SWAP_RETRIES) {
          throw e;
        }
      }
    }
  }

  /**
   * Visits the records {@code [fromSeq, toSeqExclusive)} in order, each exactly once.
   *
   * @throws CorruptSegmentException when a record in the range is damaged or missing (records
   *     before it have been visited)
   */
  public void scan(long fromSeq, long toSeqExclusive, RecordVisitor visitor) throws IOException {
    Objects.requireNonNull(visitor, "visitor");
    checkOpen();
    long limit = nextSeq;
    if (fromSeq < 0 || toSeqExclusive < fromSeq || toSeqExclusive > limit) {
      throw new IllegalArgumentException("range [" + fromSeq + ", " + toSeqExclusive
          + ") is not within [0, " + limit + ")");
    }
    long[] next = {fromSeq};
    RecordVisitor tracking = (seq, record) -> {
      visitor.visit(seq, record);
      next[0] = seq + 1;
    };
    int retries = 0;
    while (next[0] < toSeqExclusive) {
      Segment s = segmentHolding(next[0]);
      long end = Math.min(toSeqExclusive, s.lastSeq() + 1);
      if (end <= next[0]) {
        throw new CorruptSegmentException(s.name(), -1, "seq " + next[0] + " is missing"
            + (s.damage().isEmpty() ? "" : ": " + s.damage()));
      }
      try {
        s.scan(next[0], end, tracking);
      } catch (ClosedChannelException e) {
        if (closed || ++retries > SWAP_RETRIES) {
          throw e;
        }
      }
    }
  }

  private Segment segmentHolding(long seq) {
    Map.Entry<Long, Segment> e = segments.floorEntry(seq);
    if (e == null) {
      throw new NoSuchElementException("seq " + seq + " is before the oldest retained segment");
    }
    return e.getValue();
  }

  /** The segments, oldest first. */
  public List<SegmentInfo> segments() throws IOException {
    checkOpen();
    List<SegmentInfo> out = new ArrayList<>();
    for (Segment s : segments.values()) {
      out.add(s.info());
    }
    return out;
  }

  /**
   * Deletes a sealed segment (retention). Accepts the {@code .seg} or {@code .zseg} name of a
   * segment, whichever form it has now. Writer thread only.
   *
   * @throws IllegalArgumentException for the active segment or an unknown name
   */
  public void deleteSegment(String name) throws IOException {
    Objects.requireNonNull(name, "name");
    checkOpen();
    long first = SegmentFormat.firstSeqOf(name);
    Segment s;
    synchronized (lifecycle) {
      s = first < 0 ? null : segments.get(first);
      if (s == null) {
        throw new IllegalArgumentException("no segment named " + name);
      }
      if (s == active.segment()) {
        throw new IllegalArgumentException("the active segment " + name + " cannot be deleted");
      }
      segments.remove(first, s);
    }
    s.close();
    Files.deleteIfExists(dir.resolve(SegmentFormat.segName(first)));
    Files.deleteIfExists(dir.resolve(SegmentFormat.zsegName(first)));
    Fsync.directory(dir);
  }

  /**
   * Stops background compression (a segment being compressed stays a valid {@code .seg}),
   * flushes and forces the active segment and releases the files.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException first = null;
    if (compressor != null) {
      compressor.shutdown();
      try {
        if (!compressor.awaitTermination(60, TimeUnit.SECONDS)) {
          compressor.shutdownNow();
        }
      } catch (InterruptedException e) {
        compressor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (active != null) {
      try {
        if (failed) {
          active.abandon();
        } else {
          active.close();
        }
      } catch (IOException e) {
        first = e;
      }
    }
    for (Segment s : segments.values()) {
      try {
        s.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException | RuntimeException e) {
      // already failing
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the journal in " + dir + " is closed");
    }
  }

  private void checkWritable() {
    checkOpen();
    if (failed) {
      throw new IllegalStateException("an earlier write failed; reopen the journal in " + dir);
    }
  }
}
