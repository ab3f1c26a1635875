package org.campusgate.gateway;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The gateway's settings, validated on construction. Defaults suit one school on one machine;
 * tests bind port 0 and read {@link GatewayServer#boundAddress()}.
 *
 * @param bind the explicit-proxy listener (default 127.0.0.1:3128)
 * @param schoolId the school whose policy applies (recorded in every event)
 * @param gatewayId this gateway's id (recorded in every event)
 * @param contactLine the school's contact line shown on block pages
 * @param eventLoops I/O threads (default: available cores)
 * @param maxInitialLineLength longest request line; longer gets 414
 * @param maxHeaderSize largest header block; larger gets 431
 * @param maxChunkSize largest body piece the codec hands on at once
 * @param connectTimeout connecting to an origin; failure gets 502
 * @param headerReadTimeout a request head must arrive within this (slowloris); then 408 and close
 * @param idleTimeout a keep-alive client connection with no request is closed after this
 * @param tunnelIdleTimeout a CONNECT tunnel with no bytes either way is closed after this
 * @param upstreamResponseTimeout the origin must start answering within this; else 504
 * @param addXForwardedFor whether to add {@code X-Forwarded-For} toward origins
 * @param allowNonTlsOn443 whether a tunnel to port 443 may carry something other than TLS
 * @param realm the proxy-authentication realm for 407 answers
 * @param dnsMinTtl DNS cache: shortest time an answer is kept
 * @param dnsMaxTtl DNS cache: longest time an answer is kept (bounds staleness)
 * @param dnsNegativeTtl DNS cache: how long a failed lookup is remembered
 * @param maxIdleUpstreamPerHost idle keep-alive origin connections kept per host and event loop
 * @param dnsCacheMaxEntries DNS cache: most host names kept (each of the address and CNAME caches);
 *     bounds its memory however many distinct names clients make the gateway resolve
 * @param hostsFile a file in hosts(5) format whose names resolve from it before DNS (demo app
 *     domains on loopback, tests), or null for none; read when the gateway starts
 */
public record GatewayConfig(
    InetSocketAddress bind,
    String schoolId,
    String gatewayId,
    String contactLine,
    int eventLoops,
    int maxInitialLineLength,
    int maxHeaderSize,
    int maxChunkSize,
    Duration connectTimeout,
    Duration headerReadTimeout,
    Duration idleTimeout,
    Duration tunnelIdleTimeout,
    Duration upstreamResponseTimeout,
    boolean addXForwardedFor,
    boolean allowNonTlsOn443,
    String realm,
    Duration dnsMinTtl,
    Duration dnsMaxTtl,
    Duration dnsNegativeTtl,
    int maxIdleUpstreamPerHost,
    int dnsCacheMaxEntries,
    Path hostsFile) {

  public GatewayConfig {
    Objects.requireNonNull(bind, "bind");
    requireText(schoolId, "schoolId");
    requireText(gatewayId, "gatewayId");
    contactLine = contactLine == null ? "" : contactLine;
    requireText(realm, "realm");
    if (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0 || !isPrintableAscii(realm)) {
      throw new IllegalArgumentException("realm must be printable ASCII without quotes: " + realm);
    }
    positive(eventLoops, "eventLoops");
    atLeast(maxInitialLineLength, 256, "maxInitialLineLength");
    atLeast(maxHeaderSize, 1024, "maxHeaderSize");
    atLeast(maxChunkSize, 1024, "maxChunkSize");
    positive(connectTimeout, "connectTimeout");
    positive(headerReadTimeout, "headerReadTimeout");
    positive(idleTimeout, "idleTimeout");
    positive(tunnelIdleTimeout, "tunnelIdleTimeout");
    positive(upstreamResponseTimeout, "upstreamResponseTimeout");
    Objects.requireNonNull(dnsMinTtl, "dnsMinTtl");
    positive(dnsMaxTtl, "dnsMaxTtl");
    Objects.requireNonNull(dnsNegativeTtl, "dnsNegativeTtl");
    if (dnsMinTtl.isNegative() || dnsMinTtl.compareTo(dnsMaxTtl) > 0 || dnsNegativeTtl.isNegative()) {
      throw new IllegalArgumentException("DNS TTLs must satisfy 0 <= min <= max, negative >= 0");
    }
    if (maxIdleUpstreamPerHost < 0) {
      throw new IllegalArgumentException("maxIdleUpstreamPerHost must be >= 0");
    }
    positive(dnsCacheMaxEntries, "dnsCacheMaxEntries");
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void requireText(String v, String name) {
    Objects.requireNonNull(v, name);
    if (v.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static boolean isPrintableAscii(String s) {
    return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  private static void positive(int v, String name) {
    if (v <= 0) {
      throw new IllegalArgumentException(name + " must be > 0: " + v);
    }
  }

  private static void atLeast(int v, int min, String name) {
    if (v < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ": " + v);
    }
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0: " + d);
    }
  }

  /** Builds a config; every field has a default except nothing (schoolId/gatewayId default too). */
  public static final class Builder {
    private InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 3128);
    private String schoolId = "demo-school";
    private String gatewayId = "gw-1";
    private String contactLine = "";
    private int eventLoops = Runtime.getRuntime().availableProcessors();
    private int maxInitialLineLength = 8192;
    private int maxHeaderSize = 16384;
    private int maxChunkSize = 65536;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration headerReadTimeout = Duration.ofSeconds(10);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration tunnelIdleTimeout = Duration.ofMinutes(5);
    private Duration upstreamResponseTimeout = Duration.ofSeconds(30);
    private boolean addXForwardedFor;
    private boolean allowNonTlsOn443;
    private String realm = "CampusGate";
    private Duration dnsMinTtl = Duration.ZERO;
    private Duration dnsMaxTtl = Duration.ofMinutes(5);
    private Duration dnsNegativeTtl = Duration.ofSeconds(10);
    private int maxIdleUpstreamPerHost = 128;
    private int dnsCacheMaxEntries = 10_000;
    private Path hostsFile;

    public Builder bind(InetSocketAddress v) { bind = v; return this; }
    public Builder bind(String host, int port) { bind = new InetSocketAddress(host, port); return this; }
    public Builder schoolId(String v) { schoolId = v; return this; }
    public Builder gatewayId(String v) { gatewayId = v; return this; }
    public Builder contactLine(String v) { contactLine = v; return this; }
    public Builder eventLoops(int v) { eventLoops = v; return this; }
    public Builder maxInitialLineLength(int v) { maxInitialLineLength = v; return this; }
    public Builder maxHeaderSize(int v) { maxHeaderSize = v; return this; }
    public Builder maxChunkSize(int v) { maxChunkSize = v; return this; }
    public Builder connectTimeout(Duration v) { connectTimeout = v; return this; }
    public Builder headerReadTimeout(Duration v) { headerReadTimeout = v; return this; }
    public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
    public Builder tunnelIdleTimeout(Duration v) { tunnelIdleTimeout = v; return this; }
    public Builder upstreamResponseTimeout(Duration v) { upstreamResponseTimeout = v; return this; }
    public Builder addXForwardedFor(boolean v) { addXForwardedFor = v; return this; }
    public Builder allowNonTlsOn443(boolean v) { allowNonTlsOn443 = v; return this; }
    public Builder realm(String v) { realm = v; return this; }
    public Builder dnsMinTtl(Duration v) { dnsMinTtl = v; return this; }
    public Builder dnsMaxTtl(Duration v) { dnsMaxTtl = v; return this; }
    public Builder dnsNegativeTtl(Duration v) { dnsNegativeTtl = v; return this; }
    public Builder maxIdleUpstreamPerHost(int v) { maxIdleUpstreamPerHost = v; return this; }
    public Builder dnsCacheMaxEntries(int v) { dnsCacheMaxEntries = v; return this; }
    public Builder hostsFile(Path v) { hostsFile = v; return this; }

    public GatewayConfig build() {
      return new GatewayConfig(bind, schoolId, gatewayId, contactLine, eventLoops,
          maxInitialLineLength, maxHeaderSize, maxChunkSize, connectTimeout, headerReadTimeout,
          idleTimeout, tunnelIdleTimeout, upstreamResponseTimeout, addXForwardedFor,
          allowNonTlsOn443, realm, dnsMinTtl, dnsMaxTtl, dnsNegativeTtl, maxIdleUpstreamPerHost,
          dnsCacheMaxEntries, hostsFile);
    }
  }
}
