package org.campusgate.gateway.identity;

/**
 * Makes and checks password hashes. {@link PasswordHashes} is the real one (Argon2id); tests
 * wrap it to count how often the expensive work runs.
 */
public interface PasswordHasher {

  /** A new encoded hash of {@code password}, with a fresh random salt. */
  String hash(char[] password);

  /**
   * Whether {@code password} matches {@code encoded}, compared in constant time.
   *
   * @throws IllegalArgumentException when {@code encoded} is not a hash this hasher reads
   */
  boolean verify(char[] password, String encoded);
}
