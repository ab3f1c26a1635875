package org.campusgate.console.core;

import java.time.Clock;
import org.campusgate.console.register.RegisterFileImports;
import org.campusgate.console.register.RegisterService;
import org.campusgate.console.register.files.ImportReport;
import org.campusgate.console.register.files.RegisterFiles;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.console.db.ConsoleRole;
import org.campusgate.console.db.SchoolGroup;
import org.campusgate.console.db.SchoolUser;
import org.campusgate.gateway.identity.PasswordHasher;

/**
 * What the console creates the first time it starts on an empty database: the school with its
 * initial policy as version 1, the first admin account with a one-time password (there are no
 * default credentials), and for the demo a few people, groups and IP bindings. Each step is
 * skipped when its data exists, so a restart changes nothing.
 */
public final class FirstStart {
  /** The first account's name. */
  public static final String FIRST_ADMIN = "admin";
  private static final char[] PASSWORD_ALPHABET =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

  private final ConsoleDatabase db;
  private final PasswordHasher hasher;
  private final SecureRandom random = new SecureRandom();

  public FirstStart(ConsoleDatabase db, PasswordHasher hasher) {
    this.db = db;
    this.hasher = hasher;
  }

  /** Creates the school and publishes {@code initialPolicy} when the school has no policy yet. */
  public void school(String id, String name, Path initialPolicy, PolicyService policies)
      throws IOException, PolicyService.RejectedPolicyException {
    if (db.schools().find(id).isEmpty()) {
      db.schools().create(id, name);
    }
    if (policies.current(id).isEmpty()) {
      policies.publish(id, Files.readString(initialPolicy), "system",
          "initial policy from " + initialPolicy.getFileName());
    }
  }

  /**
   * Creates the district admin {@value #FIRST_ADMIN} with a random password when there is no
   * account at all, and writes the password to {@code passwordFile} (mode 0600, created new).
   *
   * @return the password, when an account was created now
   */
  public Optional<String> firstAdmin(Path passwordFile) throws IOException {
    if (!db.accounts().list().isEmpty()) {
      return Optional.empty();
    }
    char[] password = new char[20];
    for (int i = 0; i < password.length; i++) {
      password[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
    }
    String text = new String(password);
    Files.createDirectories(passwordFile.toAbsolutePath().getParent());
    Files.deleteIfExists(passwordFile); // a stale one from an earlier database
    try {
      Files.createFile(passwordFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new IOException("could not create " + passwordFile + " afresh", e);
    }
    try (Writer w = Files.newBufferedWriter(passwordFile, StandardCharsets.UTF_8,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      w.write(text + "\n");
    }
    db.accounts().create(FIRST_ADMIN, hasher.hash(password), ConsoleRole.DISTRICT_ADMIN, null);
    java.util.Arrays.fill(password, '\0');
    return Optional.of(text);
  }

  /**
   * The demo's people: three groups with a few users each, and loopback addresses bound to two
   * of them so that {@code curl --interface 127.0.0.2} browses as a student.
   */
  /**
   * Imports {@code file} into the register when it is still empty (revision 0), as the
   * {@code system} actor; a file that does not read stops the start with its row errors.
   */
  public void register(Path file, RegisterService register, Clock clock) throws IOException {
    if (register.current().revision() > 0) {
      return;
    }
    ImportReport report = RegisterFiles.read(file, register.current(), clock.instant());
    if (!report.ok()) {
      throw new IllegalStateException("the initial register " + file + " was rejected: "
          + report.errors().stream().limit(10).map(Object::toString).toList());
    }
    new RegisterFileImports(register).importFile("system", report);
  }

  public void demoPeople(String school) {
    if (!db.people().users(school).isEmpty()) {
      return;
    }
    List<String[]> people = List.of(
        new String[] {"students", "student1", "张小明 Zhang Xiaoming"},
        new String[] {"students", "student2", "李华 Li Hua"},
        new String[] {"students", "student3", "王芳 Wang Fang"},
        new String[] {"teachers", "teacher1", "陈老师 Teacher Chen"},
        new String[] {"teachers", "teacher2", "刘老师 Teacher Liu"},
        new String[] {"staff", "staff1", "赵会计 Zhao (finance)"});
    Map<String, SchoolGroup> groups = new java.util.HashMap<>();
    for (String name : List.of("students", "teachers", "staff")) {
      groups.put(name, db.people().createGroup(school, name));
    }
    for (String[] person : people) {
      SchoolUser user = db.people().createUser(school, person[1], person[2]);
      db.people().addMember(school, user.id(), groups.get(person[0]).id());
    }
    bind(school, "127.0.0.2/32", "student1");
    bind(school, "127.0.0.3/32", "teacher1");
  }

  private void bind(String school, String cidr, String login) {
    db.people().findUser(school, login).ifPresent(u ->
        db.people().bindToUser(school, cidr, u.id(), "system"));
  }
}
