package org.campusgate.console.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the console's DAOs promise, checked against a real database. Subclasses supply an empty
 * database (H2 file, real PostgreSQL); every test opens it through {@link ConsoleDatabase}, so
 * the migrations run first, as in production.
 */
abstract class ConsoleDaoContract {
  /** Nanoseconds on purpose: the databases keep microseconds, and so must the DAOs' results. */
  static final Instant NOW = Instant.parse("2026-03-02T08:15:30.123456789Z");
  static final Instant NOW_STORED = NOW.truncatedTo(ChronoUnit.MICROS);
  static final String HASH = "$argon2id$v=19$m=65536,t=3,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";

  private String url;
  ConsoleDatabase db;

  /** A JDBC URL of a new, empty database. */
  abstract String newDatabaseUrl() throws Exception;

  abstract String user();

  abstract String password();

  @BeforeEach
  void open() throws Exception {
    url = newDatabaseUrl();
    db = ConsoleDatabase.open(url, user(), password(), Clock.fixed(NOW, ZoneOffset.UTC));
    db.schools().create("north", "North Primary");
    db.schools().create("south", "South Middle");
  }

  @AfterEach
  void close() {
    db.close();
  }

  // ---- schools and reopening

  @Test
  void dataSurvivesReopeningAndMigrationsDoNotRunTwice() {
    db.close();
    db = ConsoleDatabase.open(url, user(), password(), Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(db.schools().list()).extracting(School::id).containsExactly("north", "south");
    assertThat(db.schools().find("north")).hasValue(new School("north", "North Primary", NOW_STORED));
  }

  @Test
  void schoolIdsAreUnique() {
    assertThatThrownBy(() -> db.schools().create("north", "Another"))
        .isInstanceOf(ConstraintViolationException.class)
        .extracting(e -> ((ConstraintViolationException) e).kind())
        .isEqualTo(ConstraintViolationException.Kind.DUPLICATE);
  }

  // ---- accounts

  @Test
  void accountsAreUniquePerUsername() {
    ConsoleAccount alice = db.accounts().create("alice", HASH, ConsoleRole.DISTRICT_ADMIN, null);

    assertThat(db.accounts().findByUsername("alice")).hasValue(alice);
    assertThat(alice.mustChangePassword()).isTrue();
    assertThat(alice.failedLogins()).isZero();
    assertThat(alice.createdAt()).isEqualTo(NOW_STORED);
    assertViolation(() -> db.accounts().create("alice", HASH, ConsoleRole.INSPECTOR, null),
        ConstraintViolationException.Kind.DUPLICATE);
    // names differing only by case would look like one person in the log: upper case is refused
    assertViolation(() -> db.accounts().create("Alice", HASH, ConsoleRole.INSPECTOR, null),
        ConstraintViolationException.Kind.INVALID);
  }

  @Test
  void aSchoolAdminHasAnExistingSchoolAndDistrictRolesHaveNone() {
    assertViolation(() -> db.accounts().create("sa", HASH, ConsoleRole.SCHOOL_ADMIN, null),
        ConstraintViolationException.Kind.INVALID);
    assertViolation(() -> db.accounts().create("sa", HASH, ConsoleRole.SCHOOL_ADMIN, "nowhere"),
        ConstraintViolationException.Kind.REFERENCE);
    assertViolation(() -> db.accounts().create("da", HASH, ConsoleRole.DISTRICT_ADMIN, "north"),
        ConstraintViolationException.Kind.INVALID);

    ConsoleAccount admin = db.accounts().create("sa", HASH, ConsoleRole.SCHOOL_ADMIN, "north");
    ConsoleAccount responder = db.accounts().create("re", HASH, ConsoleRole.RESPONDER, "south");
    assertThat(db.accounts().list()).containsExactly(responder, admin);
  }

  @Test
  void repeatedFailuresLockTheAccountAndASuccessClearsThem() {
    long id = db.accounts().create("bob", HASH, ConsoleRole.INSPECTOR, null).id();

    assertThat(db.accounts().recordFailedLogin(id, 3, Duration.ofMinutes(15)).orElseThrow().lockedUntil()).isNull();
    db.accounts().recordFailedLogin(id, 3, Duration.ofMinutes(15));
    ConsoleAccount locked = db.accounts().recordFailedLogin(id, 3, Duration.ofMinutes(15)).orElseThrow();
    assertThat(locked.failedLogins()).isEqualTo(3);
    assertThat(locked.lockedUntil()).isEqualTo(NOW_STORED.plus(Duration.ofMinutes(15)));
    assertThat(locked.lockedAt(NOW)).isTrue();

    db.accounts().recordSuccessfulLogin(id);
    ConsoleAccount cleared = db.accounts().find(id).orElseThrow();
    assertThat(cleared.failedLogins()).isZero();
    assertThat(cleared.lockedUntil()).isNull();
    assertThat(db.accounts().recordFailedLogin(999_999, 3, Duration.ofMinutes(15))).isEmpty();
  }

  @Test
  void changingThePasswordClearsTheFirstLoginFlag() {
    long id = db.accounts().create("carol", HASH, ConsoleRole.RESPONDER, null).id();
    assertThat(db.accounts().changePassword(id, HASH + "x", false)).isTrue();
    ConsoleAccount carol = db.accounts().find(id).orElseThrow();
    assertThat(carol.passwordHash()).isEqualTo(HASH + "x");
    assertThat(carol.mustChangePassword()).isFalse();
    assertThat(db.accounts().changePassword(999_999, HASH, false)).isFalse();
  }

  // ---- tokens

  @Test
  void aTokenIsFoundByItsHashAndNotAfterRevocation() {
    String hash = TokenDao.hashOf("cg_secret_one");
    ApiToken token = db.tokens().create(hash, "ci export", ConsoleRole.SCHOOL_ADMIN, "north");

    assertThat(hash).hasSize(64).doesNotContain("secret");
    assertThat(db.tokens().findActiveByHash(hash)).hasValue(token);
    assertThat(db.tokens().findActiveByHash(TokenDao.hashOf("cg_secret_two"))).isEmpty();

    assertThat(db.tokens().revoke(token.id())).isTrue();
    assertThat(db.tokens().findActiveByHash(hash)).isEmpty();
    assertThat(db.tokens().revoke(token.id())).isFalse();
    assertThat(db.tokens().list()).singleElement()
        .satisfies(t -> assertThat(t.revokedAt()).isEqualTo(NOW_STORED))
        .satisfies(t -> assertThat(t.active()).isFalse());
  }

  @Test
  void tokenHashesAreUniqueAndRolesFitTheirSchool() {
    String hash = TokenDao.hashOf("cg_secret");
    db.tokens().create(hash, "a", ConsoleRole.INSPECTOR, null);
    assertViolation(() -> db.tokens().create(hash, "b", ConsoleRole.INSPECTOR, null),
        ConstraintViolationException.Kind.DUPLICATE);
    assertViolation(() -> db.tokens().create(TokenDao.hashOf("x"), "c", ConsoleRole.SCHOOL_ADMIN, null),
        ConstraintViolationException.Kind.INVALID);
  }

  // ---- people

  @Test
  void usersGroupsAndMemberships() {
    PeopleDao people = db.people();
    SchoolUser ann = people.createUser("north", "ann", "Ann Li");
    SchoolUser ben = people.createUser("north", "ben", "Ben Wang");
    SchoolGroup students = people.createGroup("north", "students");
    SchoolGroup chess = people.createGroup("north", "chess-club");
    people.addMember("north", ann.id(), students.id());
    people.addMember("north", ann.id(), chess.id());
    people.addMember("north", ben.id(), students.id());

    assertThat(people.findUser("north", "ann")).hasValue(ann);
    assertThat(people.groupsOf(ann.id())).containsExactly(chess, students);
    assertThat(people.membersOf(students.id())).containsExactly(ann, ben);
    assertViolation(() -> people.addMember("north", ann.id(), students.id()),
        ConstraintViolationException.Kind.DUPLICATE);
    assertThat(people.removeMember(ann.id(), chess.id())).isTrue();
    assertThat(people.groupsOf(ann.id())).containsExactly(students);
  }

  @Test
  void loginsAreUniquePerSchoolAndMembershipsStayInsideASchool() {
    PeopleDao people = db.people();
    SchoolUser ann = people.createUser("north", "ann", "Ann Li");
    people.createUser("south", "ann", "Another Ann");
    assertViolation(() -> people.createUser("north", "ann", "Ann Again"), ConstraintViolationException.Kind.DUPLICATE);
    assertViolation(() -> people.createGroup("nowhere", "x"), ConstraintViolationException.Kind.REFERENCE);

    SchoolGroup southGroup = people.createGroup("south", "teachers");
    assertViolation(() -> people.addMember("north", ann.id(), southGroup.id()),
        ConstraintViolationException.Kind.REFERENCE);
    assertViolation(() -> people.addMember("south", ann.id(), southGroup.id()),
        ConstraintViolationException.Kind.REFERENCE);
  }

  @Test
  void aBindingKeepsItsCidrTextAsGivenAndOneCidrBindsOnce() {
    PeopleDao people = db.people();
    SchoolUser ann = people.createUser("north", "ann", "Ann Li");
    SchoolGroup lab = people.createGroup("north", "lab");

    IpBinding one = people.bindToUser("north", "10.1.2.3/32", ann.id(), "admin");
    // not normalised here: validation and normalisation belong to the API
    IpBinding two = people.bindToGroup("north", "2001:DB8:0:0::/64", lab.id(), "admin");
    assertThat(people.bindings("north")).containsExactly(one, two);
    assertThat(two.cidr()).isEqualTo("2001:DB8:0:0::/64");
    assertThat(two.userId()).isNull();

    assertViolation(() -> people.bindToGroup("north", "10.1.2.3/32", lab.id(), "admin"),
        ConstraintViolationException.Kind.DUPLICATE);
    SchoolUser other = people.createUser("south", "ann", "South Ann");
    people.bindToUser("south", "10.1.2.3/32", other.id(), "admin");
    assertViolation(() -> people.bindToUser("north", "10.9.9.0/24", other.id(), "admin"),
        ConstraintViolationException.Kind.REFERENCE);

    assertThat(people.deleteBinding(two.id())).isTrue();
    assertThat(people.deleteBinding(two.id())).isFalse();
  }

  @Test
  void removingAUserRemovesTheirMembershipsAndBindings() {
    PeopleDao people = db.people();
    SchoolUser ann = people.createUser("north", "ann", "Ann Li");
    SchoolGroup lab = people.createGroup("north", "lab");
    people.addMember("north", ann.id(), lab.id());
    people.bindToUser("north", "10.1.2.3/32", ann.id(), "admin");

    assertThat(people.deleteUser(ann.id())).isTrue();
    assertThat(people.membersOf(lab.id())).isEmpty();
    assertThat(people.bindings("north")).isEmpty();
    assertThat(people.users("north")).isEmpty();
    assertThat(people.groups("north")).containsExactly(lab);
  }

  @Test
  void renamingFindingAndRemovingGroupsAndTheSchoolsMemberships() {
    PeopleDao people = db.people();
    SchoolUser ann = people.createUser("north", "ann", "Ann Li");
    SchoolGroup lab = people.createGroup("north", "lab");
    SchoolGroup art = people.createGroup("north", "art");
    people.addMember("north", ann.id(), lab.id());
    people.addMember("north", ann.id(), art.id());
    people.bindToGroup("north", "10.5.0.0/16", lab.id(), "admin");
    SchoolUser southAnn = people.createUser("south", "ann", "South Ann");
    people.addMember("south", southAnn.id(), people.createGroup("south", "lab").id());

    assertThat(people.renameUser(ann.id(), "Ann Li-Wang")).isTrue();
    assertThat(people.findUser("north", "ann")).get().extracting(SchoolUser::displayName)
        .isEqualTo("Ann Li-Wang");
    assertThat(people.findGroup("north", "lab")).hasValue(lab);
    assertThat(people.memberships("north")).containsExactlyInAnyOrder(
        new Membership(ann.id(), lab.id()), new Membership(ann.id(), art.id()));

    assertThat(people.deleteGroup(lab.id())).isTrue();
    assertThat(people.deleteGroup(lab.id())).isFalse();
    assertThat(people.groupsOf(ann.id())).containsExactly(art);
    assertThat(people.bindings("north")).isEmpty();
  }

  @Test
  void aTransactionLeavesNothingBehindWhenItFails() {
    PeopleDao people = db.people();
    assertViolation(() -> people.inTransaction(() -> {
      people.createUser("north", "ann", "Ann Li");
      return people.createUser("north", "ann", "Ann Again");
    }), ConstraintViolationException.Kind.DUPLICATE);
    assertThat(people.users("north")).isEmpty();

    people.inTransaction(() -> people.createUser("north", "ben", "Ben Wang"));
    assertThat(people.users("north")).extracting(SchoolUser::login).containsExactly("ben");
  }

  // ---- policies

  @Test
  void publishingNumbersVersionsAndMovesTheCurrentPointer() {
    PolicyDao policies = db.policies();
    Policy policy = policies.create("north", "main");
    assertThat(policies.current(policy.id())).isEmpty();
    assertThat(policy.currentVersion()).isNull();

    for (int n = 1; n <= 3; n++) {
      PolicyVersion v = policies.publish(policy.id(), "version: " + n + "\n", "alice", "change " + n);
      assertThat(v.version()).isEqualTo(n);
      assertThat(policies.current(policy.id())).hasValue(v);
      assertThat(policies.find(policy.id()).orElseThrow().currentVersion()).isEqualTo(n);
    }
    assertThat(policies.history(policy.id())).extracting(PolicyVersion::version).containsExactly(3, 2, 1);
    assertThat(policies.version(policy.id(), 2).orElseThrow())
        .isEqualTo(new PolicyVersion(policy.id(), 2, "version: 2\n", "alice", "change 2", NOW_STORED));
  }

  @Test
  void eachPolicyCountsItsOwnVersions() {
    Policy north = db.policies().create("north", "main");
    Policy south = db.policies().create("south", "main");
    db.policies().publish(north.id(), "a", "alice", null);
    db.policies().publish(north.id(), "b", "alice", null);
    assertThat(db.policies().publish(south.id(), "c", "bob", null).version()).isEqualTo(1);
    assertViolation(() -> db.policies().create("north", "main"), ConstraintViolationException.Kind.DUPLICATE);
  }

  @Test
  void rollbackPublishesTheOldTextAsANewVersion() {
    PolicyDao policies = db.policies();
    long id = policies.create("north", "main").id();
    policies.publish(id, "blocks: [gambling]\n", "alice", "first");
    policies.publish(id, "blocks: []\n", "alice", "oops");

    PolicyVersion back = policies.rollback(id, 1, "bob");

    assertThat(back.version()).isEqualTo(3);
    assertThat(back.document()).isEqualTo("blocks: [gambling]\n");
    assertThat(back.author()).isEqualTo("bob");
    assertThat(back.comment()).contains("1");
    assertThat(policies.current(id)).hasValue(back);
    assertThat(policies.history(id)).hasSize(3);
    assertThatThrownBy(() -> policies.rollback(id, 9, "bob")).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> policies.publish(999_999, "x", "bob", null)).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void concurrentPublishesGetConsecutiveNumbers() throws Exception {
    long id = db.policies().create("north", "main").id();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> jobs = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String text = "rule: " + i + "\n";
        jobs.add(() -> db.policies().publish(id, text, "alice", null).version());
      }
      List<Integer> numbers = new ArrayList<>();
      for (Future<Integer> f : pool.invokeAll(jobs)) {
        numbers.add(f.get());
      }
      assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 20).boxed().toList());
      assertThat(db.policies().current(id).orElseThrow().version()).isEqualTo(20);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- lists

  @Test
  void aListImportReplacesTheListsPreviousFigures() {
    db.lists().recordImport("ut1/gambling", null, "/srv/ut1/gambling", 100, 5, 0, "alice");
    ListMetadata again = db.lists().recordImport("ut1/gambling", null, "/srv/ut1-new/gambling", 120, 6, 1, "bob");

    assertThat(db.lists().list()).containsExactly(again);
    assertThat(again.domainCount()).isEqualTo(120);
    assertThat(again.importedBy()).isEqualTo("bob");
    assertViolation(() -> db.lists().recordImport("custom", "nowhere", "upload", 1, 0, 0, "alice"),
        ConstraintViolationException.Kind.REFERENCE);
    assertViolation(() -> db.lists().recordImport("neg", null, "upload", -1, 0, 0, "alice"),
        ConstraintViolationException.Kind.INVALID);
  }

  // ---- admin log

  @Test
  void adminLogEntriesComeBackInOrderWithBeforeAndAfter() {
    AdminLogDao log = db.adminLog();
    AdminAction a = log.append("alice", "policy.publish", "policy main", "north", "{\"version\":1}", "{\"version\":2}");
    AdminAction b = log.append("alice", "user.create", "user ann", "north", null, "{\"login\":\"ann\"}");
    AdminAction c = log.append("root", "school.create", "school south", null, null, "{\"id\":\"south\"}");
    AdminAction d = log.append("bob", "binding.delete", "10.0.0.0/8", "south", "{\"cidr\":\"10.0.0.0/8\"}", null);

    assertThat(log.page(null, 0, 100)).containsExactly(a, b, c, d);
    assertThat(log.page("north", 0, 100)).containsExactly(a, b);
    assertThat(log.page(null, b.id(), 1)).containsExactly(c);
    assertThat(a.at()).isEqualTo(NOW_STORED);
    assertThat(log.page(null, 0, 1).get(0).beforeJson()).isEqualTo("{\"version\":1}");

    assertThat(log.latest(null, Long.MAX_VALUE, 3)).containsExactly(d, c, b);
    assertThat(log.latest(null, b.id(), 10)).containsExactly(a);
    assertThat(log.latest("south", Long.MAX_VALUE, 10)).containsExactly(d);

    // by action prefix and time, paged by id (what the monthly report reads)
    Instant after = NOW_STORED.plusNanos(1000);
    assertThat(log.actions("school.", NOW_STORED, after, 0, 10)).containsExactly(c);
    assertThat(log.actions("", NOW_STORED, after, 0, 2)).containsExactly(a, b);
    assertThat(log.actions("", NOW_STORED, after, b.id(), 10)).containsExactly(c, d);
    assertThat(log.actions("binding.", after, after.plusSeconds(1), 0, 10)).isEmpty();
  }

  @Test
  void theAdminLogOffersNoWayToChangeAnEntry() {
    assertThat(AdminLogDao.class.getDeclaredMethods())
        .filteredOn(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()))
        .extracting(java.lang.reflect.Method::getName)
        .containsExactlyInAnyOrder("append", "page", "latest", "actions");
  }

  @Test
  void aMissingValueGivesAClearError() {
    assertThatThrownBy(() -> db.people().createUser("north", "x", null))
        .isInstanceOf(ConstraintViolationException.class)
        .hasMessageStartingWith("create user x: ")
        .extracting(e -> ((ConstraintViolationException) e).kind())
        .isEqualTo(ConstraintViolationException.Kind.INVALID);
  }

  static void assertViolation(Runnable write, ConstraintViolationException.Kind kind) {
    assertThatThrownBy(write::run)
        .isInstanceOf(ConstraintViolationException.class)
        .extracting(e -> ((ConstraintViolationException) e).kind())
        .isEqualTo(kind);
  }
}
