package org.campusgate.audit.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.campusgate.audit.Checkpoint;
import org.campusgate.audit.SignedCheckpoint;
import org.junit.jupiter.api.Test;

class TimestampTest {

  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private final byte[] data = "origin\n5\nroot\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void tokenRoundTripsThroughHttpAndVerifies() throws Exception {
    try (InProcessTsa tsa = InProcessTsa.start()) {
      Instant before = Instant.now().minusSeconds(1);
      byte[] token = new HttpTimestampAuthority(tsa.uri(), Duration.ofSeconds(10)).timestamp(data);
      Instant stamped = TimestampVerifier.verify(token, data, tsa.certificate());
      assertThat(stamped).isBetween(before, Instant.now().plusSeconds(1));
      assertThat(TimestampVerifier.verify(token, data,
          TimestampVerifier.parseCertificate(tsa.certificate().getEncoded()))).isEqualTo(stamped);
    }
  }

  @Test
  void tokenOverOtherDataOrFromAnotherTsaIsRejected() throws Exception {
    try (InProcessTsa tsa = InProcessTsa.start()) {
      byte[] token = new HttpTimestampAuthority(tsa.uri(), Duration.ofSeconds(10)).timestamp(data);
      byte[] other = data.clone();
      other[0] ^= 1;
      assertThatThrownBy(() -> TimestampVerifier.verify(token, other, tsa.certificate()))
          .isInstanceOf(TimestampException.class).hasMessageContaining("covers other data");
      assertThatThrownBy(() -> TimestampVerifier.verify(token, data,
          InProcessTsa.otherCertificate()))
          .isInstanceOf(TimestampException.class)
          .hasMessageContaining("not validly signed by the trusted TSA certificate");
      // Mutations at positions that are always covered by the signature. (A byte in the middle
      // of the token sometimes fell in the embedded certificate, which the verifier rightly
      // ignores in favour of the trusted one: that made this test flaky.)
      byte[] badSignature = token.clone();
      badSignature[badSignature.length - 1] ^= 1;
      assertThatThrownBy(() -> TimestampVerifier.verify(badSignature, data, tsa.certificate()))
          .isInstanceOf(TimestampException.class);
      byte[] otherTime = token.clone();
      int genTime = indexOf(otherTime, String.valueOf(java.time.Year.now(java.time.ZoneOffset.UTC))
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(genTime).isPositive();
      otherTime[genTime + 3] ^= 1;
      assertThatThrownBy(() -> TimestampVerifier.verify(otherTime, data, tsa.certificate()))
          .isInstanceOf(TimestampException.class);
      assertThatThrownBy(() -> TimestampVerifier.verify(new byte[] {1, 2}, data,
          tsa.certificate())).hasMessageContaining("not an RFC 3161");
    }
  }

  @Test
  void responseForAnotherRequestIsRejected() throws Exception {
    // A TSA that answers a different nonce (e.g. a replayed or mixed-up response).
    try (InProcessTsa tsa = InProcessTsa.start(req -> {
      TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
      gen.setCertReq(true);
      return gen.generate(TSPAlgorithms.SHA256, req.getMessageImprintDigest(),
          req.getNonce().add(BigInteger.ONE));
    })) {
      assertThatThrownBy(() -> new HttpTimestampAuthority(tsa.uri(), Duration.ofSeconds(10))
          .timestamp(data)).isInstanceOf(TimestampException.class)
          .hasMessageContaining("does not match the request");
    }
    // A TSA that stamps other data.
    try (InProcessTsa tsa = InProcessTsa.start(req -> {
      TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
      gen.setCertReq(true);
      return gen.generate(TSPAlgorithms.SHA256, new byte[32], req.getNonce());
    })) {
      assertThatThrownBy(() -> new HttpTimestampAuthority(tsa.uri(), Duration.ofSeconds(10))
          .timestamp(data)).isInstanceOf(TimestampException.class)
          .hasMessageContaining("does not match the request");
    }
  }

  @Test
  void silentTsaTimesOutWithinTheConfiguredTime() throws Exception {
    // Accepts connections (the kernel completes them) but never answers.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      HttpTimestampAuthority tsa = new HttpTimestampAuthority(
          URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/tsa"), TIMEOUT);
      long start = System.nanoTime();
      assertThatThrownBy(() -> tsa.timestamp(data)).isInstanceOf(TimestampException.class)
          .hasMessageContaining("did not answer within");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50))
          .isLessThan(TIMEOUT.plusSeconds(3));
    }
  }

  @Test
  void unreachableTsaFailsClearly() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    HttpTimestampAuthority tsa = new HttpTimestampAuthority(
        URI.create("http://127.0.0.1:" + port + "/tsa"), TIMEOUT);
    assertThatThrownBy(() -> tsa.timestamp(data)).isInstanceOf(TimestampException.class)
        .hasMessageContaining("cannot reach TSA");
  }

  @Test
  void checkpointSignedWithATimestampCarriesATokenOverItsBody() throws Exception {
    try (InProcessTsa tsa = InProcessTsa.start()) {
      GatewayKeys keys = GatewayKeys.generate("gw");
      Checkpoint cp = new Checkpoint("gw", 3, new byte[32], Instant.parse("2026-01-01T00:00:00Z"));
      SignedCheckpoint signed = new CheckpointSigner(keys)
          .sign(cp, new HttpTimestampAuthority(tsa.uri(), Duration.ofSeconds(10)));
      byte[] body = SignedNote.parse(signed.note()).body().getBytes(StandardCharsets.UTF_8);
      assertThat(TimestampVerifier.verify(signed.timestampToken(), body, tsa.certificate()))
          .isNotNull();
      assertThat(new CheckpointVerifier(keys.verifierKey()).verify(signed.note())).isEqualTo(cp);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
