package org.campusgate.console.lists;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.campusgate.console.ConsoleApplication;
import org.campusgate.console.ConsoleConfiguration;
import org.campusgate.console.core.ConsoleServices;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.db.TokenDao;
import org.campusgate.policy.Action;
import org.campusgate.policy.Decision;
import org.campusgate.policy.RequestContext;
import org.campusgate.policy.UserIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block lists API on the running console: counts, imports with progress, custom entries. */
class ListsApiTest {
  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final Path SAMPLE = REPO.resolve("data/ut1-sample");
  private static final String SCHOOL = "demo-school";
  private static final String ADMIN = "district-secret-0123456789";
  private static final String SCHOOL_ADMIN = "school-secret-0123456789";
  private static final String INSPECTOR = "inspector-secret-0123456789";

  @TempDir Path home;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();
  private DropwizardTestSupport<ConsoleConfiguration> app;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(home.resolve("incoming"));
    app = startConsole();
    ConsoleServices s = services();
    TokenDao tokens = s.db().tokens();
    tokens.create(TokenDao.hashOf(ADMIN), "district", ConsoleRole.DISTRICT_ADMIN, null);
    tokens.create(TokenDao.hashOf(SCHOOL_ADMIN), "school", ConsoleRole.SCHOOL_ADMIN, SCHOOL);
    tokens.create(TokenDao.hashOf(INSPECTOR), "inspector", ConsoleRole.INSPECTOR, null);
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.after();
    }
  }

  @Test
  void listsTheCategoriesWithTheirCountsAndSource() throws Exception {
    JsonNode lists = call("GET", "/lists", INSPECTOR, null).body;
    assertThat(lists.at("/source/kind").asText()).isEqualTo("config");
    JsonNode gambling = category(lists, "gambling");
    assertThat(gambling.get("domains").asInt()).isEqualTo(lines(SAMPLE.resolve("blacklists/gambling/domains")));
    assertThat(gambling.get("urls").asInt()).isPositive();
    assertThat(gambling.get("custom").asInt()).isZero();
    JsonNode publicite = category(lists, "publicite");
    assertThat(publicite.get("expressions").asInt()).isPositive();
    assertThat(publicite.get("aliases").toString()).contains("ads");
    assertThat(call("GET", "/lists", SCHOOL_ADMIN, null).status).isEqualTo(200);
    assertThat(call("GET", "/lists", null, null).status).isEqualTo(401);
  }

  @Test
  void importsTheSampleFolderInTheBackgroundAndRecordsIt() throws Exception {
    long versionBefore = holderVersion();
    // relative to the installation folder, and inside the import folder data/
    Response started = call("POST", "/lists/imports", ADMIN, Map.of("path", rel(SAMPLE), "comment", "sample"));
    assertThat(started.status).as(started.body.toString()).isEqualTo(202);
    JsonNode done = awaitFinished(started.body.get("id").asLong());
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
    assertThat(done.get("categories").asInt()).isGreaterThanOrEqualTo(8);
    assertThat(done.get("domains").asLong()).isPositive();

    JsonNode lists = call("GET", "/lists", INSPECTOR, null).body;
    assertThat(lists.at("/source/kind").asText()).isEqualTo("import");
    JsonNode gambling = category(lists, "gambling");
    assertThat(gambling.get("importedBy").asText()).isEqualTo("token:district");
    assertThat(gambling.get("importedAt").isNull()).isFalse();
    assertThat(holderVersion()).isEqualTo(versionBefore + 1);
    try (Stream<Path> kept = Files.list(home.resolve("var/lists/imports"))) {
      assertThat(kept.toList()).hasSize(1);
    }
    assertThat(actions()).contains("lists.import");
  }

  @Test
  void anUploadedArchiveIsImportedTheGatewayBlocksItsEntriesAndARestartKeepsIt() throws Exception {
    assertThat(decide("http://uploaded-casino.example/").action()).isEqualTo(Action.ALLOW);
    byte[] archive = sampleArchive("uploaded-casino.example\n");
    Response started = upload(archive, ADMIN);
    assertThat(started.status).as(started.body.toString()).isEqualTo(202);
    JsonNode done = awaitFinished(started.body.get("id").asLong());
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("done");
    assertThat(done.get("source").asText()).isEqualTo("upload: blacklists.tar.gz");

    Decision d = decide("http://uploaded-casino.example/");
    assertThat(d.action()).isEqualTo(Action.BLOCK);
    assertThat(d.category()).isEqualTo("gambling");
    try (Stream<Path> left = Files.list(home.resolve("var/lists/uploads"))) {
      assertThat(left.toList()).isEmpty();
    }

    app.after();
    app = startConsole();
    assertThat(decide("http://uploaded-casino.example/").action()).isEqualTo(Action.BLOCK);
    assertThat(call("GET", "/lists", ADMIN, null).body.at("/source/source").asText())
        .isEqualTo("upload: blacklists.tar.gz");
  }

  @Test
  void onlyADistrictAdminImports() throws Exception {
    assertThat(call("POST", "/lists/imports", SCHOOL_ADMIN, Map.of("path", SAMPLE.toString())).status).isEqualTo(403);
    assertThat(upload(sampleArchive(""), INSPECTOR).status).isEqualTo(403);
  }

  @Test
  void pathsOutsideTheImportFoldersAreRefusedSymlinksIncluded() throws Exception {
    Path outside = Files.createDirectories(home.resolve("elsewhere"));
    copyTree(SAMPLE, outside.resolve("ut1"));
    Files.createSymbolicLink(home.resolve("incoming/escape"), outside.resolve("ut1"));
    for (String path : List.of("elsewhere/ut1", outside.resolve("ut1").toString(), "incoming/../elsewhere/ut1",
        "incoming/escape", "/etc")) {
      Response r = call("POST", "/lists/imports", ADMIN, Map.of("path", path));
      assertThat(r.status).as(path).isEqualTo(403);
      assertThat(r.body.get("error").asText()).isEqualTo("path-not-allowed");
    }
    Response missing = call("POST", "/lists/imports", ADMIN, Map.of("path", "incoming/nothing-here"));
    assertThat(missing.status).isEqualTo(400);
    assertThat(call("GET", "/lists/imports", ADMIN, null).body).isEmpty();
  }

  @Test
  void aMalformedArchiveFailsWithAClearErrorAndNothingChanges() throws Exception {
    Files.write(home.resolve("incoming/broken.tar.gz"), "this is not gzip".getBytes(StandardCharsets.UTF_8));
    long versionBefore = holderVersion();
    Response started = call("POST", "/lists/imports", ADMIN, Map.of("path", "incoming/broken.tar.gz"));
    assertThat(started.status).isEqualTo(202);
    JsonNode failed = awaitFinished(started.body.get("id").asLong());
    assertThat(failed.get("state").asText()).isEqualTo("failed");
    assertThat(failed.at("/errors/0/message").asText()).contains("not a readable .tar.gz archive");
    assertThat(call("GET", "/lists", ADMIN, null).body.at("/source/kind").asText()).isEqualTo("config");
    assertThat(holderVersion()).isEqualTo(versionBefore);
    try (Stream<Path> kept = Files.list(home.resolve("var/lists/imports"))) {
      assertThat(kept.toList()).isEmpty();
    }
    assertThat(actions()).contains("lists.import-failed");
  }

  @Test
  void listsThePolicyNeedsCannotBeImportedAway() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      add(tar, "blacklists/gambling/domains", "casino.example\n".getBytes(StandardCharsets.UTF_8));
    }
    Response started = upload(bytes.toByteArray(), ADMIN);
    JsonNode failed = awaitFinished(started.body.get("id").asLong());
    assertThat(failed.get("state").asText()).isEqualTo("failed");
    assertThat(failed.at("/errors/0/message").asText()).contains("policy does not compile");
    assertThat(category(call("GET", "/lists", ADMIN, null).body, "vpn")).isNotNull();
  }

  @Test
  void aBadLineRejectsTheImportWithItsFileAndLine() throws Exception {
    Path bad = home.resolve("incoming/bad");
    copyTree(SAMPLE, bad);
    Files.writeString(bad.resolve("blacklists/gambling/domains"), "ok.example\nnot a domain\n");
    JsonNode failed = awaitFinished(call("POST", "/lists/imports", ADMIN,
        Map.of("path", "incoming/bad")).body.get("id").asLong());
    assertThat(failed.get("state").asText()).isEqualTo("failed");
    assertThat(failed.at("/errors/0/file").asText()).isEqualTo("gambling/domains");
    assertThat(failed.at("/errors/0/line").asInt()).isEqualTo(2);
  }

  @Test
  void aCustomEntryChangesTheGatewaysDecisionUntilRemoved() throws Exception {
    assertThat(decide("http://my-casino.example/games").action()).isEqualTo(Action.ALLOW);

    Response added = call("POST", "/lists/gambling/entries", ADMIN, Map.of("value", "WWW.My-Casino.example."));
    assertThat(added.status).as(added.body.toString()).isEqualTo(201);
    assertThat(added.body.get("entry").asText()).isEqualTo("www.my-casino.example");
    Response again = call("POST", "/lists/gambling/entries", ADMIN, Map.of("kind", "domain", "value", "www.my-casino.example"));
    assertThat(again.status).isEqualTo(200);
    assertThat(decide("http://www.my-casino.example/games").action()).isEqualTo(Action.BLOCK);
    assertThat(decide("http://www.my-casino.example/games").category()).isEqualTo("gambling");
    assertThat(category(call("GET", "/lists", INSPECTOR, null).body, "gambling").get("custom").asInt()).isEqualTo(1);

    Response alias = call("POST", "/lists/ads/entries", ADMIN, Map.of("value", "tracker.example/pixel"));
    assertThat(alias.status).isEqualTo(201);
    assertThat(alias.body.get("category").asText()).isEqualTo("publicite");
    assertThat(alias.body.get("kind").asText()).isEqualTo("url");

    assertThat(call("POST", "/lists/gambling/entries", SCHOOL_ADMIN, Map.of("value", "x.example")).status).isEqualTo(403);
    Response bad = call("POST", "/lists/gambling/entries", ADMIN, Map.of("value", "not a domain"));
    assertThat(bad.status).isEqualTo(400);
    assertThat(bad.body.get("error").asText()).isEqualTo("bad-entry");
    assertThat(call("POST", "/lists/no-such/entries", ADMIN, Map.of("value", "x.example")).status).isEqualTo(404);

    Response removed = call("DELETE", "/lists/gambling/entries?kind=domain&value=www.my-casino.example", ADMIN, null);
    assertThat(removed.status).isEqualTo(204);
    assertThat(decide("http://www.my-casino.example/games").action()).isEqualTo(Action.ALLOW);
    assertThat(call("DELETE", "/lists/gambling/entries?value=www.my-casino.example", ADMIN, null).status).isEqualTo(404);
    assertThat(actions()).contains("lists.entry.add", "lists.entry.remove");
  }

  // ---- helpers

  private DropwizardTestSupport<ConsoleConfiguration> startConsole() throws Exception {
    ConsoleConfiguration c = new ConsoleConfiguration();
    c.school.initialPolicy = REPO.resolve("config/demo/policy.yaml").toString();
    c.lists = SAMPLE.toString();
    c.listImportRoots = List.of(REPO.resolve("data").toString(), "incoming");
    DefaultServerFactory server = (DefaultServerFactory) c.getServerFactory();
    server.setApplicationConnectors(List.of(loopback()));
    server.setAdminConnectors(List.of(loopback()));
    ((DefaultLoggingFactory) c.getLoggingFactory()).setLevel("WARN");
    Path dir = home;
    DropwizardTestSupport<ConsoleConfiguration> support = new DropwizardTestSupport<>(ConsoleApplication.class, c) {
      @Override
      public ConsoleApplication newApplication() {
        return new ConsoleApplication(dir, Clock.systemUTC(), started -> { });
      }
    };
    support.before();
    return support;
  }

  private static HttpConnectorFactory loopback() {
    HttpConnectorFactory f = new HttpConnectorFactory();
    f.setBindHost("127.0.0.1");
    f.setPort(0);
    return f;
  }

  private ConsoleServices services() {
    return ((ConsoleApplication) app.getApplication()).services();
  }

  private long holderVersion() {
    return services().policies().liveHolder(SCHOOL).orElseThrow().current().version();
  }

  /** What the school's gateway decides for a student now. */
  private Decision decide(String url) throws Exception {
    RequestContext request = RequestContext.builder().time(Instant.now()).schoolId(SCHOOL)
        .user(UserIdentity.of("student1", "students")).url(url).build();
    return services().policies().liveHolder(SCHOOL).orElseThrow().current().decide(request);
  }

  private List<String> actions() {
    return services().adminLog().dao().page(null, 0, 1000).stream().map(a -> a.action()).toList();
  }

  private record Response(int status, JsonNode body) {}

  private Response call(String method, String path, String token, Object body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return response(http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
  }

  private Response upload(byte[] archive, String token) throws Exception {
    String boundary = "----cg" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blacklists.tar.gz\"\r\n"
        + "Content-Type: application/gzip\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(archive);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request = HttpRequest.newBuilder(uri("/lists/imports?comment=upload"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return response(http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
  }

  private Response response(HttpResponse<byte[]> r) throws IOException {
    byte[] b = r.body();
    return new Response(r.statusCode(), b.length == 0 ? json.nullNode() : json.readTree(b));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.getLocalPort() + "/api/v1" + path);
  }

  /** Polls the import until it is done or failed, for at most 30 s. */
  private JsonNode awaitFinished(long id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      JsonNode job = call("GET", "/lists/imports/" + id, INSPECTOR, null).body;
      String state = job.get("state").asText();
      if (state.equals("done") || state.equals("failed")) {
        return job;
      }
      assertThat(System.nanoTime()).as("import %d still %s", id, job).isLessThan(deadline);
      Thread.sleep(20); // between polls, not as synchronisation
    }
  }

  private static JsonNode category(JsonNode lists, String name) {
    for (JsonNode c : lists.get("categories")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static int lines(Path file) throws IOException {
    return (int) Files.readAllLines(file).stream().map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
  }

  private String rel(Path p) {
    return home.relativize(p).toString();
  }

  /** The sample as UT1 ships it, with {@code extraGambling} appended to gambling/domains. */
  private static byte[] sampleArchive(String extraGambling) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes));
        Stream<Path> walk = Files.walk(SAMPLE.resolve("blacklists"))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        if (!Files.isRegularFile(p)) {
          continue;
        }
        String name = "blacklists/" + SAMPLE.resolve("blacklists").relativize(p).toString().replace('\\', '/');
        byte[] content = Files.readAllBytes(p);
        if (name.equals("blacklists/gambling/domains")) {
          content = (new String(content, StandardCharsets.UTF_8) + extraGambling).getBytes(StandardCharsets.UTF_8);
        }
        add(tar, name, content);
      }
    }
    return bytes.toByteArray();
  }

  private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
  }

}
