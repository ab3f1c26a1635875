package org.campusgate.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileStoreTest {

  private static final int T = TileStore.LEAVES_PER_TILE;

  @TempDir Path dir;

  private final MerkleHasher hasher = new MerkleHasher();

  /** Leaf hashes of a test tree, plus a lookup that counts how many it was asked for. */
  private static final class Leaves implements LeafHashLookup {
    final List<byte[]> hashes = new ArrayList<>();
    final AtomicLong served = new AtomicLong();

    Leaves(int n) {
      MerkleHasher h = new MerkleHasher();
      for (byte[] d : NaiveMerkle.data(n)) {
        hashes.add(h.leafHash(d));
      }
    }

    @Override
    public byte[][] leafHashes(long from, long to) {
      assertThat(from / T).as("range [%d, %d) inside one tile", from, to).isEqualTo((to - 1) / T);
      served.addAndGet(to - from);
      return hashes.subList((int) from, (int) to).toArray(byte[][]::new);
    }

    NodeSource plain() {
      return index -> hashes.get((int) index);
    }
  }

  @Test
  void builderEmitsOneTilePer1024LeavesAndTiledSourceAgreesWithNaive() throws IOException {
    int n = 5 * T + 300;
    Leaves leaves = new Leaves(n);
    try (TileStore tiles = TileStore.open(dir.resolve("tiles"))) {
      TileBuilder builder = new TileBuilder(new CompactRange(hasher));
      for (int i = 0; i < n; i++) {
        byte[] tile = builder.append(leaves.hashes.get(i));
        assertThat(tile != null).isEqualTo((i + 1) % T == 0);
        if (tile != null) {
          tiles.append(tile);
        }
      }
      tiles.force();
      assertThat(tiles.count()).isEqualTo(5);
      assertThat(tiles.get(2)).isEqualTo(leaves.plain().subtreeHash(2 * T, 3 * T));
      assertThat(builder.range().root()).isEqualTo(leaves.plain().subtreeHash(0, n));

      TiledNodeSource tiled = new TiledNodeSource(tiles, leaves);
      for (long size : new long[] {1, 2, 1023, 1024, 1025, 2048, 3000, 4096, 4097, n}) {
        leaves.served.set(0);
        assertThat(MerkleProofs.rootHash(size, tiled)).as("root at %d", size)
            .isEqualTo(MerkleProofs.rootHash(size, leaves.plain()));
        assertThat(leaves.served.get()).isLessThanOrEqualTo(T);
      }
      for (long[] p : new long[][] {{0, n}, {1500, n}, {4100, 4500}, {n - 1, n}, {5, 2049}}) {
        leaves.served.set(0);
        assertThat(hex(MerkleProofs.inclusionProof(p[0], p[1], tiled)))
            .isEqualTo(hex(MerkleProofs.inclusionProof(p[0], p[1], leaves.plain())));
        assertThat(leaves.served.get()).isLessThanOrEqualTo(2L * T);
      }
      for (long[] p : new long[][] {{1, n}, {1024, n}, {3000, 5000}, {2048, 4096}, {7, 9}}) {
        leaves.served.set(0);
        assertThat(hex(MerkleProofs.consistencyProof(p[0], p[1], tiled)))
            .isEqualTo(hex(MerkleProofs.consistencyProof(p[0], p[1], leaves.plain())));
        assertThat(leaves.served.get()).isLessThanOrEqualTo(2L * T);
      }
      // Arbitrary (unaligned) ranges too.
      assertThat(tiled.subtreeHash(1000, 3100)).isEqualTo(leaves.plain().subtreeHash(1000, 3100));
      assertThat(CompactRange.fromSource(hasher, n, tiled)).isEqualTo(builder.range());
    }
  }

  @Test
  void reopensAndDropsATornLastEntry() throws IOException {
    Path file = dir.resolve("tiles");
    byte[] a = filled(1);
    byte[] b = filled(2);
    try (TileStore tiles = TileStore.open(file)) {
      tiles.append(a);
      tiles.append(b);
      tiles.force();
    }
    Files.write(file, new byte[] {9, 9, 9}, StandardOpenOption.APPEND);
    try (TileStore tiles = TileStore.open(file)) {
      assertThat(tiles.droppedTailBytes()).isEqualTo(3);
      assertThat(tiles.count()).isEqualTo(2);
      assertThat(tiles.get(1)).isEqualTo(b);
      tiles.truncate(1);
      assertThat(tiles.count()).isEqualTo(1);
      assertThatThrownBy(() -> tiles.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
    assertThat(Files.size(file)).isEqualTo(32);
  }

  @Test
  void catchUpRepairsTilesFromLeaves() throws IOException {
    int n = 3 * T + 5;
    Leaves leaves = new Leaves(n);
    try (TileStore tiles = TileStore.open(dir.resolve("tiles"))) {
      tiles.append(leaves.plain().subtreeHash(0, T));
      assertThat(TileBuilder.catchUp(tiles, n, leaves, hasher)).isEqualTo(2);
      assertThat(tiles.count()).isEqualTo(3);
      assertThat(tiles.get(2)).isEqualTo(leaves.plain().subtreeHash(2 * T, 3 * T));
      // The journal lost records: tiles beyond the tree go.
      assertThat(TileBuilder.catchUp(tiles, T + 3, leaves, hasher)).isEqualTo(-2);
      assertThat(tiles.count()).isEqualTo(1);
    }
  }

  @Test
  void tiledSourceFallsBackToLeavesWhenTilesLag() throws IOException {
    int n = 3 * T;
    Leaves leaves = new Leaves(n);
    try (TileStore tiles = TileStore.open(dir.resolve("tiles"))) {
      tiles.append(leaves.plain().subtreeHash(0, T)); // tiles 1 and 2 not written yet
      TiledNodeSource tiled = new TiledNodeSource(tiles, leaves);
      assertThat(MerkleProofs.rootHash(n, tiled)).isEqualTo(MerkleProofs.rootHash(n,
          leaves.plain()));
    }
  }

  private static byte[] filled(int v) {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) v);
    return b;
  }

  private static List<String> hex(List<byte[]> l) {
    return l.stream().map(java.util.HexFormat.of()::formatHex).toList();
  }
}
