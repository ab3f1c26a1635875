package org.campusgate.audit.integrity;

/** An RFC 3161 time-stamping authority. */
@FunctionalInterface
public interface TimestampAuthority {

  /**
   * Has {@code data} time-stamped.
   *
   * @return the DER-encoded TimeStampToken whose message imprint is SHA-256({@code data})
   * @throws TimestampException when no valid token could be had (unreachable TSA, timeout,
   *     refusal, or a response that does not match the request)
   */
  byte[] timestamp(byte[] data) throws TimestampException;
}
