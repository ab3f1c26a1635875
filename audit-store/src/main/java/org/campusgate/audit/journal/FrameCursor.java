package org.campusgate.audit.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Walks {@code [u32 length][u32 CRC32C][record]} frames, either of a file region (through a
 * bounded sliding window) or of a byte array (a decompressed block). Reports each frame's
 * status; after a bad frame, {@link #resync()} looks for the next valid one. Not thread-safe.
 */
final class FrameCursor {
  enum Status {
    /** A valid frame: CRC matches and the record header is readable. */
    FRAME,
    /** The region ended exactly at a frame boundary. */
    END,
    /** The frame's length runs past the end of the region. */
    TORN,
    /** The length field is outside 22 .. 1 MiB. */
    BAD_LENGTH,
    /** The CRC does not match the record bytes. */
    BAD_CRC,
    /** The CRC matches but the record header is not readable. */
    BAD_RECORD
  }

  private final ReadChannel channel; // null: the window is the whole array
  private final long end;
  private final CRC32C crc = new CRC32C();
  private byte[] buf;
  private long bufStart;
  private int bufLen;
  private long pos;

  private long frameOffset;
  private int recordLength;
  private long seq;

  FrameCursor(ReadChannel channel, long start, long end, int windowBytes) {
    this.channel = channel;
    this.end = end;
    this.buf = new byte[(int) Math.max(64, Math.min(windowBytes, end - start))];
    this.bufStart = start;
    this.bufLen = 0;
    this.pos = start;
  }

  FrameCursor(byte[] data, int start, int end) {
    this.channel = null;
    this.end = end;
    this.buf = data;
    this.bufStart = 0;
    this.bufLen = end;
    this.pos = start;
  }

  long position() {
    return pos;
  }

  void seek(long position) {
    this.pos = position;
  }

  long frameOffset() {
    return frameOffset;
  }

  int recordLength() {
    return recordLength;
  }

  /** The seq of the last {@link Status#FRAME}. */
  long seq() {
    return seq;
  }

  /** The end of the last frame read (valid or not, when its length was usable). */
  long frameEnd() {
    return frameOffset + SegmentFormat.FRAME_HEADER + recordLength;
  }

  Status next() throws IOException {
    frameOffset = pos;
    recordLength = 0;
    if (pos >= end) {
      return Status.END;
    }
    Status s = inspect(pos);
    if (s == Status.FRAME) {
      pos = frameEnd();
    }
    return s;
  }

  /** A copy of the last frame's record bytes. */
  byte[] record() throws IOException {
    int at = window(frameOffset + SegmentFormat.FRAME_HEADER, recordLength);
    return Arrays.copyOfRange(buf, at, at + recordLength);
  }

  /** Timestamp parts of the last frame's record, read from its header. */
  long epochSecond() throws IOException {
    return RecordHeader.epochSecond(buf, window(frameOffset + 8, recordLength));
  }

  int nanos() throws IOException {
    return RecordHeader.nanos(buf, window(frameOffset + 8, recordLength));
  }

  /**
   * After a bad frame, moves to the next valid frame: first where the bad frame's length says
   * the next one starts, then byte by byte. Returns false (and moves to the end) when none.
   */
  boolean resync() throws IOException {
    long trusted = frameOffset + SegmentFormat.FRAME_HEADER + recordLength;
    if (recordLength > 0 && trusted < end && inspect(trusted) == Status.FRAME) {
      pos = trusted;
      return true;
    }
    for (long p = frameOffset + 1; p + SegmentFormat.FRAME_HEADER + RecordHeader.SIZE <= end; p++) {
      if (inspect(p) == Status.FRAME) {
        pos = p;
        return true;
      }
    }
    pos = end;
    return false;
  }

  /** The status of a frame at {@code p}; sets recordLength and seq as far as they are known. */
  private Status inspect(long p) throws IOException {
    if (end - p < SegmentFormat.FRAME_HEADER) {
      return Status.TORN;
    }
    int at = window(p, SegmentFormat.FRAME_HEADER);
    int len = RecordHeader.getInt(buf, at);
    int expectedCrc = RecordHeader.getInt(buf, at + 4);
    if (len < RecordHeader.SIZE || len > SegmentFormat.MAX_RECORD) {
      return Status.BAD_LENGTH;
    }
    recordLength = len;
    if (end - p - SegmentFormat.FRAME_HEADER < len) {
      return Status.TORN;
    }
    at = window(p, SegmentFormat.FRAME_HEADER + len) + SegmentFormat.FRAME_HEADER;
    crc.reset();
    crc.update(buf, at, len);
    if ((int) crc.getValue() != expectedCrc) {
      return Status.BAD_CRC;
    }
    try {
      seq = RecordHeader.seq(buf, at, len);
    } catch (RecordFormatException e) {
      return Status.BAD_RECORD;
    }
    return Status.FRAME;
  }

  /** Makes {@code [p, p + n)} available in the window; returns its index in {@code buf}. */
  private int window(long p, int n) throws IOException {
    if (p >= bufStart && p + n <= bufStart + bufLen) {
      return (int) (p - bufStart);
    }
    if (channel == null) {
      throw new IllegalStateException("frame beyond the block at " + p);
    }
    if (n > buf.length) {
      buf = new byte[n];
    }
    int len = (int) Math.min(buf.length, end - p);
    channel.readFully(ByteBuffer.wrap(buf, 0, len), p);
    bufStart = p;
    bufLen = len;
    return 0;
  }
}
