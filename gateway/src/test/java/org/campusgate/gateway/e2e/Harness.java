package org.campusgate.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.campusgate.audit.AccessEvent;
import org.campusgate.audit.AuditQuery;
import org.campusgate.audit.AuditRecord;
import org.campusgate.audit.AuditStore;
import org.campusgate.audit.StoredEvent;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.gateway.GatewayConfig;
import org.campusgate.gateway.GatewayMetrics;
import org.campusgate.gateway.GatewayServer;
import org.campusgate.gateway.block.BlockPages;
import org.campusgate.gateway.identity.Identifier;
import org.campusgate.gateway.testing.TestBlockPages;
import org.campusgate.policy.PolicyHolder;

/**
 * Starts a real EmbeddedAuditStore, a GatewayServer and loopback origins (HTTP and HTTPS, the
 * JDK's httpserver); drives them with curl. Appends are observed through a queue, so tests wait
 * for "the event was handed to the store" without sleeping.
 */
final class Harness implements AutoCloseable {
  static final String CURL = "/usr/bin/curl";

  static {
    // The JDK's httpserver writes head and body separately with Nagle on: against the gateway's
    // delayed ACK that costs 40 ms per response, which hundreds of requests in a test notice.
    // Real origins (nginx) set TCP_NODELAY; so do these. Read once, when the server class loads.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  final EmbeddedAuditStore store;
  final BlockingQueue<Appended> appended = new LinkedBlockingQueue<>();

  record Appended(AccessEvent event, org.campusgate.audit.AppendTicket ticket) {}
  final GatewayServer gateway;
  final MetricRegistry registry = new MetricRegistry();
  final HttpServer origin;
  HttpsServer tlsOrigin;

  Harness(Path dir, PolicyHolder policies, GatewayConfig.Builder config) throws Exception {
    this(dir, policies, config, s -> s, s -> Identifier.nobody());
  }

  /** With the block pages given (e.g. the real {@code LocalizedBlockPages}). */
  Harness(Path dir, PolicyHolder policies, GatewayConfig.Builder config, BlockPages pages)
      throws Exception {
    this(dir, policies, config, s -> s, s -> Identifier.nobody(), pages);
  }

  /**
   * @param wrap wraps the real store (e.g. to refuse appends on demand); the wrapper is what the
   *     gateway and the identifier append to, observed by {@link #appended}
   * @param identifier makes the gateway's identifier from that (observed, wrapped) store
   */
  Harness(Path dir, PolicyHolder policies, GatewayConfig.Builder config,
      UnaryOperator<AuditStore> wrap, Function<AuditStore, Identifier> identifier) throws Exception {
    this(dir, policies, config, wrap, identifier, new TestBlockPages());
  }

  /** As above, with the block pages the gateway renders (the other constructors: the tests'). */
  Harness(Path dir, PolicyHolder policies, GatewayConfig.Builder config,
      UnaryOperator<AuditStore> wrap, Function<AuditStore, Identifier> identifier,
      BlockPages pages) throws Exception {
    store = EmbeddedAuditStore.open(EmbeddedStoreConfig.builder(dir.resolve("audit"), "test-gw")
        .commitInterval(Duration.ofMillis(50)).build());
    AuditStore inner = wrap.apply(store);
    AuditStore observed = (AuditStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {AuditStore.class}, (p, m, a) -> {
          Object r;
          try {
            r = m.invoke(inner, a);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
          }
          if (m.getName().equals("append")) {
            for (Object o : (List<?>) a[0]) {
              if (o instanceof AccessEvent e) {
                appended.add(new Appended(e, (org.campusgate.audit.AppendTicket) r));
              }
            }
          }
          return r;
        });
    origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    origin.createContext("/", Harness::handle);
    origin.setExecutor(Executors.newFixedThreadPool(4));
    origin.start();
    gateway = new GatewayServer(config.bind("127.0.0.1", 0).eventLoops(2).build(),
        identifier.apply(observed), policies, pages, observed,
        new GatewayMetrics(registry)).start();
  }

  void startTlsOrigin() throws Exception {
    SelfSignedCertificate cert = new SelfSignedCertificate("localhost");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("k", cert.key(), "pw".toCharArray(), new Certificate[] {cert.cert()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "pw".toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    tlsOrigin = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    tlsOrigin.setHttpsConfigurator(new HttpsConfigurator(ssl));
    tlsOrigin.createContext("/", Harness::handle);
    tlsOrigin.setExecutor(Executors.newFixedThreadPool(2));
    tlsOrigin.start();
  }

  /** /hello → "hello"; /echo → the number of body bytes received; anything else 404. */
  private static void handle(HttpExchange ex) throws IOException {
    byte[] body;
    int status = 200;
    if (ex.getRequestURI().getPath().equals("/echo")) {
      long n = 0;
      byte[] buf = new byte[65536];
      try (InputStream in = ex.getRequestBody()) {
        for (int r; (r = in.read(buf)) >= 0; ) {
          n += r;
        }
      }
      body = ("received " + n).getBytes(StandardCharsets.US_ASCII);
    } else if (ex.getRequestURI().getPath().equals("/hello")) {
      ex.getRequestBody().readAllBytes();
      String via = ex.getRequestHeaders().getFirst("Via");
      String pc = ex.getRequestHeaders().getFirst("Proxy-Connection");
      body = ("hello via=" + via + " proxy-connection=" + pc).getBytes(StandardCharsets.US_ASCII);
    } else {
      status = 404;
      body = "no".getBytes(StandardCharsets.US_ASCII);
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  String proxy() {
    return "http://127.0.0.1:" + gateway.boundAddress().getPort();
  }

  String originUrl(String path) {
    return "http://127.0.0.1:" + origin.getAddress().getPort() + path;
  }

  /** Runs curl through the gateway; returns stdout (with -w appended by the caller if wanted). */
  Result curl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(CURL, "-sS", "--max-time", "20", "-x", proxy()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  record Result(int exit, String out, String err) {}

  /** The next event handed to the store (waits up to 10 s), checked to be findable in it. */
  AccessEvent nextEvent() throws Exception {
    Appended a = appended.poll(10, TimeUnit.SECONDS);
    assertThat(a).as("an access event was recorded").isNotNull();
    a.ticket().awaitDurable(Duration.ofSeconds(10));
    AccessEvent e = a.event();
    List<StoredEvent> found = store.search(AuditQuery.between(e.timestamp().minusSeconds(1),
        Instant.now().plusSeconds(1)).limit(1000).build()).events();
    assertThat(found).anyMatch(s -> s.event().eventId().equals(e.eventId()));
    return e;
  }

  /**
   * A metric's count once it reaches {@code expected}, or after 5 s. For what the gateway does
   * just after a client has its answer (an exchange is recorded when its last write completed).
   */
  static long awaitCount(java.util.function.LongSupplier count, long expected) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    long c;
    while ((c = count.getAsLong()) < expected && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return c;
  }

  @Override
  public void close() throws Exception {
    gateway.stop(Duration.ofSeconds(1));
    origin.stop(0);
    ((java.util.concurrent.ExecutorService) origin.getExecutor()).shutdownNow();
    if (tlsOrigin != null) {
      tlsOrigin.stop(0);
      ((java.util.concurrent.ExecutorService) tlsOrigin.getExecutor()).shutdownNow();
    }
    store.close();
  }

  static List<? extends AuditRecord> none() {
    return List.of();
  }
}
