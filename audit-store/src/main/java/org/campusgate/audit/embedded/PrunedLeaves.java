package org.campusgate.audit.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.campusgate.audit.integrity.MerkleHasher;
import org.campusgate.audit.integrity.TileStore;

/**
 * The leaf hashes of the records retention removed from the tile the journal now starts in.
 * Complete tiles before it are in the tile file; these few (at most 1023) are what proofs and
 * roots over the remaining history still need from the removed part.
 *
 * <p>File: u64 first seq, then 32-byte hashes of consecutive leaves. Immutable once loaded.
 */
final class PrunedLeaves {
  private static final PrunedLeaves NONE = new PrunedLeaves(0, new byte[0][]);

  private final long first;
  private final byte[][] hashes;

  private PrunedLeaves(long first, byte[][] hashes) {
    this.first = first;
    this.hashes = hashes;
  }

  static PrunedLeaves none() {
    return NONE;
  }

  /** The first leaf whose hash can still be had: the start of the journal's first tile. */
  long first() {
    return first;
  }

  static PrunedLeaves load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return NONE;
    }
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file));
    if (buf.remaining() < 8 || (buf.remaining() - 8) % MerkleHasher.HASH_SIZE != 0
        || (buf.remaining() - 8) / MerkleHasher.HASH_SIZE >= TileStore.LEAVES_PER_TILE) {
      throw new IOException(file + " is damaged (" + buf.remaining() + " bytes)");
    }
    long first = buf.getLong();
    byte[][] hashes = new byte[buf.remaining() / MerkleHasher.HASH_SIZE][];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = new byte[MerkleHasher.HASH_SIZE];
      buf.get(hashes[i]);
    }
    return new PrunedLeaves(first, hashes);
  }

  /** Writes the leaves of [tile start of {@code end}, {@code end}) atomically. */
  static PrunedLeaves save(Path file, long end, JournalLeaves leaves) throws IOException {
    long first = end - end % TileStore.LEAVES_PER_TILE;
    byte[][] hashes = first == end ? new byte[0][] : leaves.leafHashes(first, end);
    ByteBuffer buf = ByteBuffer.allocate(8 + hashes.length * MerkleHasher.HASH_SIZE);
    buf.putLong(first);
    for (byte[] h : hashes) {
      buf.put(h);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, buf.array());
    try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return new PrunedLeaves(first, hashes);
  }

  /** The hash of leaf {@code seq}, or null when it is not one of these. */
  byte[] get(long seq) {
    long i = seq - first;
    return i >= 0 && i < hashes.length ? hashes[(int) i] : null;
  }
}
