package org.campusgate.console.testing;

import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.campusgate.console.ConsoleApplication;
import org.campusgate.console.ConsoleConfiguration;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.db.TokenDao;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole console as a test starts it: the real application (database, audit store, gateway
 * on 127.0.0.1:0) in a fresh temporary installation folder, with the repository's demo policy
 * and UT1 sample. Register as a static {@code @RegisterExtension}; it stops and removes
 * everything after the class.
 */
public final class TestConsole implements BeforeAllCallback, AfterAllCallback {
  /** The repository root, seen from the console module where tests run. */
  public static final Path REPO = Path.of("..").toAbsolutePath().normalize();

  private final List<ConfigOverride> overrides = new ArrayList<>();
  private Path home;
  private DropwizardTestSupport<ConsoleConfiguration> support;

  public TestConsole(ConfigOverride... extra) {
    overrides.add(ConfigOverride.config("school.initialPolicy",
        REPO.resolve("config/demo/policy.yaml").toString()));
    overrides.add(ConfigOverride.config("lists", REPO.resolve("data/ut1-sample").toString()));
    overrides.addAll(List.of(extra));
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    home = Files.createTempDirectory("campusgate-console-test");
    Path installation = home;
    support = new DropwizardTestSupport<>(ConsoleApplication.class,
        ResourceHelpers.resourceFilePath("test-console.yaml"),
        overrides.toArray(ConfigOverride[]::new)) {
      @Override
      public Application<ConsoleConfiguration> newApplication() {
        return new ConsoleApplication(installation, Clock.systemUTC(), started -> {});
      }
    };
    support.before();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (support != null) {
        support.after();
      }
    } finally {
      if (home != null) {
        try (Stream<Path> files = Files.walk(home)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  public Path home() {
    return home;
  }

  public ConsoleServices services() {
    return ((ConsoleApplication) support.getApplication()).services();
  }

  /** The console's base URL, e.g. {@code http://127.0.0.1:40123}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + support.getLocalPort());
  }

  /** A URL of the API, {@code path} starting after {@code /api/v1}. */
  public URI api(String path) {
    return baseUri().resolve("/api/v1" + path);
  }

  public URI admin(String path) {
    return URI.create("http://127.0.0.1:" + support.getAdminPort() + path);
  }

  /** The classes registered with Jersey (resources are registered by class and bound to their instance). */
  public java.util.Set<Class<?>> jerseyClasses() {
    return support.getEnvironment().jersey().getResourceConfig().getClasses();
  }

  /** The in-process gateway's proxy address. */
  public InetSocketAddress proxy() {
    return services().gateway().orElseThrow().boundAddress().orElseThrow();
  }

  /** The one-time password of the first admin, as written to var/initial-admin-password. */
  public String initialAdminPassword() {
    try {
      return Files.readString(home.resolve("var/initial-admin-password")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A console account with its own password already chosen (no forced change). */
  public void account(String username, String password, ConsoleRole role, String school) {
    ConsoleServices s = services();
    long id = s.db().accounts().create(username, s.hasher().hash(password.toCharArray()), role, school).id();
    s.db().accounts().changePassword(id, s.hasher().hash(password.toCharArray()), false);
  }

  /** A new API token with {@code role} (and {@code school}, for school-bound roles). */
  public String token(ConsoleRole role, String school, String name) {
    String secret = "cgt_test_" + name + "_" + System.nanoTime();
    services().db().tokens().create(TokenDao.hashOf(secret), name, role, school);
    return secret;
  }
}
