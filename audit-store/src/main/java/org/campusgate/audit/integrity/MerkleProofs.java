package org.campusgate.audit.integrity;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Root hashes, inclusion proofs (RFC 6962 §2.1.1 PATH) and consistency proofs (§2.1.2 PROOF)
 * over a {@link NodeSource}, and their verification (RFC 9162 §2.1.3.2 and §2.1.4.2). Proofs
 * list hashes from the bottom of the tree up.
 *
 * <p>The verifiers never throw on a bad proof: they return false for wrong hashes, proofs of
 * the wrong length, malformed sizes or indexes, null or non-32-byte hashes.
 */
public final class MerkleProofs {

  private MerkleProofs() {}

  /** The Merkle tree hash of the first {@code size} leaves. */
  public static byte[] rootHash(long size, NodeSource source) {
    Objects.requireNonNull(source, "source");
    if (size < 0) {
      throw new IllegalArgumentException("negative tree size " + size);
    }
    return size == 0 ? MerkleHasher.emptyRoot() : source.subtreeHash(0, size);
  }

  /** The audit path of leaf {@code index} in the tree of the first {@code size} leaves. */
  public static List<byte[]> inclusionProof(long index, long size, NodeSource source) {
    Objects.requireNonNull(source, "source");
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not in a tree of size " + size);
    }
    List<byte[]> path = new ArrayList<>();
    long start = 0;
    long end = size;
    long m = index;
    // Walk down from the root, collecting the sibling of each subtree holding the leaf.
    while (end - start > 1) {
      long k = Long.highestOneBit(end - start - 1);
      if (m < k) {
        path.add(source.subtreeHash(start + k, end));
        end = start + k;
      } else {
        path.add(source.subtreeHash(start, start + k));
        m -= k;
        start += k;
      }
    }
    Collections.reverse(path);
    return path;
  }

  /**
   * The proof that the tree of the first {@code m} leaves is a prefix of the tree of the first
   * {@code n}; empty when {@code m == 0} or {@code m == n}.
   */
  public static List<byte[]> consistencyProof(long m, long n, NodeSource source) {
    Objects.requireNonNull(source, "source");
    if (m < 0 || m > n) {
      throw new IllegalArgumentException("no consistency proof from size " + m + " to " + n);
    }
    List<byte[]> proof = new ArrayList<>();
    if (m == 0 || m == n) {
      return proof;
    }
    long start = 0;
    long end = n;
    long mm = m;
    boolean whole = true; // SUBPROOF's b: is the old tree's root still the original one?
    while (true) {
      if (mm == end - start) {
        if (!whole) {
          proof.add(source.subtreeHash(start, end));
        }
        break;
      }
      long k = Long.highestOneBit(end - start - 1);
      if (mm <= k) {
        proof.add(source.subtreeHash(start + k, end));
        end = start + k;
      } else {
        proof.add(source.subtreeHash(start, start + k));
        mm -= k;
        start += k;
        whole = false;
      }
    }
    Collections.reverse(proof);
    return proof;
  }

  /**
   * Whether {@code proof} shows {@code leafHash} at {@code leafIndex} in the tree of
   * {@code treeSize} leaves with {@code root}.
   */
  public static boolean verifyInclusion(long leafIndex, long treeSize, byte[] leafHash,
      List<byte[]> proof, byte[] root) {
    if (leafIndex < 0 || leafIndex >= treeSize || !isHash(leafHash) || !isHash(root)
        || !allHashes(proof)) {
      return false;
    }
    MerkleHasher hasher = new MerkleHasher();
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = hasher.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = hasher.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(r, root);
  }

  /**
   * Whether {@code proof} shows the tree of size {@code m} with {@code rootM} to be a prefix of
   * the tree of size {@code n} with {@code rootN}. For {@code m == n} the proof must be empty and
   * the roots equal; for {@code m == 0} the proof must be empty and {@code rootM} the empty tree
   * hash.
   */
  public static boolean verifyConsistency(long m, long n, byte[] rootM, byte[] rootN,
      List<byte[]> proof) {
    if (m < 0 || m > n || !isHash(rootM) || !isHash(rootN) || !allHashes(proof)) {
      return false;
    }
    if (m == n) {
      return proof.isEmpty() && MessageDigest.isEqual(rootM, rootN);
    }
    if (m == 0) {
      return proof.isEmpty() && MessageDigest.isEqual(rootM, MerkleHasher.emptyRoot());
    }
    if (proof.isEmpty()) {
      return false;
    }
    List<byte[]> path = proof;
    if (Long.bitCount(m) == 1) {
      path = new ArrayList<>(proof.size() + 1);
      path.add(rootM);
      path.addAll(proof);
    }
    MerkleHasher hasher = new MerkleHasher();
    long fn = m - 1;
    long sn = n - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = path.get(0);
    byte[] sr = path.get(0);
    for (int i = 1; i < path.size(); i++) {
      byte[] c = path.get(i);
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = hasher.nodeHash(c, fr);
        sr = hasher.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = hasher.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 && MessageDigest.isEqual(fr, rootM) && MessageDigest.isEqual(sr, rootN);
  }

  private static boolean isHash(byte[] h) {
    return h != null && h.length == MerkleHasher.HASH_SIZE;
  }

  private static boolean allHashes(List<byte[]> proof) {
    if (proof == null) {
      return false;
    }
    for (byte[] h : proof) {
      if (!isHash(h)) {
        return false;
      }
    }
    return true;
  }
}
