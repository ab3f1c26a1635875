package org.campusgate.console.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one proxy request from a chosen loopback address (the demo binds 127.0.0.2 to a
 * student, 127.0.0.3 to a teacher) and reads the whole answer. Only ever talks to the gateway on
 * loopback; tests use it for requests the gateway answers itself (blocks).
 */
public final class ProxyClient {
  private ProxyClient() {}

  /** An answer: status code and the text of head and body. */
  public record Answer(int status, String text) {}

  public static Answer get(InetSocketAddress proxy, String from, String url) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(from, 0));
      s.connect(proxy, 5_000);
      s.setSoTimeout(10_000);
      String host = java.net.URI.create(url).getHost();
      s.getOutputStream().write(("GET " + url + " HTTP/1.1\r\nHost: " + host
          + "\r\nAccept-Language: en\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0 && out.size() < 1 << 20; ) {
        out.write(buf, 0, n);
      }
      String text = out.toString(StandardCharsets.UTF_8);
      return new Answer(Integer.parseInt(text.substring(9, 12)), text);
    }
  }
}
