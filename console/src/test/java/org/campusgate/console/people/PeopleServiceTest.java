package org.campusgate.console.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.campusgate.audit.EventIds;
import org.campusgate.console.core.AdminLog;
import org.campusgate.console.core.GatewayBindings;
import org.campusgate.console.core.RefusedRequest;
import org.campusgate.console.db.AdminAction;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.people.PeopleViews.BindingInput;
import org.campusgate.console.people.PeopleViews.UserInput;
import org.campusgate.console.people.PeopleViews.UserView;
import org.campusgate.gateway.identity.GatewayIdentifier;
import org.campusgate.gateway.identity.IdentifyResult;
import org.campusgate.gateway.identity.IdentityEvents;
import org.campusgate.gateway.identity.IpBindings;
import org.campusgate.gateway.identity.PasswordHashes;
import org.campusgate.gateway.identity.ProxyAuthenticator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin manages a school's people over a real (H2) database, with the school's gateway
 * identifier attached: what they change is who the gateway sees behind an address, and every
 * change is in the admin log.
 */
class PeopleServiceTest {
  static final Instant NOW = Instant.parse("2026-09-01T08:00:00Z");

  @TempDir Path dir;
  ConsoleDatabase db;
  PeopleService people;
  PeopleImport importer;
  GatewayIdentifier gateway;

  @BeforeEach
  void open() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    db = ConsoleDatabase.open(ConsoleDatabase.embeddedUrl(dir), "sa", "", clock);
    db.schools().create("north", "North Primary");
    db.schools().create("south", "South Middle");
    GatewayBindings bindings = new GatewayBindings(db.people(), clock);
    gateway = new GatewayIdentifier(new ProxyAuthenticator(name -> Optional.empty(),
        new PasswordHashes()), IpBindings.empty(),
        new IdentityEvents("north", "gw-1", new EventIds(), events -> { }),
        GatewayIdentifier.Settings.defaults(), Ticker.systemTicker());
    bindings.attach("north", gateway);
    people = new PeopleService(db.people(), new AdminLog(db.adminLog(), new ObjectMapper()
        .findAndRegisterModules()), bindings);
    importer = new PeopleImport(people);
    people.createGroup("admin", "north", "students");
    people.createGroup("admin", "north", "teachers");
  }

  @AfterEach
  void close() {
    db.close();
  }

  private String seenAt(String address) throws Exception {
    IdentifyResult r = gateway.identify(InetAddress.getByName(address), null, NOW);
    IdentifyResult.Identified id = (IdentifyResult.Identified) r;
    return id.user() == null ? "anonymous"
        : id.user().id() + " " + new java.util.TreeSet<>(id.user().groups());
  }

  private List<String> logged() {
    return db.adminLog().page(null, 0, 1000).stream()
        .map(a -> a.actor() + " " + a.action() + " " + a.target()).toList();
  }

  @Test
  void aBoundUserIsWhoTheGatewaySeesWithTheirCurrentGroups() throws Exception {
    people.createUser("admin", "north", new UserInput(" ann ", "Ann Li", List.of("students")));
    // typed loosely, stored and shown canonical
    assertThat(people.bind("admin", "north", new BindingInput("10.1.2.0/24 ", "ann", null)).cidr())
        .isEqualTo("10.1.2.0/24");
    assertThat(seenAt("10.1.2.77")).isEqualTo("ann [students]");

    people.updateUser("bob", "north", "ann", new UserInput(null, null, List.of("teachers")));
    assertThat(seenAt("10.1.2.77")).isEqualTo("ann [teachers]");

    people.deleteUser("admin", "north", "ann");
    assertThat(seenAt("10.1.2.77")).isEqualTo("anonymous");
    assertThat(logged()).containsSubsequence("admin user.create user:north/ann",
        "admin binding.create binding:north/10.1.2.0/24", "bob user.update user:north/ann",
        "admin user.delete user:north/ann");
  }

  @Test
  void theLogHoldsTheStateBeforeAndAfter() {
    people.createUser("admin", "north", new UserInput("ann", "Ann Li", List.of("students")));
    UserView returned = people.updateUser("admin", "north", "ann", new UserInput(null, "Ann Li-Wang", null));
    assertThat(returned.displayName()).isEqualTo("Ann Li-Wang");
    assertThat(people.user("north", "ann").displayName()).isEqualTo("Ann Li-Wang");
    AdminAction update = db.adminLog().latest("north", Long.MAX_VALUE, 1).get(0);
    assertThat(update.action()).isEqualTo("user.update");
    assertThat(update.beforeJson()).contains("\"displayName\":\"Ann Li\"", "\"students\"");
    assertThat(update.afterJson()).contains("\"displayName\":\"Ann Li-Wang\"", "\"students\"");
  }

  @Test
  void badInputIsRefusedWithAStableCode() {
    people.createUser("admin", "north", new UserInput("ann", "", List.of()));
    assertThat(people.user("north", "ann").displayName()).isEqualTo("ann");
    assertRefused(() -> people.createUser("admin", "north", new UserInput("ann", "x", null)),
        409, "duplicate-user");
    assertRefused(() -> people.createUser("admin", "north", new UserInput("a b", "x", null)),
        400, "invalid-login");
    assertRefused(() -> people.createUser("admin", "north", new UserInput("cat", "x",
        List.of("nope"))), 404, "no-such-group");
    assertRefused(() -> people.bind("admin", "north", new BindingInput("10.1.2.5/24", "ann", null)),
        400, "invalid-cidr");
    assertRefused(() -> people.bind("admin", "north", new BindingInput("10.1.2.5", "ann", "students")),
        400, "bad-request");
    people.bind("admin", "north", new BindingInput("10.1.2.5", "ann", null));
    assertRefused(() -> people.bind("admin", "north", new BindingInput("10.1.2.5/32", null, "students")),
        409, "network-taken");
    assertRefused(() -> people.user("south", "ann"), 404, "no-such-user");
    assertRefused(() -> people.updateUser("admin", "north", "ann", new UserInput("anna", null, null)),
        400, "login-unchangeable");
    assertThat(people.users("north", "")).extracting(UserView::login).containsExactly("ann");
  }

  @Test
  void removingAGroupKeepsItsMembersAndDropsItsBindings() throws Exception {
    people.createUser("admin", "north", new UserInput("ann", "Ann", List.of("students")));
    people.bind("admin", "north", new BindingInput("10.9.0.0/16", null, "students"));
    assertThat(seenAt("10.9.1.1")).isEqualTo("students [students]");
    assertThat(people.groups("north")).extracting(g -> g.name() + "=" + g.members())
        .containsExactly("students=1", "teachers=0");

    people.deleteGroup("admin", "north", "students");
    assertThat(people.user("north", "ann").groups()).isEmpty();
    assertThat(people.bindings("north")).isEmpty();
    assertThat(seenAt("10.9.1.1")).isEqualTo("anonymous");
  }

  // ---- CSV import

  private PeopleImport.Report importCsv(String csv, boolean dryRun) {
    return importer.run("admin", "north", csv.getBytes(StandardCharsets.UTF_8), dryRun);
  }

  @Test
  void aDryRunSaysWhatAnImportWouldDoAndChangesNothing() {
    people.createUser("admin", "north", new UserInput("ann", "Ann", List.of("students")));
    String csv = "login,display_name,groups,ip\n"
        + "ann,Ann Li,students;chess,\n"
        + "s2026001,张小明,students,10.1.7.21\n"
        + "t-chen,\"Chen, Teacher\",teachers,10.1.9.0/28;2001:DB8:9::/64\n";
    PeopleImport.Report dry = importCsv(csv, true);
    assertThat(dry.created()).containsExactly("s2026001", "t-chen");
    assertThat(dry.updated()).containsExactly("ann");
    assertThat(dry.groupsCreated()).containsExactly("chess");
    assertThat(dry.networksBound()).containsExactly("10.1.7.21/32 s2026001",
        "10.1.9.0/28 t-chen", "2001:db8:9::/64 t-chen");
    assertThat(people.users("north", null)).hasSize(1);

    PeopleImport.Report done = importCsv(csv, false);
    assertThat(done).isEqualTo(new PeopleImport.Report(false, 3, dry.created(), dry.updated(),
        0, dry.groupsCreated(), dry.networksBound()));
    assertThat(people.user("north", "ann").groups()).containsExactly("chess", "students");
    assertThat(people.user("north", "t-chen").displayName()).isEqualTo("Chen, Teacher");
    assertThat(people.user("north", "s2026001").networks()).containsExactly("10.1.7.21/32");
    assertThat(logged()).contains("admin people.import people:north");

    // the same file again changes nothing
    PeopleImport.Report again = importCsv(csv, false);
    assertThat(again.created()).isEmpty();
    assertThat(again.updated()).isEmpty();
    assertThat(again.unchanged()).isEqualTo(3);
  }

  @Test
  void aFileWithErrorsIsRefusedWholeWithEveryLineAtFault() {
    people.createUser("admin", "north", new UserInput("ann", "Ann", List.of()));
    people.bind("admin", "north", new BindingInput("10.0.0.1", "ann", null));
    String csv = "login,display_name,ip\n"
        + "ok1,Fine,10.5.0.1\n"
        + "bad login,X,\n"
        + "ok2,Fine,10.0.0.1\n"
        + "ok3,Fine,10.5.0.0/8\n"
        + "ok1,Again,\n";
    assertThatThrownBy(() -> importCsv(csv, false))
        .isInstanceOfSatisfying(RefusedRequest.class, e -> {
          assertThat(e.status()).isEqualTo(422);
          assertThat(e.code()).isEqualTo("invalid-csv");
          assertThat(e.details()).extracting(d -> ((PeopleImport.LineError) d).row())
              .containsExactly(3, 4, 5, 6);
          assertThat(e.details()).extracting(d -> ((PeopleImport.LineError) d).column())
              .containsExactly("login", "ip", "ip", "login");
          assertThat(e.details().toString()).contains("is bound already to the user ann",
              "host bits set", "also on line 2");
        });
    assertThat(people.users("north", null)).extracting(UserView::login).containsExactly("ann");
  }

  @Test
  void theHeaderMustNameKnownColumnsAndTheFileMustBeUtf8() {
    assertRefused(() -> importCsv("name,mail\nann,a@x\n", true), 422, "invalid-csv");
    assertRefused(() -> importCsv("", true), 422, "invalid-csv");
    byte[] gbk = "login,display_name\nann,张\n".getBytes(java.nio.charset.Charset.forName("GBK"));
    assertThatThrownBy(() -> importer.run("admin", "north", gbk, true))
        .hasMessageContaining("problem")
        .extracting(e -> ((RefusedRequest) e).details().toString())
        .asString().contains("not UTF-8");
  }

  static void assertRefused(Runnable call, int status, String code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(RefusedRequest.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.status()).isEqualTo(status);
    });
  }
}
