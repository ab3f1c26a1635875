package org.campusgate.console.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's stand-in for the learning apps' web sites: the demo hosts file maps the demo app
 * domains to 127.0.0.1, and this answers on loopback with a page naming the host, so a request
 * the gateway allows visibly arrives somewhere. Answers only GET and HEAD, with a fixed page.
 */
final class DemoOrigin implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private DemoOrigin(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Starts on 127.0.0.1:{@code port} (0: any free port). */
  static DemoOrigin start(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "demo-origin");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", DemoOrigin::answer);
    server.start();
    return new DemoOrigin(server, executor);
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      String host = String.valueOf(exchange.getRequestHeaders().getFirst("Host"))
          .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.:-]", "");
      byte[] page = ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
          + "<title>CampusGate demo app</title></head><body><h1>" + host + "</h1>"
          + "<p>演示学习应用：请求已经过网关放行。</p><p>Demo learning app: the gateway let this request through.</p>"
          + "</body></html>\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
      } else {
        exchange.sendResponseHeaders(200, page.length);
        try (OutputStream body = exchange.getResponseBody()) {
          body.write(page);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
