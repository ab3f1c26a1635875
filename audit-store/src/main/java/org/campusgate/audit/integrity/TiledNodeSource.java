package org.campusgate.audit.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A {@link NodeSource} that takes the hashes of whole 1024-leaf tiles from a {@link TileStore}
 * and computes only the rest from leaf hashes. Any root or proof then needs at most about two
 * tiles' worth of leaf hashes: the partial tile at the right edge and the proven leaf's tile.
 *
 * <p>Not thread-safe (it owns a {@link MerkleHasher}); create one per thread, they are cheap.
 * I/O failures surface as {@link UncheckedIOException}.
 */
public final class TiledNodeSource implements NodeSource {

  private static final int T = TileStore.LEAVES_PER_TILE;
  private static final int CHUNK_TILES = 1024; // bounded read buffer: 32 KiB

  private final TileStore tiles;
  private final LeafHashLookup leaves;
  private final MerkleHasher hasher = new MerkleHasher();

  public TiledNodeSource(TileStore tiles, LeafHashLookup leaves) {
    this.tiles = Objects.requireNonNull(tiles, "tiles");
    this.leaves = Objects.requireNonNull(leaves, "leaves");
  }

  @Override
  public byte[] leafHash(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("negative leaf index " + index);
    }
    byte[][] one = leaves.leafHashes(index, index + 1);
    if (one.length != 1) {
      throw new IllegalStateException("leaf lookup returned " + one.length + " hashes for one");
    }
    return one[0].clone();
  }

  @Override
  public byte[] subtreeHash(long start, long end) {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad leaf range [" + start + ", " + end + ")");
    }
    try {
      return hash(start, end);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tile file " + tiles.file(), e);
    }
  }

  private byte[] hash(long start, long end) throws IOException {
    long n = end - start;
    if (start % T == 0 && n % T == 0 && end / T <= tiles.count()) {
      return tilesRoot(start / T, end / T);
    }
    if (start / T == (end - 1) / T) {
      return fromLeaves(start, end);
    }
    // MTH(D[start:end]) splits at the largest power of two below n (RFC 6962 §2.1).
    long k = Long.highestOneBit(n - 1);
    return hasher.nodeHash(hash(start, start + k), hash(start + k, end));
  }

  /** The Merkle hash over whole tiles {@code [from, to)}, their hashes taken as leaves. */
  private byte[] tilesRoot(long from, long to) throws IOException {
    if (to - from == 1) {
      return tiles.get(from);
    }
    CompactRange range = new CompactRange(hasher);
    byte[] buf = new byte[CHUNK_TILES * MerkleHasher.HASH_SIZE];
    byte[] one = new byte[MerkleHasher.HASH_SIZE];
    for (long i = from; i < to; ) {
      int n = (int) Math.min(CHUNK_TILES, to - i);
      tiles.read(i, n, buf);
      for (int j = 0; j < n; j++) {
        System.arraycopy(buf, j * MerkleHasher.HASH_SIZE, one, 0, one.length);
        range.append(one); // append copies its argument
      }
      i += n;
    }
    return range.root();
  }

  private byte[] fromLeaves(long start, long end) {
    byte[][] hashes = leaves.leafHashes(start, end);
    if (hashes.length != end - start) {
      throw new IllegalStateException("leaf lookup returned " + hashes.length
          + " hashes for [" + start + ", " + end + ")");
    }
    if (hashes.length == 1) {
      MerkleHasher.checkHash(hashes[0], "leaf hash");
      return hashes[0].clone();
    }
    CompactRange range = new CompactRange(hasher);
    for (byte[] h : hashes) {
      range.append(h);
    }
    return range.root();
  }
}
