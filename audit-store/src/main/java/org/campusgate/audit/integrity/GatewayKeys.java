package org.campusgate.audit.integrity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The gateway's Ed25519 checkpoint signing key, with its name.
 *
 * <p>Files: the private key file holds one line in the C2SP / Go {@code sumdb/note} signer key
 * form {@code PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖ 32-byte Ed25519 seed)>}, created
 * with mode 0600 (never overwritten); the public key file holds the {@link VerifierKey} text
 * form, one line. Both end with a newline.
 */
public final class GatewayKeys {

  private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";
  private static final int MAX_KEY_FILE_BYTES = 4096;

  private final Ed25519PrivateKeyParameters privateKey;
  private final VerifierKey verifierKey;

  private GatewayKeys(String name, Ed25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.verifierKey = VerifierKey.of(name, privateKey.generatePublicKey().getEncoded());
  }

  /** A new key pair for {@code name}, from a strong {@link SecureRandom}. */
  public static GatewayKeys generate(String name) {
    return generate(name, new SecureRandom());
  }

  /** A new key pair for {@code name}. */
  public static GatewayKeys generate(String name, SecureRandom random) {
    NoteNames.check(name);
    Objects.requireNonNull(random, "random");
    Ed25519KeyPairGenerator gen = new Ed25519KeyPairGenerator();
    gen.init(new Ed25519KeyGenerationParameters(random));
    AsymmetricCipherKeyPair pair = gen.generateKeyPair();
    return new GatewayKeys(name, (Ed25519PrivateKeyParameters) pair.getPrivate());
  }

  /**
   * Parses the signer key text form ({@code PRIVATE+KEY+...}).
   *
   * @throws IllegalArgumentException saying what is wrong (never quoting the key material)
   */
  public static GatewayKeys parse(String signerKey) {
    Objects.requireNonNull(signerKey, "signerKey");
    if (!signerKey.startsWith(PRIVATE_PREFIX)) {
      throw new IllegalArgumentException("a signer key starts with " + PRIVATE_PREFIX);
    }
    String[] parts = signerKey.substring(PRIVATE_PREFIX.length()).split("\\+", 3);
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "a signer key is PRIVATE+KEY+<name>+<key id>+<key>, five parts joined by '+'");
    }
    String name = NoteNames.check(parts[0]);
    byte[] id = VerifierKey.parseKeyId(parts[1]);
    byte[] seed = VerifierKey.decodeKey(parts[2], "private");
    GatewayKeys keys = new GatewayKeys(name, new Ed25519PrivateKeyParameters(seed));
    Arrays.fill(seed, (byte) 0);
    if (!Arrays.equals(id, keys.verifierKey.keyId())) {
      throw new IllegalArgumentException("key id " + HexFormat.of().formatHex(id)
          + " does not match the key and name '" + name + "'");
    }
    return keys;
  }

  /**
   * Loads a private key file written by {@link #savePrivateKey}.
   *
   * @throws IllegalArgumentException when the content is not a valid signer key, or the file
   *     can be read by other users
   */
  public static GatewayKeys load(Path file) throws IOException {
    checkNotWorldAccessible(file);
    String text = readSmallFile(file);
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("private key file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Loads a public key file written by {@link #saveVerifierKey}. */
  public static VerifierKey loadVerifierKey(Path file) throws IOException {
    String text = readSmallFile(file);
    try {
      return VerifierKey.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("public key file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the private key file with mode 0600 (where the file system has POSIX permissions),
   * atomically.
   *
   * @throws FileAlreadyExistsException when the file exists: keys are never overwritten
   */
  public void savePrivateKey(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString(), null, "refusing to overwrite a key");
    }
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = isPosix(dir)
        ? Files.createTempFile(dir, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(dir, ".key-", ".tmp", new FileAttribute<?>[0]);
    try {
      writeDurably(tmp, signerKeyText() + "\n");
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes the public key file (verifier key text form). */
  public void saveVerifierKey(Path file) throws IOException {
    writeDurably(Objects.requireNonNull(file, "file"), verifierKey.text() + "\n");
  }

  /** The key name. */
  public String name() {
    return verifierKey.name();
  }

  /** The public half, for verifiers. */
  public VerifierKey verifierKey() {
    return verifierKey;
  }

  /** The private key in signer key text form. Secret: only for writing the key file. */
  String signerKeyText() {
    return PRIVATE_PREFIX + name() + "+" + verifierKey.keyIdHex() + "+"
        + VerifierKey.encodeKey(privateKey.getEncoded());
  }

  /** An Ed25519 signature over {@code message}. */
  byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer(); // not thread-safe, so one per call
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  @Override
  public String toString() {
    return "GatewayKeys[" + verifierKey.text() + "]"; // never the private key
  }

  private static boolean isPosix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void checkNotWorldAccessible(Path file) throws IOException {
    if (!isPosix(file.toAbsolutePath())) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (perms.contains(PosixFilePermission.OTHERS_READ)
        || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IllegalArgumentException("private key file " + file + " is accessible to other"
          + " users (" + PosixFilePermissions.toString(perms) + "); chmod 600 it");
    }
  }

  private static String readSmallFile(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_KEY_FILE_BYTES + 1);
    }
    if (bytes.length > MAX_KEY_FILE_BYTES) {
      throw new IllegalArgumentException("key file " + file + " is too large to be a key");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    // One line, with or without its final newline.
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("key file " + file + " must hold exactly one line");
    }
    return text;
  }

  private static void writeDurably(Path file, String text) throws IOException {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }
}
