package org.campusgate.gateway.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/** Cheap hashes, a counting hasher, a hand-moved clock and header helpers for the tests. */
final class Fixtures {
  /** Argon2id at its minimum cost: fast enough for unit tests. */
  static final PasswordHashes CHEAP = new PasswordHashes(new PasswordHashes.Params(8, 1, 1));

  private Fixtures() {}

  /** Counts the verifications (the expensive calls) of a delegate. */
  static final class CountingHasher implements PasswordHasher {
    final AtomicInteger hashes = new AtomicInteger();
    final AtomicInteger verifies = new AtomicInteger();
    private final PasswordHasher delegate;

    CountingHasher(PasswordHasher delegate) {
      this.delegate = delegate;
    }

    @Override
    public String hash(char[] password) {
      hashes.incrementAndGet();
      return delegate.hash(password);
    }

    @Override
    public boolean verify(char[] password, String encoded) {
      verifies.incrementAndGet();
      return delegate.verify(password, encoded);
    }
  }


  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String line(String user, String password, String groups, String display) {
    return user + ":" + CHEAP.hash(password.toCharArray()) + ":" + groups + ":" + display;
  }
}
