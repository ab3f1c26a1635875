package org.campusgate.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * A tree head: the Merkle root (RFC 6962) over the first {@code treeSize} journal records of a
 * log. Signed, it commits the gateway to that history; see {@link SignedCheckpoint}.
 *
 * @param origin the log's name, unique per gateway (e.g. {@code campusgate/school-1/gw-1})
 * @param treeSize how many records the tree covers
 * @param rootHash the 32-byte Merkle tree hash
 * @param time when the checkpoint was made
 */
public record Checkpoint(String origin, long treeSize, byte[] rootHash, Instant time) {
  public Checkpoint {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(rootHash, "rootHash");
    Objects.requireNonNull(time, "time");
    if (treeSize < 0) {
      throw new IllegalArgumentException("negative tree size");
    }
    if (rootHash.length != 32) {
      throw new IllegalArgumentException("a root hash has 32 bytes, not " + rootHash.length);
    }
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && origin.equals(c.origin)
        && treeSize == c.treeSize
        && java.util.Arrays.equals(rootHash, c.rootHash)
        && time.equals(c.time);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, treeSize, java.util.Arrays.hashCode(rootHash), time);
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + " size=" + treeSize + " root="
        + java.util.HexFormat.of().formatHex(rootHash) + " time=" + time + "]";
  }
}
