package org.campusgate.audit.integrity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * Checks an RFC 3161 time-stamp token against the data it should cover and the one TSA
 * certificate trusted for it: SHA-256 imprint of the data, the TSA's signature, that the token
 * names that certificate, that the certificate was valid at the stamped time and carries the
 * critical timeStamping extended key usage (RFC 3161 §2.3). No chain building or revocation:
 * the certificate is pinned.
 */
public final class TimestampVerifier {

  private TimestampVerifier() {}

  /**
   * Verifies {@code token} over {@code data}.
   *
   * @return the time the TSA stamped
   * @throws TimestampException saying what is wrong
   */
  public static Instant verify(byte[] token, byte[] data, X509Certificate tsaCertificate)
      throws TimestampException {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(tsaCertificate, "tsaCertificate");
    TimeStampToken parsed;
    try {
      parsed = new TimeStampToken(new CMSSignedData(token));
    } catch (CMSException | TSPException | IOException | RuntimeException e) {
      throw new TimestampException("not an RFC 3161 time-stamp token: " + e.getMessage(), e);
    }
    SignerInformationVerifier verifier;
    try {
      verifier = new JcaSimpleSignerInfoVerifierBuilder().build(tsaCertificate);
    } catch (OperatorCreationException e) {
      throw new TimestampException("cannot use the TSA certificate: " + e.getMessage(), e);
    }
    try {
      parsed.validate(verifier);
    } catch (TSPException | RuntimeException e) {
      throw new TimestampException("token is not validly signed by the trusted TSA certificate "
          + tsaCertificate.getSubjectX500Principal() + ": " + e.getMessage(), e);
    }
    TimeStampTokenInfo info = parsed.getTimeStampInfo();
    if (!NISTObjectIdentifiers.id_sha256.equals(info.getMessageImprintAlgOID())) {
      throw new TimestampException("token imprint uses " + info.getMessageImprintAlgOID()
          + ", not SHA-256");
    }
    byte[] digest = MerkleHasher.newDigest().digest(data);
    if (!MessageDigest.isEqual(digest, info.getMessageImprintDigest())) {
      throw new TimestampException("token covers other data (message imprint differs)");
    }
    return info.getGenTime().toInstant();
  }

  /** Reads an X.509 certificate, PEM or DER. */
  public static X509Certificate parseCertificate(byte[] pemOrDer) throws TimestampException {
    Objects.requireNonNull(pemOrDer, "pemOrDer");
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pemOrDer));
    } catch (CertificateException e) {
      throw new TimestampException("not an X.509 certificate: " + e.getMessage(), e);
    }
  }
}
