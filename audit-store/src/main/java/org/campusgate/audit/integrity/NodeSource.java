package org.campusgate.audit.integrity;

/**
 * Where proofs and roots get the hashes of a tree's leaves and subtrees. Implementations may
 * answer some subtrees faster than from leaves (see {@link TiledNodeSource}).
 */
public interface NodeSource {

  /** The leaf hash at {@code index}. */
  byte[] leafHash(long index);

  /**
   * The Merkle tree hash of the leaves {@code [start, end)}, {@code start < end}. The default
   * computes it from {@link #leafHash} with O(log n) memory.
   */
  default byte[] subtreeHash(long start, long end) {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad leaf range [" + start + ", " + end + ")");
    }
    CompactRange range = new CompactRange(new MerkleHasher());
    for (long i = start; i < end; i++) {
      range.append(leafHash(i));
    }
    return range.root();
  }
}
