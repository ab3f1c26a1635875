package org.campusgate.audit.integrity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenInfo;

/**
 * An RFC 3161 TSA reached over HTTP (RFC 3161 §3.4): POSTs a SHA-256 time-stamp query with a
 * random nonce and certReq set, and accepts only a granted response whose token carries the
 * same message imprint and nonce. The whole exchange is bounded by the timeout and the response
 * by {@link #MAX_RESPONSE_BYTES}. Thread-safe.
 *
 * <p>The token is not checked against a trusted TSA certificate here; do that with
 * {@link TimestampVerifier}.
 */
public final class HttpTimestampAuthority implements TimestampAuthority {

  /** Largest response read; real TSA responses with a certificate are a few KiB. */
  public static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final URI uri;
  private final Duration timeout;
  private final HttpClient client;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param uri the TSA's http or https endpoint
   * @param timeout how long a whole request may take, connecting included
   */
  public HttpTimestampAuthority(URI uri, Duration timeout) {
    this.uri = Objects.requireNonNull(uri, "uri");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException("TSA address must be http or https: " + uri);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public byte[] timestamp(byte[] data) throws TimestampException {
    Objects.requireNonNull(data, "data");
    byte[] digest = MerkleHasher.newDigest().digest(data);
    TimeStampRequestGenerator gen = new TimeStampRequestGenerator();
    gen.setCertReq(true);
    BigInteger nonce = new BigInteger(63, random);
    TimeStampRequest request = gen.generate(TSPAlgorithms.SHA256, digest, nonce);
    byte[] body = post(encode(request));
    TimeStampToken token = check(request, body);
    try {
      return token.getEncoded();
    } catch (IOException e) {
      throw new TimestampException("cannot encode the token from " + uri, e);
    }
  }

  private byte[] post(byte[] query) throws TimestampException {
    HttpRequest http = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/timestamp-query")
        .header("Accept", "application/timestamp-reply")
        .POST(HttpRequest.BodyPublishers.ofByteArray(query))
        .build();
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(http,
        info -> info.statusCode() == 200 ? new BoundedBody(MAX_RESPONSE_BYTES)
            : BodySubscribers.replacing(new byte[0]));
    HttpResponse<byte[]> response;
    try {
      // One deadline for connecting, headers and body alike.
      response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TimestampException("TSA " + uri + " did not answer within " + timeout, e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new TimestampException("interrupted while waiting for TSA " + uri, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        throw new TimestampException("TSA " + uri + " did not answer within " + timeout, cause);
      }
      if (cause instanceof ConnectException) {
        throw new TimestampException("cannot reach TSA " + uri + ": " + cause, cause);
      }
      throw new TimestampException("request to TSA " + uri + " failed: " + cause, cause);
    }
    if (response.statusCode() != 200) {
      throw new TimestampException("TSA " + uri + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  private TimeStampToken check(TimeStampRequest request, byte[] body) throws TimestampException {
    TimeStampResponse response;
    try {
      response = new TimeStampResponse(body);
    } catch (TSPException | IOException | RuntimeException e) {
      throw new TimestampException("TSA " + uri + " sent a malformed time-stamp response", e);
    }
    int status = response.getStatus();
    if (status != PKIStatus.GRANTED && status != PKIStatus.GRANTED_WITH_MODS) {
      throw new TimestampException("TSA " + uri + " refused the request: status " + status
          + (response.getStatusString() == null ? "" : " (" + response.getStatusString() + ")")
          + (response.getFailInfo() == null ? "" : ", failure info " + response.getFailInfo()));
    }
    try {
      response.validate(request);
    } catch (TSPException e) {
      throw new TimestampException("TSA " + uri + " response does not match the request: "
          + e.getMessage(), e);
    }
    TimeStampToken token = response.getTimeStampToken();
    TimeStampTokenInfo info = token.getTimeStampInfo();
    // Explicit, so the guarantee does not rest on what validate() happens to check.
    if (!MessageDigest.isEqual(info.getMessageImprintDigest(), request.getMessageImprintDigest())
        || !request.getNonce().equals(info.getNonce())) {
      throw new TimestampException("TSA " + uri + " token is not for this request (imprint or"
          + " nonce differs)");
    }
    return token;
  }

  private static byte[] encode(TimeStampRequest request) throws TimestampException {
    try {
      return request.getEncoded();
    } catch (IOException e) {
      throw new TimestampException("cannot encode time-stamp request", e);
    }
  }

  /** Collects a response body, failing once it passes a limit. */
  private static final class BoundedBody implements BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    BoundedBody(int limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer b : buffers) {
        if (out.size() + b.remaining() > limit) {
          subscription.cancel();
          result.completeExceptionally(
              new IOException("response larger than " + limit + " bytes"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }
}
