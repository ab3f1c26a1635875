package org.campusgate.audit.integrity;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A real RFC 3161 TSA for tests: Bouncy Castle token generation with a self-signed ECDSA
 * certificate (critical timeStamping extended key usage), served over HTTP on 127.0.0.1 at an
 * ephemeral port. {@code tamper} may alter each request before it is answered, to simulate a
 * misbehaving TSA.
 */
public final class InProcessTsa implements AutoCloseable {

  private static final int MAX_REQUEST_BYTES = 16 * 1024;

  private final HttpServer server;
  private final X509Certificate certificate;
  private final TimeStampResponseGenerator responses;
  private final UnaryOperator<TimeStampRequest> tamper;
  private long serial = 1;

  private InProcessTsa(UnaryOperator<TimeStampRequest> tamper) throws Exception {
    this.tamper = tamper;
    KeyPair keys = newKeyPair();
    this.certificate = selfSigned(keys, "CN=CampusGate test TSA");
    TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
        new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", keys.getPrivate(),
            certificate),
        new JcaDigestCalculatorProviderBuilder().build()
            .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
        new ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1.1"));
    tokens.addCertificates(new JcaCertStore(List.of(certificate)));
    this.responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/tsa", this::handle);
    server.start();
  }

  public static InProcessTsa start() throws Exception {
    return new InProcessTsa(UnaryOperator.identity());
  }

  static InProcessTsa start(UnaryOperator<TimeStampRequest> tamper) throws Exception {
    return new InProcessTsa(tamper);
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tsa");
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** Another self-signed TSA certificate, with another key. */
  static X509Certificate otherCertificate() throws Exception {
    return selfSigned(newKeyPair(), "CN=CampusGate test TSA");
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_REQUEST_BYTES);
      }
      byte[] reply;
      try {
        TimeStampRequest request = tamper.apply(new TimeStampRequest(body));
        reply = responses.generate(request, BigInteger.valueOf(serial++), new Date())
            .getEncoded();
      } catch (Exception e) {
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "application/timestamp-reply");
      exchange.sendResponseHeaders(200, reply.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply);
      }
    }
  }

  private static KeyPair newKeyPair() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
    gen.initialize(new ECGenParameterSpec("secp256r1"));
    return gen.generateKeyPair();
  }

  private static X509Certificate selfSigned(KeyPair keys, String dn) throws Exception {
    X500Name name = new X500Name(dn);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
        BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
    builder.addExtension(Extension.extendedKeyUsage, true,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }
}
