package org.campusgate.console;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.forms.MultiPartBundle;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.campusgate.audit.embedded.EmbeddedAuditStore;
import org.campusgate.audit.embedded.EmbeddedStoreConfig;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.core.LocalGateway;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.policy.PolicyHolder;

/**
 * The console: wires the database, the audit store, the policy service and (when configured) the
 * school's gateway into one process, and serves the REST API under {@code /api/v1} and the web
 * pages at {@code /}. Wiring only; the work is in {@code core}, {@code auth} and {@code resources}.
 */
public final class ConsoleApplication extends Application<ConsoleConfiguration> {
  /** What a caller of {@link #run(String...)} learns once everything listens. */
  public record Started(String consoleUrl, Optional<InetSocketAddress> proxy,
      Optional<String> initialAdminPassword, Path initialAdminPasswordFile) {}

  private final Path home;
  private final Clock clock;
  private final Consumer<Started> onStarted;
  private volatile ConsoleServices services;

  public ConsoleApplication(Path home, Clock clock, Consumer<Started> onStarted) {
    this.home = Objects.requireNonNull(home, "home");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onStarted = Objects.requireNonNull(onStarted, "onStarted");
  }

  @Override
  public String getName() {
    return "campusgate";
  }

  @Override
  public void initialize(Bootstrap<ConsoleConfiguration> bootstrap) {
    bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
        bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.addBundle(new AssetsBundle("/assets/", "/", "index.html", "assets"));
    bootstrap.addBundle(new MultiPartBundle());
    // Times as ISO-8601 text, as the pages and API users read them.
    bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  @Override
  public void run(ConsoleConfiguration config, Environment environment) throws Exception {
    ConsoleDatabase db = openDatabase(config, home, clock);
    environment.lifecycle().manage(closing(db::close));
    ConsoleServices s = ConsoleServices.start(config, home, clock, db, environment.getObjectMapper());
    services = s;
    PolicyHolder holder = s.policies().holderFor(config.school.id);
    EmbeddedAuditStore store = EmbeddedAuditStore.open(EmbeddedStoreConfig
        .builder(home.resolve(config.audit), "campusgate/" + config.school.id + "/"
            + (config.gateway == null ? "console" : config.gateway.id))
        .zone(holder.current().zone()).build());
    environment.lifecycle().manage(closing(store::close));
    s.attachStore(store);
    LocalGateway gateway = null;
    if (config.gateway != null) {
      gateway = new LocalGateway(new LocalGateway.Settings(config.school.id, config.gateway.id,
          Addresses.listen(config.gateway.listen), config.gateway.contact,
          config.gateway.users.isBlank() ? null : home.resolve(config.gateway.users),
          config.gateway.eventLoops,
          config.gateway.hostsFile.isBlank() ? null : home.resolve(config.gateway.hostsFile)), holder, s.bindings(), store, environment.metrics());
      environment.lifecycle().manage(gateway);
    }
    s.attachGateway(gateway);
    ConsoleWiring.register(config, environment, s);
    LocalGateway started = gateway;
    environment.lifecycle().addServerLifecycleListener(server -> onStarted.accept(new Started(
        "http://" + ConsoleWiring.host(config) + ":" + ConsoleWiring.applicationPort(server) + "/",
        started == null ? Optional.empty() : started.boundAddress(),
        s.initialAdminPassword(), home.resolve(config.initialAdminPasswordFile))));
  }

  /** Opens (and migrates) the database the configuration names: PostgreSQL by URL, else the embedded H2 file. */
  public static ConsoleDatabase openDatabase(ConsoleConfiguration config, Path home, Clock clock) {
    return config.database.url.isBlank()
        ? ConsoleDatabase.open(ConsoleDatabase.embeddedUrl(home.resolve(config.database.embeddedDir)),
            "sa", "", clock)
        : ConsoleDatabase.open(config.database.url, config.database.user, config.database.password,
            clock);
  }

  /**
   * Reads and validates a configuration file as the server does (environment variables
   * substituted), for commands that work on the configured database without starting it.
   */
  public static ConsoleConfiguration readConfiguration(Path file) throws Exception {
    ObjectMapper json = Jackson.newObjectMapper();
    return new YamlConfigurationFactory<>(ConsoleConfiguration.class, Validators.newValidator(),
        json, "dw").build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
            new EnvironmentVariableSubstitutor(false)), file.toString());
  }

  /** The services of the running console (tests reach the policy holder and store through it). */
  public ConsoleServices services() {
    return services;
  }

  private static Managed closing(AutoCloseableAction action) {
    return new Managed() {
      @Override
      public void stop() throws Exception {
        action.close();
      }
    };
  }

  @FunctionalInterface
  private interface AutoCloseableAction {
    void close() throws Exception;
  }

  /** Parses {@code host:port}. */
  static final class Addresses {
    private Addresses() {}

    static InetSocketAddress listen(String text) throws IOException {
      int colon = text.lastIndexOf(':');
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port > 65535) {
        throw new IOException("gateway.listen: port out of range in '" + text + "'");
      }
      return new InetSocketAddress(host, port);
    }
  }
}
