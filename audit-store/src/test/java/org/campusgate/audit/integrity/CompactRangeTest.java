package org.campusgate.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompactRangeTest {

  private final MerkleHasher hasher = new MerkleHasher();

  @Test
  void rootEqualsNaiveRootAtEverySize() {
    List<byte[]> d = NaiveMerkle.data(300);
    CompactRange range = new CompactRange(hasher);
    assertThat(range.root()).isEqualTo(MerkleHasher.emptyRoot());
    for (int n = 1; n <= d.size(); n++) {
      range.append(hasher.leafHash(d.get(n - 1)));
      assertThat(range.size()).isEqualTo(n);
      assertThat(range.hashes()).hasSize(Long.bitCount(n));
      assertThat(range.root()).as("size %d", n).isEqualTo(NaiveMerkle.mth(d.subList(0, n)));
    }
  }

  @Test
  void serialisedStateRestoresAnEqualRangeThatKeepsGrowingIdentically() {
    List<byte[]> d = NaiveMerkle.data(100);
    CompactRange range = new CompactRange(hasher);
    for (int i = 0; i < 77; i++) {
      range.append(hasher.leafHash(d.get(i)));
    }
    CompactRange restored = CompactRange.fromBytes(new MerkleHasher(), range.toBytes());
    CompactRange fromList = CompactRange.restore(new MerkleHasher(), 77, range.hashes());
    assertThat(restored).isEqualTo(range).isEqualTo(fromList);
    for (int i = 77; i < 100; i++) {
      restored.append(hasher.leafHash(d.get(i)));
    }
    assertThat(restored.root()).isEqualTo(NaiveMerkle.mth(d));
  }

  @Test
  void copyIsIndependent() {
    CompactRange range = new CompactRange(hasher);
    range.append(hasher.leafHash(new byte[] {1}));
    CompactRange copy = range.copy(new MerkleHasher());
    copy.append(hasher.leafHash(new byte[] {2}));
    assertThat(range.size()).isEqualTo(1);
    assertThat(copy.size()).isEqualTo(2);
    assertThat(range.root()).isEqualTo(hasher.leafHash(new byte[] {1}));
  }

  @Test
  void rebuildsFromANodeSource() {
    List<byte[]> d = NaiveMerkle.data(45);
    CompactRange built = CompactRange.fromSource(hasher, 45, NaiveMerkle.source(d));
    assertThat(built.root()).isEqualTo(NaiveMerkle.mth(d));
  }

  @Test
  void visitorSeesEveryCompletedSubtree() {
    CompactRange range = new CompactRange(hasher);
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      range.append(hasher.leafHash(new byte[] {(byte) i}),
          (level, index, hash) -> seen.add(level + ":" + index));
    }
    assertThat(seen).containsExactly("1:0", "1:1", "2:0", "1:2", "1:3", "2:1", "3:0");
  }

  @Test
  void rejectsInconsistentState() {
    assertThatThrownBy(() -> CompactRange.restore(hasher, 3, List.of(new byte[32])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 2 hashes, not 1");
    assertThatThrownBy(() -> CompactRange.fromBytes(hasher, new byte[] {1, 0, 0, 0, 0, 0, 0, 0,
        1})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 32");
    assertThatThrownBy(() -> CompactRange.fromBytes(hasher, new byte[] {9}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CompactRange(hasher).append(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32-byte");
  }
}
