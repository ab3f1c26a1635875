package org.campusgate.console.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.campusgate.audit.AuditStore;
import org.campusgate.console.ConsoleConfiguration;
import org.campusgate.console.auth.PasswordLogin;
import org.campusgate.console.auth.Sessions;
import org.campusgate.console.db.ConsoleDatabase;
import org.campusgate.gateway.identity.PasswordHashes;
import org.campusgate.console.lists.BlockLists;
import org.campusgate.console.register.RegisterDao;
import org.campusgate.console.register.RegisterService;
import org.campusgate.console.report.MonthlyReports;
import org.campusgate.console.report.output.ReportJobs;
import org.campusgate.console.report.rectify.RectificationDao;
import org.campusgate.console.report.rectify.RectificationService;

/**
 * The console's services, made once at start and handed to the resources: the database and its
 * DAOs, the admin log, policies, IP bindings, sign-in, the audit store and the local gateway.
 */
public final class ConsoleServices {
  private final String localSchool;
  private final Clock clock;
  private final ConsoleDatabase db;
  private final ObjectMapper json;
  private final AdminLog adminLog;
  private final PolicyService policies;
  private final RegisterService register;
  private final BlockLists lists;
  private final GatewayBindings bindings;
  private final PasswordHashes hasher;
  private final Sessions sessions;
  private final PasswordLogin login;
  private final Optional<String> initialAdminPassword;
  private final RectificationService rectifications;
  private final MonthlyReports reports;
  private final ReportJobs reportJobs;
  private volatile AuditStore store;
  private volatile LocalGateway gateway;

  private ConsoleServices(ConsoleConfiguration config, Clock clock, ConsoleDatabase db,
      ObjectMapper json, BlockLists lists, Path home) throws Exception {
    this.localSchool = config.school.id;
    this.clock = clock;
    this.db = db;
    this.json = json;
    this.adminLog = new AdminLog(db.adminLog(), json);
    this.lists = lists;
    // The register hands each new revision to the policies (read through the accessor: the
    // field is set on the next line, before any change can be made).
    this.register = new RegisterService(new RegisterDao(db.jdbi(), clock), adminLog,
        SchoolDashboard.DEFAULT_ZONE, next -> policies().replaceRegister(next));
    this.policies = new PolicyService(db.policies(), adminLog, lists.inForce(), register::current);
    this.bindings = new GatewayBindings(db.people(), clock);
    this.hasher = new PasswordHashes();
    ConsoleConfiguration.SessionSection s = config.sessions;
    this.sessions = new Sessions(s.idleTimeout.toJavaDuration(), s.absoluteTimeout.toJavaDuration(),
        s.maxSessions, Ticker.systemTicker(), clock::instant);
    this.login = new PasswordLogin(db.accounts(), adminLog, hasher, clock, s.lockAfterFailures,
        s.lockFor.toJavaDuration());
    FirstStart first = new FirstStart(db, hasher);
    first.school(config.school.id, config.school.name, home.resolve(config.school.initialPolicy),
        policies);
    if (config.demoPeople) {
      first.demoPeople(config.school.id);
    }
    if (config.school.initialRegister != null) {
      first.register(home.resolve(config.school.initialRegister), register, clock);
    }
    this.initialAdminPassword = first.firstAdmin(home.resolve(config.initialAdminPasswordFile));
    this.rectifications = new RectificationService(new RectificationDao(db.jdbi()), db.accounts(),
        adminLog, clock, SchoolDashboard.DEFAULT_ZONE, config.report.rectificationDays);
    this.reports = new MonthlyReports(this::store, register, db.schools(), db.adminLog(),
        rectifications, clock, SchoolDashboard.DEFAULT_ZONE, config.report.district);
    this.reportJobs = ReportJobs.forConsole(reports, config.report, home, clock);
  }

  /**
   * Loads the lists (the newest import made in the console, else the configured ones, with the
   * custom entries), then creates what a first start needs (school, policy, first admin).
   */
  public static ConsoleServices start(ConsoleConfiguration config, Path home, Clock clock,
      ConsoleDatabase db, ObjectMapper json) throws Exception {
    return new ConsoleServices(config, clock, db, json, BlockLists.load(config, home, db, clock),
        home);
  }

  public void attachStore(AuditStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  public void attachGateway(LocalGateway gateway) {
    this.gateway = gateway;
  }

  /** The school this installation serves (and whose gateway it may run). */
  public String localSchool() {
    return localSchool;
  }

  public Clock clock() {
    return clock;
  }

  public ConsoleDatabase db() {
    return db;
  }

  public ObjectMapper json() {
    return json;
  }

  public AdminLog adminLog() {
    return adminLog;
  }

  public PolicyService policies() {
    return policies;
  }

  /** The learning-app register: catalogue, filings, workflow. */
  public RegisterService register() {
    return register;
  }

  /** The block lists in force: imported set and custom entries. */
  public BlockLists lists() {
    return lists;
  }

  public GatewayBindings bindings() {
    return bindings;
  }

  public PasswordHashes hasher() {
    return hasher;
  }

  public Sessions sessions() {
    return sessions;
  }

  public PasswordLogin login() {
    return login;
  }

  public AuditStore store() {
    return store;
  }

  public Optional<LocalGateway> gateway() {
    return Optional.ofNullable(gateway);
  }

  /** Rectification items raised by monthly reports. */
  public RectificationService rectifications() {
    return rectifications;
  }

  /** Makes monthly inspection reports. */
  public MonthlyReports reports() {
    return reports;
  }

  /** Makes monthly reports in the background and keeps them under report.dir. */
  public ReportJobs reportJobs() {
    return reportJobs;
  }

  /** The first admin's one-time password, when this start created that account. */
  public Optional<String> initialAdminPassword() {
    return initialAdminPassword;
  }
}
