package org.campusgate.gateway.e2e;

import java.io.IOException;
import java.io.InputStream;

/** Reading HTTP by hand in tests that drive raw sockets. */
final class RawHttp {
  private RawHttp() {}

  /** Reads up to and including the blank line that ends a head; fails if the peer closes first. */
  static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed in the head: " + head);
      }
      head.append((char) b);
      if (head.length() > 65_536) {
        throw new IOException("head longer than 64 KiB");
      }
    }
    return head.toString();
  }
}
