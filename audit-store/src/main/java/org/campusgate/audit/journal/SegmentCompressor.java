package org.campusgate.audit.journal;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Rewrites a sealed, intact {@code .seg} as a {@code .zseg}: into a temp file, forced, then
 * atomically renamed and the directory forced. The source is left alone; the caller swaps and
 * deletes it. Each block is decompressed again and compared before it is written, so a
 * compressor fault cannot lose records.
 */
final class SegmentCompressor {
  private final int level;
  private final int blockRawBytes;

  SegmentCompressor(int level, int blockRawBytes) {
    this.level = level;
    this.blockRawBytes = blockRawBytes;
  }

  /**
   * Compresses {@code source} to {@code <firstSeq>.zseg} beside it.
   *
   * @param cancelled checked between blocks; when it turns true the temp file is removed
   * @return the new file, or null when cancelled
   * @throws CorruptSegmentException when the source is not intact (it is then not compressed)
   */
  Path compress(RawSegment source, BooleanSupplier cancelled) throws IOException {
    return compress(source, cancelled, Pacer.unpaced());
  }

  /** As {@link #compress(RawSegment, BooleanSupplier)}, resting between blocks as paced. */
  Path compress(RawSegment source, BooleanSupplier cancelled, Pacer pacer) throws IOException {
    RawSegment.State state = source.state();
    Path dir = source.path().getParent();
    Path target = dir.resolve(SegmentFormat.zsegName(source.firstSeq()));
    Path tmp = dir.resolve(SegmentFormat.zsegName(source.firstSeq()) + SegmentFormat.TMP);
    boolean done = false;
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        ZstdCompressCtx z = new ZstdCompressCtx()) {
      z.setLevel(level);
      z.setChecksum(true);
      z.setContentSize(true);
      long pos = writeFully(out, ByteBuffer.wrap(
          SegmentFormat.header(SegmentFormat.ZSEG_MAGIC, source.firstSeq())), 0);
      FrameCursor c = new FrameCursor(source.channel(), SegmentFormat.HEADER_SIZE, state.length(),
          1 << 20);
      List<ZsegIndex.Block> blocks = new ArrayList<>();
      byte[] block = new byte[blockRawBytes];
      int blockLen = 0;
      int blockCount = 0;
      long blockFirst = source.firstSeq();
      long expected = source.firstSeq();
      long busySince = System.nanoTime();
      while (true) {
        FrameCursor.Status st = c.next();
        if (st == FrameCursor.Status.END) {
          break;
        }
        if (st != FrameCursor.Status.FRAME || c.seq() != expected) {
          throw new CorruptSegmentException(source.name(), c.frameOffset(),
              "not compressed: " + (st == FrameCursor.Status.FRAME ? "seq " + c.seq()
                  + " where " + expected + " was expected" : st.toString()));
        }
        int frameLen = SegmentFormat.FRAME_HEADER + c.recordLength();
        if (blockLen > 0 && blockLen + frameLen > blockRawBytes) {
          pos = writeBlock(z, out, block, blockLen, blockFirst, blockCount, pos, blocks);
          blockLen = 0;
          blockCount = 0;
          blockFirst = expected;
          if (cancelled.getAsBoolean()) {
            return null;
          }
          long now = System.nanoTime();
          pacer.rest(now - busySince);
          busySince = System.nanoTime();
        }
        if (blockLen + frameLen > block.length) {
          block = Arrays.copyOf(block, blockLen + frameLen);
        }
        byte[] rec = c.record();
        SegmentFormat.putInt(block, blockLen, rec.length);
        SegmentFormat.putInt(block, blockLen + 4, SegmentFormat.crc(rec, 0, rec.length));
        System.arraycopy(rec, 0, block, blockLen + 8, rec.length);
        blockLen += frameLen;
        blockCount++;
        expected++;
      }
      if (blockCount > 0) {
        pos = writeBlock(z, out, block, blockLen, blockFirst, blockCount, pos, blocks);
      }
      if (expected - source.firstSeq() != state.count()) {
        throw new CorruptSegmentException(source.name(), -1, "not compressed: walked "
            + (expected - source.firstSeq()) + " records, expected " + state.count());
      }
      ZsegIndex index = new ZsegIndex(blocks, state.count(), pos, state.minSec(),
          state.minNano(), state.maxSec(), state.maxNano());
      writeFully(out, ByteBuffer.wrap(index.encode()), pos);
      out.force(true);
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    Fsync.makeReadOnly(target);
    Fsync.directory(dir);
    return target;
  }

  private static long writeBlock(ZstdCompressCtx z, FileChannel out, byte[] block, int len,
      long firstSeq, int count, long pos, List<ZsegIndex.Block> blocks) throws IOException {
    byte[] raw = Arrays.copyOf(block, len);
    byte[] compressed = z.compress(raw);
    byte[] check = new byte[len];
    try (ZstdDecompressCtx d = new ZstdDecompressCtx()) {
      int n = d.decompressByteArray(check, 0, len, compressed, 0, compressed.length);
      if (n != len || !Arrays.equals(check, raw)) {
        throw new IOException("zstd round trip failed for the block at seq " + firstSeq);
      }
    }
    blocks.add(new ZsegIndex.Block(firstSeq, count, pos, compressed.length, len));
    return writeFully(out, ByteBuffer.wrap(compressed), pos);
  }

  private static long writeFully(FileChannel out, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      pos += out.write(b, pos);
    }
    return pos;
  }
}
