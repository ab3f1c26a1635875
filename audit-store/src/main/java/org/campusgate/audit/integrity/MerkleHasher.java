package org.campusgate.audit.integrity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * RFC 6962 (RFC 9162 §2.1) hashing with SHA-256: leaf hash {@code SHA-256(0x00 ‖ data)},
 * interior node hash {@code SHA-256(0x01 ‖ left ‖ right)}, empty tree hash {@code SHA-256("")}.
 *
 * <p>Not thread-safe: it reuses one JDK {@link MessageDigest} (which the JIT turns into SHA
 * intrinsics). Give each thread or owner its own instance.
 */
public final class MerkleHasher {

  /** The size of every hash, in bytes. */
  public static final int HASH_SIZE = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;
  private static final byte[] EMPTY_ROOT = newDigest().digest();

  private final MessageDigest digest = newDigest();

  /** The root hash of the empty tree, {@code SHA-256("")}. */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }

  /** The leaf hash of a record's bytes. */
  public byte[] leafHash(byte[] data) {
    Objects.requireNonNull(data, "data");
    return leafHash(data, 0, data.length);
  }

  /** The leaf hash of {@code len} bytes of {@code data} from {@code off}. */
  public byte[] leafHash(byte[] data, int off, int len) {
    Objects.checkFromIndexSize(off, len, Objects.requireNonNull(data, "data").length);
    digest.update(LEAF_PREFIX);
    digest.update(data, off, len);
    return digest.digest();
  }

  /** The hash of an interior node from its children's hashes. */
  public byte[] nodeHash(byte[] left, byte[] right) {
    checkHash(left, "left");
    checkHash(right, "right");
    digest.update(NODE_PREFIX);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /** Plain SHA-256 of some bytes, with this hasher's digest. */
  public byte[] sha256(byte[] data) {
    return digest.digest(Objects.requireNonNull(data, "data"));
  }

  static void checkHash(byte[] hash, String what) {
    Objects.requireNonNull(hash, what);
    if (hash.length != HASH_SIZE) {
      throw new IllegalArgumentException(
          what + " must be a " + HASH_SIZE + "-byte hash, not " + hash.length + " bytes");
    }
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256.
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
