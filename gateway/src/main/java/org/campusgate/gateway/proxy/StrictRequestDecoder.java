package org.campusgate.gateway.proxy;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * The HTTP request decoder, refusing what Netty's would quietly repair: a message with both
 * {@code Content-Length} and {@code Transfer-Encoding} is marked failed (the {@link RequestGuard}
 * answers 400 and closes) instead of having its {@code Content-Length} dropped. Duplicate or
 * invalid {@code Content-Length} already fail in Netty's decoder.
 */
public final class StrictRequestDecoder extends HttpRequestDecoder {

  /** Thrown into the decoder result of a request that carries both body framings. */
  public static final class SmugglingException extends IllegalArgumentException {
    public SmugglingException(String message) {
      super(message);
    }
  }

  public StrictRequestDecoder(int maxInitialLineLength, int maxHeaderSize, int maxChunkSize) {
    super(new HttpDecoderConfig()
        .setMaxInitialLineLength(maxInitialLineLength)
        .setMaxHeaderSize(maxHeaderSize)
        .setMaxChunkSize(maxChunkSize)
        .setAllowDuplicateContentLengths(false)
        .setStrictLineParsing(true)
        .setValidateHeaders(true));
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    message.setDecoderResult(DecoderResult.failure(
        new SmugglingException("both Content-Length and Transfer-Encoding")));
    super.handleTransferEncodingChunkedWithContentLength(message);
  }
}
