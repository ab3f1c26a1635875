package org.campusgate.gateway.block;

/**
 * Renders what a blocked user sees, in Simplified Chinese (default) or English as the client's
 * {@code Accept-Language} prefers.
 */
public interface BlockPages {

  /** The HTML page for a blocked plain-HTTP request (sent with status 403). */
  String html(BlockFacts facts, String acceptLanguage);

  /**
   * The one-line reason for a blocked CONNECT, for the response header and short body: safe for
   * a header (printable ASCII, no CR/LF).
   */
  String connectReason(BlockFacts facts);
}
