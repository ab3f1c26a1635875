package org.campusgate.gateway.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle) in the PHC string format the reference
 * implementation, libsodium and most tools write:
 *
 * <pre>$argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</pre>
 *
 * <p>salt and hash in standard Base64 without padding; the salt is 16 random bytes, the hash 32
 * bytes; passwords are hashed as UTF-8. The default cost is OWASP's for a login path
 * (m = 19 MiB, t = 2, p = 1): some tens of milliseconds on one core. Reading is strict: only
 * Argon2id version 19, parameters in the order m, t, p, within bounds (so a planted hash cannot
 * make a verification take gigabytes or minutes), and error messages never quote the hash.
 *
 * <p>Thread-safe.
 */
public final class PasswordHashes implements PasswordHasher {

  /**
   * Argon2id cost.
   *
   * @param memoryKiB memory in KiB, 8 × parallelism .. {@value #MAX_MEMORY_KIB}
   * @param iterations passes over memory, 1 .. {@value #MAX_ITERATIONS}
   * @param parallelism lanes, 1 .. {@value #MAX_PARALLELISM}
   */
  public record Params(int memoryKiB, int iterations, int parallelism) {
    public static final int MAX_MEMORY_KIB = 1 << 20;
    public static final int MAX_ITERATIONS = 64;
    public static final int MAX_PARALLELISM = 16;

    public Params {
      if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
        throw new IllegalArgumentException("parallelism must be 1.." + MAX_PARALLELISM
            + ", was " + parallelism);
      }
      if (iterations < 1 || iterations > MAX_ITERATIONS) {
        throw new IllegalArgumentException("iterations must be 1.." + MAX_ITERATIONS
            + ", was " + iterations);
      }
      if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
        throw new IllegalArgumentException("memory must be " + 8 * parallelism + ".."
            + MAX_MEMORY_KIB + " KiB, was " + memoryKiB);
      }
    }
  }

  /** OWASP's Argon2id recommendation for logins: m = 19456 KiB, t = 2, p = 1. */
  public static final Params OWASP = new Params(19_456, 2, 1);

  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;
  private static final int MAX_ENCODED = 256;
  private static final String PREFIX = "$argon2id$v=19$";

  private final Params params;
  private final SecureRandom random;

  /** With {@link #OWASP} parameters. */
  public PasswordHashes() {
    this(OWASP);
  }

  /** With other parameters for new hashes (tests use cheap ones); verification reads them. */
  public PasswordHashes(Params params) {
    this(params, new SecureRandom());
  }

  public PasswordHashes(Params params, SecureRandom random) {
    this.params = Objects.requireNonNull(params, "params");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The parameters new hashes get. */
  public Params params() {
    return params;
  }

  /**
   * @throws IllegalArgumentException when the password is empty or not valid UTF-16
   */
  @Override
  public String hash(char[] password) {
    Objects.requireNonNull(password, "password");
    if (password.length == 0) {
      throw new IllegalArgumentException("the password is empty");
    }
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] out = argon2(password, salt, params, HASH_BYTES);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "m=" + params.memoryKiB() + ",t=" + params.iterations() + ",p="
        + params.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);
  }

  /**
   * Whether the password matches; a password that is not valid UTF-16 (a lone surrogate)
   * matches nothing.
   *
   * @throws IllegalArgumentException when {@code encoded} is not a well-formed Argon2id hash
   */
  @Override
  public boolean verify(char[] password, String encoded) {
    Objects.requireNonNull(password, "password");
    Decoded d = decode(encoded);
    byte[] actual;
    try {
      actual = argon2(password, d.salt, d.params, d.hash.length);
    } catch (IllegalArgumentException notUnicode) {
      return false;
    }
    boolean same = MessageDigest.isEqual(actual, d.hash);
    Arrays.fill(actual, (byte) 0);
    return same;
  }

  /**
   * The parameters of an encoded hash, after checking it is well formed: what a user file or
   * a database column is validated with, and how a caller tells an outdated hash.
   *
   * @throws IllegalArgumentException saying what is wrong (never quoting the hash)
   */
  public static Params paramsOf(String encoded) {
    return decode(encoded).params;
  }

  private record Decoded(Params params, byte[] salt, byte[] hash) {}

  static Decoded decode(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      throw new IllegalArgumentException("the password hash is empty");
    }
    if (encoded.length() > MAX_ENCODED) {
      throw new IllegalArgumentException("the password hash is too long (" + encoded.length()
          + " characters)");
    }
    String[] f = encoded.split("\\$", -1);
    if (f.length != 6 || !f[0].isEmpty()) {
      throw new IllegalArgumentException("not a PHC string: expected"
          + " $argon2id$v=19$m=...,t=...,p=...$salt$hash");
    }
    if (!f[1].equals("argon2id")) {
      throw new IllegalArgumentException("unsupported algorithm '" + printable(f[1], 16)
          + "': only argon2id");
    }
    if (!f[2].equals("v=19")) {
      throw new IllegalArgumentException("unsupported Argon2 version '" + printable(f[2], 16)
          + "': only v=19");
    }
    String[] p = f[3].split(",", -1);
    if (p.length != 3 || !p[0].startsWith("m=") || !p[1].startsWith("t=")
        || !p[2].startsWith("p=")) {
      throw new IllegalArgumentException("the parameters must be m=<KiB>,t=<passes>,p=<lanes>");
    }
    Params params;
    try {
      params = new Params(number(p[0]), number(p[1]), number(p[2]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad Argon2 parameters: " + e.getMessage());
    }
    byte[] salt = base64(f[4], "salt");
    byte[] hash = base64(f[5], "hash");
    if (salt.length < 8 || salt.length > 64) {
      throw new IllegalArgumentException("the salt must be 8..64 bytes, was " + salt.length);
    }
    if (hash.length < 16 || hash.length > 64) {
      throw new IllegalArgumentException("the hash must be 16..64 bytes, was " + hash.length);
    }
    return new Decoded(params, salt, hash);
  }

  private static int number(String kv) {
    String digits = kv.substring(2);
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
        || (digits.length() > 1 && digits.charAt(0) == '0')) {
      throw new IllegalArgumentException("'" + printable(kv, 16) + "' is not a decimal number");
    }
    return Integer.parseInt(digits);
  }

  private static byte[] base64(String text, String what) {
    if (text.isEmpty() || text.indexOf('=') >= 0) {
      throw new IllegalArgumentException("the " + what + " must be unpadded Base64");
    }
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + what + " is not valid Base64");
    }
  }

  private static String printable(String s, int max) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(max).forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
    return b.toString();
  }

  private static byte[] argon2(char[] password, byte[] salt, Params params, int length) {
    byte[] pw = utf8(password);
    try {
      Argon2Parameters ap = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
          .withVersion(Argon2Parameters.ARGON2_VERSION_13)
          .withMemoryAsKB(params.memoryKiB())
          .withIterations(params.iterations())
          .withParallelism(params.parallelism())
          .withSalt(salt)
          .build();
      Argon2BytesGenerator gen = new Argon2BytesGenerator();
      gen.init(ap);
      byte[] out = new byte[length];
      gen.generateBytes(pw, out);
      return out;
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  /** UTF-8 of the password; a lone surrogate is an IllegalArgumentException. */
  private static byte[] utf8(char[] password) {
    try {
      ByteBuffer bb = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(password));
      byte[] out = new byte[bb.remaining()];
      bb.get(out);
      if (bb.hasArray()) {
        Arrays.fill(bb.array(), (byte) 0);
      }
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the password is not valid Unicode");
    }
  }
}
