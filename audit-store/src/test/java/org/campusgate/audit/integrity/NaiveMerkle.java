package org.campusgate.audit.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** The RFC 6962 §2.1 definitions written down literally (recursive), to check the real code. */
final class NaiveMerkle {

  private NaiveMerkle() {}

  static byte[] sha256(byte[]... parts) {
    MessageDigest d = MerkleHasher.newDigest();
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }

  static byte[] leaf(byte[] data) {
    return sha256(new byte[] {0}, data);
  }

  static byte[] node(byte[] l, byte[] r) {
    return sha256(new byte[] {1}, l, r);
  }

  /** Leaf data "leaf-0", "leaf-1", ... */
  static List<byte[]> data(int n) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(("leaf-" + i).getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  static int k(int n) {
    int k = 1;
    while (k << 1 < n) {
      k <<= 1;
    }
    return k;
  }

  static byte[] mth(List<byte[]> d) {
    int n = d.size();
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return leaf(d.get(0));
    }
    int k = k(n);
    return node(mth(d.subList(0, k)), mth(d.subList(k, n)));
  }

  static List<byte[]> path(int m, List<byte[]> d) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (n <= 1) {
      return out;
    }
    int k = k(n);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(path(m - k, d.subList(k, n)));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /** Per level from the bottom: is the sibling on the left? (the shape of a path). */
  static List<Boolean> pathShape(int m, int n) {
    List<Boolean> out = new ArrayList<>();
    if (n <= 1) {
      return out;
    }
    int k = k(n);
    if (m < k) {
      out.addAll(pathShape(m, k));
      out.add(false);
    } else {
      out.addAll(pathShape(m - k, n - k));
      out.add(true);
    }
    return out;
  }

  static List<byte[]> proof(int m, List<byte[]> d) {
    return subproof(m, d, true);
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    int n = d.size();
    List<byte[]> out = new ArrayList<>();
    if (m == n) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = k(n);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, n)));
    } else {
      out.addAll(subproof(m - k, d.subList(k, n), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  /** A node source over in-memory leaf data (default subtree hashing). */
  static NodeSource source(List<byte[]> d) {
    return index -> leaf(d.get(Math.toIntExact(index)));
  }
}
