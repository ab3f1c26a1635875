package org.campusgate.console.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The gateway's configuration file: where it listens, which policy, lists and audit store it
 * uses. Unknown keys and missing required ones are refused by name; paths are relative to the
 * installation folder.
 */
record GatewaySettings(
    String school, String gateway, InetSocketAddress listen, Path policy, Path lists, Path audit,
    String contact, Path users, int eventLoops, Path hostsFile) {

  private static final Set<String> KEYS =
      Set.of("school", "gateway", "listen", "policy", "lists", "audit", "contact", "users",
          "event-loops", "hosts-file");

  static GatewaySettings load(Path file, Path home) throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(1 << 20);
    Object root = new Yaml(new SafeConstructor(options)).load(Files.readString(file));
    if (!(root instanceof Map<?, ?> raw)) {
      throw new IllegalArgumentException(file + ": expected a mapping of settings");
    }
    Map<String, String> m = new LinkedHashMap<>();
    raw.forEach((k, v) -> {
      if (!KEYS.contains(String.valueOf(k))) {
        throw new IllegalArgumentException(file + ": unknown setting '" + k + "' (known: "
            + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
      }
      m.put(String.valueOf(k), v == null ? null : String.valueOf(v));
    });
    return new GatewaySettings(
        required(m, "school", file), required(m, "gateway", file),
        listen(required(m, "listen", file), file),
        home.resolve(required(m, "policy", file)),
        m.get("lists") == null ? null : home.resolve(m.get("lists")),
        home.resolve(required(m, "audit", file)),
        m.getOrDefault("contact", ""),
        m.get("users") == null ? null : home.resolve(m.get("users")),
        eventLoops(m.get("event-loops"), file),
        m.get("hosts-file") == null ? null : home.resolve(m.get("hosts-file")));
  }

  private static int eventLoops(String text, Path file) {
    if (text == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= 256) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(file + ": event-loops must be 1..256, not '" + text + "'");
  }

  private static String required(Map<String, String> m, String key, Path file) {
    String v = m.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(file + ": the setting '" + key + "' is required");
    }
    return v;
  }

  /** {@code host:port}, {@code [v6]:port}. */
  static InetSocketAddress listen(String text, Path file) {
    int colon = text.lastIndexOf(':');
    String host = colon < 0 ? "" : text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (host.isEmpty() || port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(host, port);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": listen must be host:port, not '" + text + "'");
    }
  }
}
