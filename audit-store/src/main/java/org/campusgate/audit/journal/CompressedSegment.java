package org.campusgate.audit.journal;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A sealed, zstd-compressed {@code .zseg}. Opening reads only the header and footer; a read
 * decompresses one block (kept in the journal's {@link BlockCache}). A segment whose header or
 * footer is unusable still opens: its reads fail with the reason.
 */
final class CompressedSegment implements Segment {
  private final String name;
  private final Path path;
  private final long firstSeq;
  private final ReadChannel channel;
  private final BlockCache cache;
  private final ZsegIndex index; // null when unusable
  private final List<String> damage;
  private final long sizeBytes;

  private CompressedSegment(Path path, long firstSeq, ReadChannel channel, BlockCache cache,
      ZsegIndex index, List<String> damage, long sizeBytes) {
    this.path = path;
    this.name = path.getFileName().toString();
    this.firstSeq = firstSeq;
    this.channel = channel;
    this.cache = cache;
    this.index = index;
    this.damage = List.copyOf(damage);
    this.sizeBytes = sizeBytes;
  }

  static CompressedSegment load(Path path, long firstSeq, BlockCache cache) throws IOException {
    long size = Files.size(path);
    ReadChannel ch = new ReadChannel(path);
    try {
      byte[] header = new byte[(int) Math.min(size, SegmentFormat.HEADER_SIZE)];
      ch.readFully(ByteBuffer.wrap(header), 0);
      String problem = SegmentFormat.headerProblem(header, SegmentFormat.ZSEG_MAGIC, firstSeq);
      if (problem != null) {
        return new CompressedSegment(path, firstSeq, ch, cache, null, List.of(problem), size);
      }
      ZsegIndex index = ZsegIndex.read(ch, size);
      if (!index.blocks().isEmpty() && index.blocks().get(0).firstSeq() != firstSeq) {
        return new CompressedSegment(path, firstSeq, ch, cache, null,
            List.of("first block starts at seq " + index.blocks().get(0).firstSeq()), size);
      }
      return new CompressedSegment(path, firstSeq, ch, cache, index, List.of(), size);
    } catch (ZsegIndex.FooterException e) {
      return new CompressedSegment(path, firstSeq, ch, cache, null, List.of(e.getMessage()), size);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Whether the footer and header are complete (used to decide a leftover .seg may go). */
  boolean complete() {
    return index != null;
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
    return index == null ? firstSeq - 1 : firstSeq + index.recordCount() - 1;
  }

  @Override
  public List<String> damage() {
    return damage;
  }

  @Override
  public byte[] read(long seq) throws IOException {
    int b = blockOf(seq);
    BlockCache.Key key = new BlockCache.Key(name, b);
    BlockCache.Decoded d = cache.get(key);
    if (d == null) {
      d = decode(b);
      cache.put(key, d);
    }
    return record(d, (int) (seq - index.blocks().get(b).firstSeq()));
  }

  @Override
  public void scan(long from, long to, RecordVisitor visitor) throws IOException {
    if (from >= to) {
      return;
    }
    long seq = from;
    for (int b = blockOf(from); seq < to; b++) {
      ZsegIndex.Block block = index.blocks().get(b);
      BlockCache.Decoded d = cache.get(new BlockCache.Key(name, b));
      if (d == null) {
        d = decode(b); // not cached: a scan would only push out the blocks random reads use
      }
      for (int i = (int) (seq - block.firstSeq()); i < block.count() && seq < to; i++, seq++) {
        visitor.visit(seq, record(d, i));
      }
    }
  }

  private int blockOf(long seq) throws CorruptSegmentException {
    if (index == null) {
      throw new CorruptSegmentException(name, -1, "unreadable: " + damage.get(0));
    }
    List<ZsegIndex.Block> blocks = index.blocks();
    int lo = 0;
    int hi = blocks.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      ZsegIndex.Block k = blocks.get(mid);
      if (seq < k.firstSeq()) {
        hi = mid - 1;
      } else if (seq >= k.firstSeq() + k.count()) {
        lo = mid + 1;
      } else {
        return mid;
      }
    }
    throw new CorruptSegmentException(name, -1, "no block holds seq " + seq);
  }

  private static byte[] record(BlockCache.Decoded d, int i) {
    int off = d.frameOffsets()[i];
    int len = RecordHeader.getInt(d.raw(), off);
    byte[] out = new byte[len];
    System.arraycopy(d.raw(), off + SegmentFormat.FRAME_HEADER, out, 0, len);
    return out;
  }

  /** Decompresses block {@code b} and checks every frame in it. */
  private BlockCache.Decoded decode(int b) throws IOException {
    ZsegIndex.Block k = index.blocks().get(b);
    byte[] raw = decompress(channel, k, name);
    int[] offsets = new int[k.count()];
    FrameCursor c = new FrameCursor(raw, 0, raw.length);
    for (int i = 0; i < k.count(); i++) {
      FrameCursor.Status st = c.next();
      if (st != FrameCursor.Status.FRAME || c.seq() != k.firstSeq() + i) {
        throw new CorruptSegmentException(name, k.offset(), "block of seqs " + k.firstSeq() + ".."
            + (k.firstSeq() + k.count() - 1) + ": frame " + i + " at block offset "
            + c.frameOffset() + " is " + (st == FrameCursor.Status.FRAME ? "seq " + c.seq() : st));
      }
      offsets[i] = (int) c.frameOffset();
    }
    if (c.next() != FrameCursor.Status.END) {
      throw new CorruptSegmentException(name, k.offset(), "block holds more frames than indexed");
    }
    return new BlockCache.Decoded(raw, offsets);
  }

  /** The raw bytes of a block; any zstd failure (including its checksum) is corruption. */
  static byte[] decompress(ReadChannel ch, ZsegIndex.Block k, String name) throws IOException {
    byte[] compressed = new byte[k.compressedLength()];
    ch.readFully(ByteBuffer.wrap(compressed), k.offset());
    byte[] raw = new byte[k.rawLength()];
    int n;
    try (ZstdDecompressCtx z = new ZstdDecompressCtx()) {
      n = z.decompressByteArray(raw, 0, raw.length, compressed, 0, compressed.length);
    } catch (ZstdException e) {
      throw new CorruptSegmentException(name, k.offset(), "block of seqs " + k.firstSeq() + ".."
          + (k.firstSeq() + k.count() - 1) + " cannot be decompressed: " + e.getMessage(), e);
    }
    if (n != raw.length) {
      throw new CorruptSegmentException(name, k.offset(), "block decompressed to " + n
          + " bytes, the index says " + raw.length);
    }
    return raw;
  }

  @Override
  public SegmentInfo info() {
    boolean any = index != null && index.recordCount() > 0;
    return new SegmentInfo(name, path, firstSeq, index == null ? 0 : index.recordCount(),
        any ? TimeRange.instant(index.minSec(), index.minNano()) : null,
        any ? TimeRange.instant(index.maxSec(), index.maxNano()) : null,
        true, true, sizeBytes);
  }

  @Override
  public void close() throws IOException {
    cache.invalidate(name);
    channel.close();
  }
}
