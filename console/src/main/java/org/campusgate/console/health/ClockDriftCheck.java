package org.campusgate.console.health;

import com.codahale.metrics.health.HealthCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.apache.commons.net.ntp.NTPUDPClient;
import org.apache.commons.net.ntp.TimeInfo;
import org.campusgate.console.ConsoleConfiguration;

/**
 * This machine's clock agrees with an NTP server to within {@code maxDrift}. Audit timestamps
 * are evidence: a clock that drifted makes the timeline of an incident wrong, so a drift beyond
 * the bound, or a server that does not answer within the timeout, is unhealthy.
 */
public final class ClockDriftCheck extends HealthCheck {
  private final String host;
  private final int port;
  private final Duration maxDrift;
  private final Duration timeout;

  public ClockDriftCheck(String host, int port, Duration maxDrift, Duration timeout) {
    this.host = Objects.requireNonNull(host, "host");
    this.port = port;
    this.maxDrift = Objects.requireNonNull(maxDrift, "maxDrift");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * The check the configuration's {@code ntp} section asks for; {@code server} is a host, an
   * IPv6 address, {@code host:port} or {@code [v6]:port}.
   *
   * @throws IllegalArgumentException when the port is not a number from 1 to 65535
   */
  public static ClockDriftCheck of(ConsoleConfiguration.NtpSection ntp) {
    String server = ntp.server.strip();
    String host = server;
    String port = null;
    if (server.startsWith("[")) {
      int close = server.indexOf(']');
      host = server.substring(1, close < 0 ? server.length() : close);
      port = close >= 0 && server.startsWith(":", close + 1) ? server.substring(close + 2) : null;
    } else if (server.indexOf(':') > 0 && server.indexOf(':') == server.lastIndexOf(':')) {
      host = server.substring(0, server.indexOf(':'));
      port = server.substring(server.indexOf(':') + 1);
    }
    return new ClockDriftCheck(host, port == null ? NTPUDPClient.DEFAULT_PORT : port(port),
        ntp.maxDrift.toJavaDuration(), ntp.timeout.toJavaDuration());
  }

  private static int port(String text) {
    try {
      int p = Integer.parseInt(text);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("ntp.server: the port must be 1..65535, not '" + text + "'");
  }

  @Override
  protected Result check() {
    NTPUDPClient client = new NTPUDPClient();
    client.setDefaultTimeout(timeout);
    try {
      client.open();
      TimeInfo info = client.getTime(InetAddress.getByName(host), port);
      info.computeDetails();
      Long offset = info.getOffset();
      if (offset == null) {
        return Result.unhealthy("%s:%d gave no usable time", host, port);
      }
      ResultBuilder r = Math.abs(offset) > maxDrift.toMillis()
          ? Result.builder().unhealthy() : Result.builder().healthy();
      return r.withMessage("clock offset %+d ms from %s:%d (at most %d ms allowed)", offset, host,
          port, maxDrift.toMillis()).withDetail("offsetMillis", offset).build();
    } catch (SocketTimeoutException e) {
      return Result.unhealthy("no answer from %s:%d within %d ms", host, port, timeout.toMillis());
    } catch (IOException e) {
      return Result.unhealthy("cannot ask %s:%d: %s", host, port, e.getMessage());
    } finally {
      client.close();
    }
  }
}
