package org.campusgate.console.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.campusgate.console.ConsoleApplication;

/**
 * Runs the console application (and the gateway its configuration names) with a configuration
 * file, then prints where it listens and, on a first start, the one-time admin password.
 */
final class ConsoleLauncher {
  private ConsoleLauncher() {}

  static int run(Path home, Path config, PrintStream out, PrintStream err, Messages m)
      throws Exception {
    if (!Files.isReadable(config)) {
      err.println(m.get("console.no-config", config));
      return CampusGate.EXIT_INVALID;
    }
    CompletableFuture<ConsoleApplication.Started> started = new CompletableFuture<>();
    ConsoleApplication app = new ConsoleApplication(home, Clock.systemUTC(), started::complete);
    // Dropwizard's own CLI: "server FILE" checks the file, starts Jetty and returns; a failure
    // is printed by Dropwizard and exits the JVM with status 1.
    app.run("server", config.toString());
    ConsoleApplication.Started s = started.get(60, TimeUnit.SECONDS);
    out.println(m.get("console.url", s.consoleUrl()));
    s.proxy().ifPresent(p -> out.println(m.get("console.proxy",
        p.getHostString() + ":" + p.getPort())));
    if (s.initialAdminPassword().isPresent()) {
      out.println(m.get("console.first-admin", "admin", s.initialAdminPassword().get(),
          s.initialAdminPasswordFile()));
    } else {
      out.println(m.get("console.signin"));
    }
    out.flush();
    return -1;
  }
}
