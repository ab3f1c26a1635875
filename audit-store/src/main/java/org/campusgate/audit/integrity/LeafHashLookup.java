package org.campusgate.audit.integrity;

/** What the store provides so that a {@link TiledNodeSource} can read leaf hashes. */
@FunctionalInterface
public interface LeafHashLookup {

  /**
   * The leaf hashes of {@code [from, to)}, a range inside one tile of
   * {@value TileStore#LEAVES_PER_TILE} leaves, in order.
   */
  byte[][] leafHashes(long from, long to);
}
