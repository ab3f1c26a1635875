package org.campusgate.audit.integrity;

import java.io.IOException;
import java.util.Objects;

/**
 * Extends a tree's {@link CompactRange} leaf by leaf and hands back each tile hash as its
 * 1024th leaf arrives, at no extra hashing cost (the tile root is a node the compact range
 * computes anyway). The store appends the returned hashes to its {@link TileStore}.
 *
 * <p>Not thread-safe, like the range it extends.
 */
public final class TileBuilder {

  private final CompactRange range;
  private byte[] completedTile;

  /** A builder extending {@code range}, which must cover exactly the leaves seen so far. */
  public TileBuilder(CompactRange range) {
    this.range = Objects.requireNonNull(range, "range");
  }

  /**
   * Appends the next leaf.
   *
   * @return the hash of the tile this leaf completes, or null when it completes none
   */
  public byte[] append(byte[] leafHash) {
    completedTile = null;
    range.append(leafHash, this::onCompleted);
    byte[] tile = completedTile;
    completedTile = null;
    return tile == null ? null : tile.clone();
  }

  /** The range this builder extends. */
  public CompactRange range() {
    return range;
  }

  private void onCompleted(int level, long index, byte[] hash) {
    if (level == TileStore.TILE_HEIGHT) {
      completedTile = hash;
    }
  }

  /**
   * Brings a tile file in line with a tree of {@code treeSize} leaves after a crash or a
   * journal truncation: drops tiles beyond the tree's complete tiles and computes missing ones
   * from leaf hashes. Does not force the file.
   *
   * @return how many tiles were appended (negative: how many were dropped)
   */
  public static long catchUp(TileStore tiles, long treeSize, LeafHashLookup leaves,
      MerkleHasher hasher) throws IOException {
    Objects.requireNonNull(tiles, "tiles");
    Objects.requireNonNull(leaves, "leaves");
    Objects.requireNonNull(hasher, "hasher");
    if (treeSize < 0) {
      throw new IllegalArgumentException("negative tree size " + treeSize);
    }
    long complete = treeSize / TileStore.LEAVES_PER_TILE;
    long had = tiles.count();
    if (had > complete) {
      tiles.truncate(complete);
      return complete - had;
    }
    for (long i = had; i < complete; i++) {
      long from = i * TileStore.LEAVES_PER_TILE;
      byte[][] hashes = leaves.leafHashes(from, from + TileStore.LEAVES_PER_TILE);
      if (hashes.length != TileStore.LEAVES_PER_TILE) {
        throw new IllegalStateException("leaf lookup returned " + hashes.length
            + " hashes for tile " + i);
      }
      CompactRange tile = new CompactRange(hasher);
      for (byte[] h : hashes) {
        tile.append(h);
      }
      tiles.append(tile.root());
    }
    return complete - had;
  }
}
