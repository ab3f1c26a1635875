package org.campusgate.console.health;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeStamp;

/**
 * An NTP server on 127.0.0.1 (port 0) whose clock is {@code skew} ahead of this machine's, or
 * one that never answers. Enough of RFC 5905 for a client: mode 4, stratum 2, the client's
 * transmit time echoed as originate time.
 */
final class FakeNtpServer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Thread thread;

  private FakeNtpServer(Duration skew, boolean answer) throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = new Thread(() -> serve(skew, answer), "fake-ntp");
    thread.setDaemon(true);
    thread.start();
  }

  static FakeNtpServer skewedBy(Duration skew) throws SocketException {
    return new FakeNtpServer(skew, true);
  }

  static FakeNtpServer silent() throws SocketException {
    return new FakeNtpServer(Duration.ZERO, false);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve(Duration skew, boolean answer) {
    byte[] buffer = new byte[48];
    while (!socket.isClosed()) {
      DatagramPacket in = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(in);
        if (!answer) {
          continue;
        }
        NtpV3Impl request = new NtpV3Impl();
        request.setDatagramPacket(in);
        TimeStamp now = TimeStamp.getNtpTime(System.currentTimeMillis() + skew.toMillis());
        NtpV3Impl reply = new NtpV3Impl();
        reply.setMode(NtpV3Packet.MODE_SERVER);
        reply.setVersion(NtpV3Packet.VERSION_3);
        reply.setStratum(2);
        reply.setOriginateTimeStamp(request.getTransmitTimeStamp());
        reply.setReceiveTimeStamp(now);
        reply.setReferenceTime(now);
        reply.setTransmitTime(now);
        DatagramPacket out = reply.getDatagramPacket();
        out.setSocketAddress(in.getSocketAddress());
        socket.send(out);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(5_000);
  }
}
