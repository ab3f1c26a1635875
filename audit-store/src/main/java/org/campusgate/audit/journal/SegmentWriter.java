package org.campusgate.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends frames to the active {@code .seg}. Frames are gathered in the journal's reused direct
 * buffer and written with positional writes; {@link #flush()} publishes what was written to
 * readers. Used by the journal's single writer thread only.
 */
final class SegmentWriter {
  private final RawSegment segment;
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final CRC32C crc = new CRC32C();
  private final TimeRange times = new TimeRange();
  private long written; // bytes on the file (flushed)
  private long length; // bytes including the buffered ones
  private long count;
  private long lastSeq;

  private SegmentWriter(RawSegment segment, FileChannel channel, ByteBuffer buffer) {
    this.segment = segment;
    this.channel = channel;
    this.buffer = buffer;
    RawSegment.State s = segment.state();
    this.written = s.length();
    this.length = s.length();
    this.count = s.count();
    this.lastSeq = s.lastSeq();
    if (s.count() > 0) {
      times.add(s.minSec(), s.minNano());
      times.add(s.maxSec(), s.maxNano());
    }
  }

  /** Creates {@code <firstSeq>.seg} with its header, forced, and the directory entry forced. */
  static SegmentWriter create(Path dir, long firstSeq, ByteBuffer buffer) throws IOException {
    Path path = dir.resolve(SegmentFormat.segName(firstSeq));
    FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, StandardOpenOption.READ);
    try {
      ByteBuffer h = ByteBuffer.wrap(SegmentFormat.header(SegmentFormat.SEG_MAGIC, firstSeq));
      while (h.hasRemaining()) {
        ch.write(h, h.position());
      }
      ch.force(true);
      Fsync.directory(dir);
      return new SegmentWriter(RawSegment.empty(path, firstSeq), ch, buffer);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Continues an existing segment after recovery, cutting anything after its last valid frame.
   *
   * @return the writer; {@code cut} receives how many bytes were cut
   */
  static SegmentWriter resume(RawSegment segment, ByteBuffer buffer, long[] cut)
      throws IOException {
    FileChannel ch = FileChannel.open(segment.path(), StandardOpenOption.WRITE,
        StandardOpenOption.READ);
    try {
      long valid = segment.state().length();
      long size = ch.size();
      cut[0] = size - valid;
      if (size > valid) {
        ch.truncate(valid);
        ch.force(true);
      }
      return new SegmentWriter(segment, ch, buffer);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  RawSegment segment() {
    return segment;
  }

  long count() {
    return count;
  }

  /** Whether a record of {@code recordLength} bytes fits under {@code maxBytes}. */
  boolean fits(int recordLength, long maxBytes) {
    return count == 0 || length + SegmentFormat.FRAME_HEADER + recordLength <= maxBytes;
  }

  /** Buffers one frame; the record has been checked by the journal. */
  void add(byte[] record, long seq) throws IOException {
    int frame = SegmentFormat.FRAME_HEADER + record.length;
    if (buffer.remaining() < frame) {
      writeBuffer();
    }
    crc.reset();
    crc.update(record, 0, record.length);
    buffer.putInt(record.length).putInt((int) crc.getValue()).put(record);
    if (count % SparseIndex.INTERVAL == 0) {
      segment.index().add(seq, length);
    }
    length += frame;
    count++;
    lastSeq = seq;
    times.add(RecordHeader.epochSecond(record, 0), RecordHeader.nanos(record, 0));
  }

  /** Writes the buffered frames and publishes them to readers. */
  void flush() throws IOException {
    writeBuffer();
    segment.publish(new RawSegment.State(written, count, lastSeq, times.minSec, times.minNano,
        times.maxSec, times.maxNano));
  }

  private void writeBuffer() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      written += channel.write(buffer, written);
    }
    buffer.clear();
  }

  void force() throws IOException {
    channel.force(false);
  }

  /** Flushes, forces and closes the segment for good, and makes the file read-only. */
  void seal() throws IOException {
    flush();
    channel.force(true);
    channel.close();
    segment.markSealed();
    Fsync.makeReadOnly(segment.path());
  }

  /** Closes without sealing (the journal is closing; the segment stays active). */
  void close() throws IOException {
    flush();
    channel.force(true);
    channel.close();
  }

  /** Releases the file after a failed write, writing nothing more. */
  void abandon() throws IOException {
    channel.close();
  }
}
