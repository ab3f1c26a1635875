package org.campusgate.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MerkleProofsTest {

  private static final HexFormat HEX = HexFormat.of();

  // RFC 6962 test vectors as published with the Certificate Transparency / transparency-dev
  // Merkle libraries (leaf inputs, roots for sizes 1..8, proofs).
  private static final List<byte[]> VECTOR_LEAVES = List.of(hex(""), hex("00"), hex("10"),
      hex("2021"), hex("3031"), hex("40414243"), hex("5051525354555657"),
      hex("606162636465666768696a6b6c6d6e6f"));
  private static final String[] VECTOR_ROOTS = {
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

  private static byte[] hex(String s) {
    return HEX.parseHex(s);
  }

  private static List<String> hexList(List<byte[]> l) {
    return l.stream().map(HEX::formatHex).toList();
  }

  @Test
  void rootsMatchTheRfc6962TestVectors() {
    NodeSource source = NaiveMerkle.source(VECTOR_LEAVES);
    CompactRange range = new CompactRange(new MerkleHasher());
    for (int size = 0; size <= 8; size++) {
      assertThat(HEX.formatHex(MerkleProofs.rootHash(size, source))).isEqualTo(VECTOR_ROOTS[size]);
      assertThat(HEX.formatHex(range.root())).isEqualTo(VECTOR_ROOTS[size]);
      if (size < 8) {
        range.append(new MerkleHasher().leafHash(VECTOR_LEAVES.get(size)));
      }
    }
  }

  @Test
  void inclusionProofsMatchTheTestVectors() {
    NodeSource source = NaiveMerkle.source(VECTOR_LEAVES);
    checkInclusionVector(source, 0, 8,
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    checkInclusionVector(source, 5, 8,
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    checkInclusionVector(source, 2, 3,
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125");
    checkInclusionVector(source, 1, 5,
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    checkInclusionVector(source, 0, 1);
  }

  private static void checkInclusionVector(NodeSource source, long index, long size,
      String... expected) {
    List<byte[]> proof = MerkleProofs.inclusionProof(index, size, source);
    assertThat(hexList(proof)).containsExactly(expected);
    assertThat(MerkleProofs.verifyInclusion(index, size, source.leafHash(index), proof,
        hex(VECTOR_ROOTS[(int) size]))).isTrue();
  }

  @Test
  void consistencyProofsMatchTheTestVectors() {
    NodeSource source = NaiveMerkle.source(VECTOR_LEAVES);
    checkConsistencyVector(source, 1, 8,
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4");
    checkConsistencyVector(source, 6, 8,
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7");
    checkConsistencyVector(source, 2, 5,
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b");
    checkConsistencyVector(source, 1, 1);
  }

  private static void checkConsistencyVector(NodeSource source, long m, long n,
      String... expected) {
    List<byte[]> proof = MerkleProofs.consistencyProof(m, n, source);
    assertThat(hexList(proof)).containsExactly(expected);
    assertThat(MerkleProofs.verifyConsistency(m, n, hex(VECTOR_ROOTS[(int) m]),
        hex(VECTOR_ROOTS[(int) n]), proof)).isTrue();
  }

  @Test
  void rootHashMatchesNaiveDefinitionForSmallAndRandomSizes() {
    List<Integer> sizes = new ArrayList<>();
    for (int n = 0; n <= 70; n++) {
      sizes.add(n);
    }
    Random random = new Random(42);
    for (int i = 0; i < 5; i++) {
      sizes.add(71 + random.nextInt(3000));
    }
    List<byte[]> all = NaiveMerkle.data(3100);
    for (int n : sizes) {
      List<byte[]> d = all.subList(0, n);
      assertThat(MerkleProofs.rootHash(n, NaiveMerkle.source(d)))
          .as("size %d", n).isEqualTo(NaiveMerkle.mth(d));
    }
  }

  @Test
  void everyInclusionProofMatchesPathAndVerifiesAndTamperingFails() {
    List<byte[]> all = NaiveMerkle.data(40);
    for (int n = 1; n <= 40; n++) {
      List<byte[]> d = all.subList(0, n);
      NodeSource source = NaiveMerkle.source(d);
      byte[] root = NaiveMerkle.mth(d);
      for (int i = 0; i < n; i++) {
        List<byte[]> proof = MerkleProofs.inclusionProof(i, n, source);
        assertThat(hexList(proof)).as("PATH(%d, D[%d])", i, n)
            .isEqualTo(hexList(NaiveMerkle.path(i, d)));
        byte[] leaf = NaiveMerkle.leaf(d.get(i));
        assertThat(MerkleProofs.verifyInclusion(i, n, leaf, proof, root)).isTrue();
        assertInclusionTamperingFails(i, n, leaf, proof, root);
      }
    }
  }

  private static void assertInclusionTamperingFails(int i, int n, byte[] leaf,
      List<byte[]> proof, byte[] root) {
    for (int e = 0; e < proof.size(); e++) {
      for (int b = 0; b < 32; b++) {
        List<byte[]> bad = copy(proof);
        bad.get(e)[b] ^= 1;
        assertThat(MerkleProofs.verifyInclusion(i, n, leaf, bad, root)).isFalse();
      }
    }
    for (int b = 0; b < 32; b++) {
      assertThat(MerkleProofs.verifyInclusion(i, n, flip(leaf, b), proof, root)).isFalse();
      assertThat(MerkleProofs.verifyInclusion(i, n, leaf, proof, flip(root, b))).isFalse();
    }
    for (int other = -1; other <= n; other++) {
      if (other != i) {
        assertThat(MerkleProofs.verifyInclusion(other, n, leaf, proof, root))
            .as("index %d instead of %d in size %d", other, i, n).isFalse();
      }
    }
    // A different size can only be accepted when the proof has exactly the same shape: the
    // root alone binds the size, which is why checkpoints sign size and root together.
    for (int other : new int[] {0, n - 1, n + 1, 2 * n, n / 2, n + 7}) {
      if (other != n) {
        boolean sameShape = i < other
            && NaiveMerkle.pathShape(i, other).equals(NaiveMerkle.pathShape(i, n));
        assertThat(MerkleProofs.verifyInclusion(i, other, leaf, proof, root))
            .as("size %d instead of %d, index %d", other, n, i).isEqualTo(sameShape);
      }
    }
    if (!proof.isEmpty()) {
      List<byte[]> shorter = copy(proof.subList(0, proof.size() - 1));
      assertThat(MerkleProofs.verifyInclusion(i, n, leaf, shorter, root)).isFalse();
    }
    List<byte[]> longer = copy(proof);
    longer.add(root);
    assertThat(MerkleProofs.verifyInclusion(i, n, leaf, longer, root)).isFalse();
  }

  @Test
  void everyConsistencyProofMatchesProofAndVerifiesAndTamperingFails() {
    List<byte[]> all = NaiveMerkle.data(40);
    byte[][] roots = new byte[41][];
    for (int n = 0; n <= 40; n++) {
      roots[n] = NaiveMerkle.mth(all.subList(0, n));
    }
    for (int n = 1; n <= 40; n++) {
      NodeSource source = NaiveMerkle.source(all.subList(0, n));
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = MerkleProofs.consistencyProof(m, n, source);
        if (m < n) {
          assertThat(hexList(proof)).as("PROOF(%d, D[%d])", m, n)
              .isEqualTo(hexList(NaiveMerkle.proof(m, all.subList(0, n))));
        } else {
          assertThat(proof).isEmpty();
        }
        assertThat(MerkleProofs.verifyConsistency(m, n, roots[m], roots[n], proof)).isTrue();
        if (m == n) {
          continue;
        }
        for (int e = 0; e < proof.size(); e++) {
          for (int b = 0; b < 32; b++) {
            List<byte[]> bad = copy(proof);
            bad.get(e)[b] ^= 1;
            assertThat(MerkleProofs.verifyConsistency(m, n, roots[m], roots[n], bad)).isFalse();
          }
        }
        for (int b = 0; b < 32; b++) {
          assertThat(MerkleProofs.verifyConsistency(m, n, flip(roots[m], b), roots[n], proof))
              .isFalse();
          assertThat(MerkleProofs.verifyConsistency(m, n, roots[m], flip(roots[n], b), proof))
              .isFalse();
        }
        for (int other = 0; other <= n; other++) {
          if (other != m) {
            assertThat(MerkleProofs.verifyConsistency(other, n, roots[m], roots[n], proof))
                .as("m=%d instead of %d, n=%d", other, m, n).isFalse();
          }
        }
        assertThat(MerkleProofs.verifyConsistency(m, n, roots[n], roots[m], proof)).isFalse();
        assertThat(MerkleProofs.verifyConsistency(m, n, roots[m], roots[n], List.of())).isFalse();
        List<byte[]> shorter = copy(proof.subList(0, proof.size() - 1));
        assertThat(MerkleProofs.verifyConsistency(m, n, roots[m], roots[n], shorter)).isFalse();
        List<byte[]> longer = copy(proof);
        longer.add(roots[n]);
        assertThat(MerkleProofs.verifyConsistency(m, n, roots[m], roots[n], longer)).isFalse();
      }
    }
  }

  @Test
  void verifiersRejectMalformedInputsWithoutThrowing() {
    byte[] h = new byte[32];
    byte[] empty = MerkleHasher.emptyRoot();
    assertThat(MerkleProofs.verifyInclusion(0, 0, h, List.of(), h)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(-1, 5, h, List.of(), h)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(5, 5, h, List.of(), h)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(0, 1, h, List.of(), new byte[31])).isFalse();
    assertThat(MerkleProofs.verifyInclusion(0, 1, null, List.of(), h)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(0, 1, h, null, h)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(0, 2, h, List.of(new byte[3]), h)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(0, 1, h, List.of(), h)).isTrue();
    assertThat(MerkleProofs.verifyConsistency(2, 1, h, h, List.of())).isFalse();
    assertThat(MerkleProofs.verifyConsistency(-1, 1, h, h, List.of())).isFalse();
    assertThat(MerkleProofs.verifyConsistency(0, 0, empty, empty, List.of())).isTrue();
    assertThat(MerkleProofs.verifyConsistency(0, 5, empty, h, List.of())).isTrue();
    assertThat(MerkleProofs.verifyConsistency(0, 5, h, h, List.of())).isFalse();
    assertThat(MerkleProofs.verifyConsistency(3, 3, h, h, List.of(h))).isFalse();
    assertThat(MerkleProofs.verifyConsistency(3, 3, h, empty, List.of())).isFalse();
    assertThat(MerkleProofs.verifyConsistency(1, Long.MAX_VALUE, h, h, List.of(h, h))).isFalse();
  }

  @Test
  void proofGeneratorsRejectBadArguments() {
    NodeSource source = NaiveMerkle.source(NaiveMerkle.data(4));
    assertThatThrownBy(() -> MerkleProofs.inclusionProof(4, 4, source))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in a tree");
    assertThatThrownBy(() -> MerkleProofs.consistencyProof(5, 4, source))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleProofs.rootHash(-1, source))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(MerkleProofs.consistencyProof(0, 4, source)).isEmpty();
  }

  static List<byte[]> copy(List<byte[]> proof) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] h : proof) {
      out.add(h.clone());
    }
    return out;
  }

  static byte[] flip(byte[] h, int b) {
    byte[] c = h.clone();
    c[b] ^= 1;
    return c;
  }
}
