package org.campusgate.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;
import java.util.Objects;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.block.BlockPages;
import org.campusgate.gateway.identity.Identifier;
import org.campusgate.gateway.tunnel.ConnectHandler;
import org.campusgate.gateway.upstream.Upstreams;
import org.campusgate.policy.PolicyHolder;

/**
 * The one place the client pipeline's order is written, top to bottom:
 *
 * <pre>
 * head-scanner  timeouts (idle, header read / slowloris) and obs-fold, on raw bytes
 * decoder       HTTP/1.1 request decoder with limits (414 / 431) and CL+TE refusal
 * encoder       HTTP/1.1 response encoder
 * guard         refuses malformed/smuggling requests; one Exchange at a time; owns read() between
 * identify      1 identify  (Identifier: user | 407 | 429; 503 when a login cannot be recorded)
 * decide        2 describe + 3 decide  (RequestContext → PolicySnapshot.decide, once per request)
 * block         4 act: BLOCK → 403 page, AUTH_REQUIRED → 407, audit store full → 503
 * relay         4 act: ALLOW plain HTTP → origin (pooled, streaming, backpressure)
 * connect       4 act: ALLOW CONNECT → tunnel (SNI gate + splice)
 * last-resort   an exception no stage handled → 500 (if nothing was answered yet) and close
 * </pre>
 *
 * An answer given before the request body was read adds {@code lingering-close} at the top
 * ({@link LingeringClose}): the connection then closes only after the client stopped sending, so
 * it reads the answer instead of a reset.
 *
 * <p>Step 5, record, happens when an exchange ends ({@link Exchange#end} → {@link ExchangeRecorder}).
 */
public final class ProxyInitializer extends ChannelInitializer<Channel> {
  private final GatewayConfig config;
  private final Identifier identifier;
  private final PolicyHolder policies;
  private final BlockPages pages;
  private final ExchangeRecorder recorder;
  private final Upstreams upstreams;
  private final GatewayMetrics metrics;

  public ProxyInitializer(GatewayConfig config, Identifier identifier, PolicyHolder policies,
      BlockPages pages, ExchangeRecorder recorder, Upstreams upstreams, GatewayMetrics metrics) {
    this.config = Objects.requireNonNull(config, "config");
    this.identifier = Objects.requireNonNull(identifier, "identifier");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.pages = Objects.requireNonNull(pages, "pages");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.upstreams = Objects.requireNonNull(upstreams, "upstreams");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("head-scanner", new HeadScanner(config.headerReadTimeout(), config.idleTimeout(), metrics));
    p.addLast("decoder", new StrictRequestDecoder(config.maxInitialLineLength(),
        config.maxHeaderSize(), config.maxChunkSize()));
    p.addLast("encoder", new HttpResponseEncoder());
    p.addLast("guard", new RequestGuard(recorder, metrics));
    p.addLast("identify", new IdentifyHandler(identifier, metrics));
    p.addLast("decide", new DecideHandler(policies, config.schoolId(), metrics));
    p.addLast("block", new BlockHandler(pages, recorder, metrics, config.contactLine(), config.realm()));
    p.addLast("relay", new HttpRelayHandler(upstreams, config, metrics));
    p.addLast("connect", new ConnectHandler(upstreams, policies, config, metrics));
    p.addLast("last-resort", LAST_RESORT);
  }

  private static final LastResort LAST_RESORT = new LastResort();
}
