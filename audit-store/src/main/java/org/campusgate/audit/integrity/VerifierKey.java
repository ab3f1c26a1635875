package org.campusgate.audit.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A gateway's public Ed25519 key in the C2SP signed-note verifier key form
 * {@code <name>+<hex key id>+<base64(0x01 ‖ 32-byte public key)>}, where the key id is the first
 * four bytes of {@code SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)}.
 *
 * @param name the key name, as it appears in signature lines
 * @param keyId the 4-byte key id
 * @param publicKey the 32-byte Ed25519 public key
 */
public record VerifierKey(String name, byte[] keyId, byte[] publicKey) {

  /** The signed-note signature type byte of Ed25519. */
  static final byte ALG_ED25519 = 0x01;

  public VerifierKey {
    NoteNames.check(name);
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(publicKey, "publicKey");
    if (publicKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not "
          + publicKey.length);
    }
    if (!Arrays.equals(keyId, keyId(name, publicKey))) {
      throw new IllegalArgumentException("key id " + HexFormat.of().formatHex(keyId)
          + " does not match key name '" + name + "' and public key");
    }
    keyId = keyId.clone();
    publicKey = publicKey.clone();
  }

  /** The key for {@code name} and {@code publicKey}, with its derived key id. */
  public static VerifierKey of(String name, byte[] publicKey) {
    return new VerifierKey(name, keyId(NoteNames.check(name), publicKey), publicKey);
  }

  /** The C2SP key id: {@code SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[0:4]}. */
  public static byte[] keyId(String name, byte[] publicKey) {
    MessageDigest d = MerkleHasher.newDigest();
    d.update(name.getBytes(StandardCharsets.UTF_8));
    d.update((byte) '\n');
    d.update(ALG_ED25519);
    d.update(publicKey);
    return Arrays.copyOf(d.digest(), 4);
  }

  /**
   * Parses the text form, checking every part.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static VerifierKey parse(String text) {
    Objects.requireNonNull(text, "text");
    // Names contain no '+', base64 may: split at the first two only (as the Go reference).
    String[] parts = text.split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "a verifier key is <name>+<key id>+<key>, three parts joined by '+'");
    }
    String name = parts[0];
    NoteNames.check(name);
    byte[] id = parseKeyId(parts[1]);
    byte[] key = decodeKey(parts[2], "public");
    return new VerifierKey(name, id, key);
  }

  static byte[] parseKeyId(String hex) {
    if (!hex.matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("key id must be 8 lowercase hex digits, not '" + hex
          + "'");
    }
    return HexFormat.of().parseHex(hex);
  }

  /** Decodes base64(0x01 ‖ 32 bytes), strictly (canonical padding). */
  static byte[] decodeKey(String b64, String what) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + what + " key is not valid base64");
    }
    if (!Base64.getEncoder().encodeToString(raw).equals(b64)) {
      throw new IllegalArgumentException("the " + what + " key is not canonical base64");
    }
    if (raw.length != 33 || raw[0] != ALG_ED25519) {
      throw new IllegalArgumentException("the " + what
          + " key must be 0x01 (Ed25519) followed by 32 bytes");
    }
    return Arrays.copyOfRange(raw, 1, 33);
  }

  static String encodeKey(byte[] key) {
    byte[] raw = new byte[33];
    raw[0] = ALG_ED25519;
    System.arraycopy(key, 0, raw, 1, 32);
    return Base64.getEncoder().encodeToString(raw);
  }

  @Override
  public byte[] keyId() {
    return keyId.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The key id as 8 lowercase hex digits. */
  public String keyIdHex() {
    return HexFormat.of().formatHex(keyId);
  }

  /** The text form. */
  public String text() {
    return name + "+" + keyIdHex() + "+" + encodeKey(publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifierKey k && name.equals(k.name)
        && Arrays.equals(publicKey, k.publicKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return text();
  }
}
