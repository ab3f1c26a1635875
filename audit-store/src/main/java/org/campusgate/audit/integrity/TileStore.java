package org.campusgate.audit.integrity;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * An append-only file of tile hashes: entry {@code i} is the Merkle hash of the perfect subtree
 * over leaves {@code [1024·i, 1024·(i+1))} (a level-10 node), 32 raw bytes, nothing else. The
 * file is a cache of what the leaves determine, so it can always be rebuilt or repaired from
 * them (see {@link TileBuilder#catchUp}).
 *
 * <p>One thread appends or truncates; {@link #get} and {@link #read} may run concurrently with
 * it. Durability is the caller's choice: call {@link #force()} when it matters.
 */
public final class TileStore implements Closeable {

  /** Height of a tile's subtree. */
  public static final int TILE_HEIGHT = 10;
  /** Leaves per tile. */
  public static final int LEAVES_PER_TILE = 1 << TILE_HEIGHT;

  private static final int H = MerkleHasher.HASH_SIZE;

  private final Path file;
  private final FileChannel channel;
  private final long droppedTailBytes;
  private volatile long count;

  private TileStore(Path file, FileChannel channel, long count, long droppedTailBytes) {
    this.file = file;
    this.channel = channel;
    this.count = count;
    this.droppedTailBytes = droppedTailBytes;
  }

  /**
   * Opens or creates a tile file. A partial entry at the end (a torn write) is cut off; see
   * {@link #droppedTailBytes()}.
   */
  public static TileStore open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    try {
      long bytes = ch.size();
      long torn = bytes % H;
      if (torn != 0) {
        ch.truncate(bytes - torn);
        ch.force(true);
      }
      return new TileStore(file, ch, bytes / H, torn);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** How many tiles the file holds. */
  public long count() {
    return count;
  }

  /** How many bytes of a torn last entry were cut off when the file was opened. */
  public long droppedTailBytes() {
    return droppedTailBytes;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** Appends the hash of tile {@link #count()}. Not durable until {@link #force()}. */
  public void append(byte[] tileHash) throws IOException {
    MerkleHasher.checkHash(tileHash, "tileHash");
    long n = count;
    ByteBuffer buf = ByteBuffer.wrap(tileHash);
    long pos = n * H;
    while (buf.hasRemaining()) {
      pos += channel.write(buf, pos);
    }
    count = n + 1;
  }

  /** Flushes appended tiles to the device. */
  public void force() throws IOException {
    channel.force(false);
  }

  /** The hash of tile {@code index}. */
  public byte[] get(long index) throws IOException {
    byte[] out = new byte[H];
    read(index, 1, out);
    return out;
  }

  /** Reads {@code n} consecutive tile hashes from {@code from} into {@code dst} (32·n bytes). */
  public void read(long from, int n, byte[] dst) throws IOException {
    Objects.requireNonNull(dst, "dst");
    if (from < 0 || n < 0 || from > count - n) {
      throw new IndexOutOfBoundsException(
          "tiles [" + from + ", " + (from + n) + ") outside [0, " + count + ")");
    }
    if (dst.length < n * H) {
      throw new IllegalArgumentException("buffer too small for " + n + " hashes");
    }
    ByteBuffer buf = ByteBuffer.wrap(dst, 0, n * H);
    long pos = from * H;
    while (buf.hasRemaining()) {
      int r = channel.read(buf, pos);
      if (r < 0) {
        throw new EOFException("tile file " + file + " ends before tile " + (pos / H));
      }
      pos += r;
    }
  }

  /** Keeps only the first {@code newCount} tiles (for recovery), durably. */
  public void truncate(long newCount) throws IOException {
    if (newCount < 0 || newCount > count) {
      throw new IllegalArgumentException(
          "cannot truncate " + count + " tiles to " + newCount);
    }
    channel.truncate(newCount * H);
    channel.force(true);
    count = newCount;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
