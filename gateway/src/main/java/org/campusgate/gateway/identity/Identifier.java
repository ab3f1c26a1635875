package org.campusgate.gateway.identity;

import java.net.InetAddress;
import java.time.Instant;

/**
 * Tells who is behind a request, from the client's address (IP bindings) and its {@code
 * Proxy-Authorization} header. Runs on the event loop: must not block (no I/O; password hashes
 * are checked once per credential and then cached).
 */
public interface Identifier {

  /**
   * @param client the client's address
   * @param proxyAuthorization the {@code Proxy-Authorization} header's value, or null
   * @param now the request's time
   */
  IdentifyResult identify(InetAddress client, String proxyAuthorization, Instant now);

  /** Identifies nobody: every client is unidentified (the policy decides). */
  static Identifier nobody() {
    return (client, header, now) -> IdentifyResult.Identified.anonymous();
  }
}
